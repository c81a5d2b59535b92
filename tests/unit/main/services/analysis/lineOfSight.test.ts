import { describe, expect, it } from 'vitest';
import { curvatureDrop, demStepMetres, lineOfSight, sightRayReach } from '../../../../../main/services/analysis/lineOfSight';
import { at, ORIGIN, syntheticDem } from './cameraTestStore';

describe('lineOfSight', () => {
  it('lowers the ground by d²(1 − k)/2R', () => {
    expect(curvatureDrop(10_000, 0)).toBeCloseTo(7.848, 3);
    expect(curvatureDrop(10_000)).toBeCloseTo(6.828, 3);
    expect(curvatureDrop(0)).toBe(0);
  });

  it('samples at the DEM spacing', () => {
    expect(demStepMetres(syntheticDem(1000, 5, () => 0), ORIGIN.lat)).toBeCloseTo(5, 1);
  });

  it('reports the nearest of two ridges', () => {
    const dem = syntheticDem(1000, 5, (east) => (east >= 100 && east <= 110 ? 260 : east >= 300 && east <= 320 ? 300 : 200));
    const r = lineOfSight(dem, { ...ORIGIN, above: 6 }, { ...at(500, 0), above: 1.5 });
    expect(r.visible).toBe(false);
    expect(r.occludedBy!.distanceM).toBeGreaterThanOrEqual(95);
    expect(r.occludedBy!.distanceM).toBeLessThanOrEqual(110);
    expect(r.fromGroundM).toBeCloseTo(200, 3);
    // A mast tall enough to look over both ridges.
    expect(lineOfSight(dem, { ...ORIGIN, above: 400 }, { ...at(500, 0), above: 1.5 }).visible).toBe(true);
  });

  it('sees downhill over a slope but not past a crest, the same along a ray', () => {
    // A hill top at the camera falling away to the east until 300 m, then a wall.
    const dem = syntheticDem(1000, 5, (east) => (east < 0 ? 300 : east < 300 ? 300 - east * 0.3 : 300));
    const cam = { ...ORIGIN, above: 5 };
    expect(lineOfSight(dem, cam, { ...at(250, 0), above: 1.5 }).visible).toBe(true);
    const ray = sightRayReach(dem, cam, 90, 280, 1.5);
    expect(ray).toEqual({ reachM: 280, occluded: false });
    // Looking west over flat ground at 300 m, a 5 m mast sees everything.
    expect(sightRayReach(dem, cam, 270, 500, 1.5).occluded).toBe(false);
    // A convex crest: flat 300 m to 100 m east, then a steep drop; the foot of the drop is hidden.
    const crest = syntheticDem(1000, 5, (east) => (east < 100 ? 300 : 300 - (east - 100) * 2));
    expect(lineOfSight(crest, cam, { ...at(160, 0), above: 1.5 }).visible).toBe(false);
    const cut = sightRayReach(crest, cam, 90, 200, 1.5);
    expect(cut.occluded).toBe(true);
    expect(cut.reachM).toBeGreaterThan(100);
    expect(cut.reachM).toBeLessThan(125);
  });
});
