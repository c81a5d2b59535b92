import { describe, expect, it } from 'vitest';
import { metresBetween, pointAtChainage } from '../../../../../renderer/layers/drainageDefects/pointAtChainage';

// An L-shaped line: 100 m east, then 50 m north (at 32.6°N), heights falling 200 → 199 → 198.5.
const lat = 32.6;
const dLon = 100 / (111_194.93 * Math.cos((lat * Math.PI) / 180));
const dLat = 50 / 111_194.93;
const L: number[] = [110.8, lat, 200, 110.8 + dLon, lat, 199, 110.8 + dLon, lat + dLat, 198.5];

describe('pointAtChainage', () => {
  it('the line really is 100 m + 50 m (equirectangular metres)', () => {
    expect(metresBetween(L[0]!, L[1]!, L[3]!, L[4]!)).toBeCloseTo(100, 1);
    expect(metresBetween(L[3]!, L[4]!, L[6]!, L[7]!)).toBeCloseTo(50, 1);
  });

  it('interpolates position and height linearly within the segment the chainage falls on', () => {
    const a = pointAtChainage([L], 25)!;
    expect(a.lon).toBeCloseTo(110.8 + dLon / 4, 9);
    expect(a.lat).toBeCloseTo(lat, 9);
    expect(a.height).toBeCloseTo(199.75, 3);
    const b = pointAtChainage([L], 125)!;
    expect(b.lon).toBeCloseTo(110.8 + dLon, 9);
    expect(b.lat).toBeCloseTo(lat + dLat / 2, 6);
    expect(b.height).toBeCloseTo(198.75, 2);
    expect(pointAtChainage([L], 100)!.height).toBeCloseTo(199, 2);
  });

  it('scales the recorded chainage to the drawn line by the recorded length, and clamps to the ends', () => {
    // Recorded length 300 m on a 150 m line: 150 m recorded is the middle of the line (75 m drawn).
    const mid = pointAtChainage([L], 150, 300)!;
    expect(mid.lon).toBeCloseTo(110.8 + dLon * 0.75, 6);
    expect(pointAtChainage([L], 0, 300)).toMatchObject({ lon: 110.8, lat, height: 200 });
    const end = pointAtChainage([L], 301, 300)!;
    expect([end.lon, end.lat, end.height]).toEqual([L[6], L[7], L[8]]);
    expect(pointAtChainage([L], -5)).toMatchObject({ lon: 110.8, height: 200 });
  });

  it('walks the parts of a multi-part line in order', () => {
    const second = [120, 30, 10, 120 + 2 * dLon, 30, 20];
    const p = pointAtChainage([L, second], 150 + 10)!;
    expect(p.part).toBe(1);
    expect(p.height).toBeGreaterThan(10);
    expect(p.height).toBeLessThan(11);
  });

  it('no line, a zero-length line or a non-finite chainage: null', () => {
    expect(pointAtChainage([], 5)).toBeNull();
    expect(pointAtChainage([[110.8, lat, 1, 110.8, lat, 2]], 0)).toBeNull();
    expect(pointAtChainage([L], Number.NaN)).toBeNull();
  });
});
