import { describe, expect, it } from 'vitest';
import { CONE_VOLUME_PAD_M, CONE_VOLUME_PAD_OF_RANGE, coneSamplePoints, coneVolume } from '../../../../../renderer/layers/cameras/coneVolume';
import { fovSector } from '../../../../../renderer/layers/cameras/fovSector';

const pairs = (flat: number[]) => Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i]!, flat[2 * i + 1]!]);

describe('coneSamplePoints (pure)', () => {
  it('a small ring: every vertex, the centroid, then midpoints from the first vertex (the apex) to the others', () => {
    const ring = [0, 0, 2, 0, 2, 2, 0, 2];
    expect(pairs(coneSamplePoints(ring))).toEqual([[0, 0], [2, 0], [2, 2], [0, 2], [1, 1], [1, 0], [1, 1], [0, 1]]);
  });
  it('a long arc is thinned to max vertices, keeping the apex and both arc ends', () => {
    const ring = fovSector(110.8, 32.6, 90, 100, 200)!; // apex + 18 arc points
    const pts = pairs(coneSamplePoints(ring, 8));
    expect(pts).toHaveLength(8 + 1 + 7);
    const all = pairs(ring);
    expect(pts[0]).toEqual(all[0]); // apex
    expect(pts[1]).toEqual(all[Math.round((all.length - 1) / 7)]);
    expect(pts[7]).toEqual(all[all.length - 1]); // last arc point
    for (const p of pts.slice(0, 8)) expect(all).toContainEqual(p);
    const cx = all.reduce((s, p) => s + p[0]!, 0) / all.length;
    expect(pts[8]![0]).toBeCloseTo(cx, 12);
    // Midway from the apex to the last arc point.
    expect(pts[15]![0]).toBeCloseTo((all[0]![0]! + all[all.length - 1]![0]!) / 2, 12);
  });
  it('names bad input', () => {
    expect(() => coneSamplePoints([1, 2, 3])).toThrow(/ring has 3 numbers/);
    expect(() => coneSamplePoints([])).toThrow(/ring has 0 numbers/);
    expect(() => coneSamplePoints([0, 0, 1, 1], 1)).toThrow(/max 1 is below 2/);
  });
});

describe('coneVolume (pure)', () => {
  it('spans the sampled heights plus the margin each way', () => {
    const pad = CONE_VOLUME_PAD_M + CONE_VOLUME_PAD_OF_RANGE * 150;
    expect(coneVolume([412.5, 398, 455, 430], 150)).toEqual({ bottom: 398 - pad, top: 455 + pad });
  });
  it('heights the globe could not tell are skipped; none left is null', () => {
    const pad = CONE_VOLUME_PAD_M + CONE_VOLUME_PAD_OF_RANGE * 100;
    expect(coneVolume([undefined, 300, Number.NaN], 100)).toEqual({ bottom: 300 - pad, top: 300 + pad });
    expect(coneVolume([undefined, undefined], 100)).toBeNull();
    expect(coneVolume([], 100)).toBeNull();
  });
  it('the volume is far shorter than the −5,508 … 3,076 m Cesium gives every ground primitive over Maojian', () => {
    const v = coneVolume([620, 700, 760], 260)!;
    expect(v.top - v.bottom).toBeLessThan(0.05 * (3076 + 5508));
  });
  it('names a bad range', () => {
    expect(() => coneVolume([1], 0)).toThrow(/rangeM 0/);
    expect(() => coneVolume([1], Number.NaN)).toThrow(/rangeM NaN/);
  });
});
