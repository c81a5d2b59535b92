import { describe, expect, it } from 'vitest';
import { fovSector } from '../../../../../renderer/layers/cameras/fovSector';

const M_LAT = 111_320;
/** Metres east/north of (lon0, lat0) for a flat ring. */
const local = (ring: number[], lon0: number, lat0: number) => {
  const out: { e: number; n: number }[] = [];
  for (let i = 0; i < ring.length; i += 2) out.push({ e: (ring[i]! - lon0) * M_LAT * Math.cos((lat0 * Math.PI) / 180), n: (ring[i + 1]! - lat0) * M_LAT });
  return out;
};

describe('fovSector (pure)', () => {
  it('apex at the camera, arc at range, centred on the heading', () => {
    const ring = fovSector(110.8, 32.6, 90, 60, 150)!;
    const pts = local(ring, 110.8, 32.6);
    expect(pts[0]).toEqual({ e: 0, n: 0 });
    for (const p of pts.slice(1)) expect(Math.hypot(p.e, p.n)).toBeCloseTo(150, 6);
    const bearings = pts.slice(1).map((p) => (Math.atan2(p.e, p.n) * 180) / Math.PI);
    expect(bearings[0]).toBeCloseTo(60, 6);
    expect(bearings[bearings.length - 1]).toBeCloseTo(120, 6);
    // Steps of at most 6°.
    expect(pts.length).toBeGreaterThanOrEqual(1 + 11);
  });
  it('a sector across north wraps correctly', () => {
    const pts = local(fovSector(110.8, 32.6, 350, 40, 100)!, 110.8, 32.6);
    const first = (Math.atan2(pts[1]!.e, pts[1]!.n) * 180) / Math.PI;
    const last = (Math.atan2(pts[pts.length - 1]!.e, pts[pts.length - 1]!.n) * 180) / Math.PI;
    expect(first).toBeCloseTo(-30, 6);
    expect(last).toBeCloseTo(10, 6);
  });
  it('360° or more is a circle without apex', () => {
    const pts = local(fovSector(110.8, 32.6, null, 360, 200)!, 110.8, 32.6);
    for (const p of pts) expect(Math.hypot(p.e, p.n)).toBeCloseTo(200, 6);
    expect(pts.length).toBe(60);
  });
  it('missing heading, fov or range: no sector', () => {
    expect(fovSector(110.8, 32.6, null, 60, 100)).toBeNull();
    expect(fovSector(110.8, 32.6, 10, null, 100)).toBeNull();
    expect(fovSector(110.8, 32.6, 10, 60, 0)).toBeNull();
    expect(fovSector(110.8, 32.6, 10, -5, 100)).toBeNull();
    expect(fovSector(NaN, 32.6, 10, 60, 100)).toBeNull();
  });
});
