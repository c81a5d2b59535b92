import { describe, expect, it } from 'vitest';
import type { Feature } from '../../../../../preload/contract';
import { ASSUMED_DEPTH_M, circleShape, pipeTubes } from '../../../../../renderer/layers/drainagePipes/pipeTubes';

const pipe = (props: Record<string, unknown>, coords: number[][] = [[110.8, 32.6], [110.8005, 32.6]]): Feature => ({ type: 'Feature', id: 'YSGX1', properties: props, geometry: { type: 'LineString', coordinates: coords } });
const flat = { exaggeration: 1, relativeHeight: 0, groundAt: () => 200 };

describe('pipe tubes (pure)', () => {
  it('puts the invert at the bottom: centreline = invert + radius at each end', () => {
    const [t] = pipeTubes(pipe({ up_invert: 191.2, down_invert: 191.0, diameter_mm: 1200 }), flat);
    expect(t!.radius).toBeCloseTo(0.6);
    expect(t!.positions[2]).toBeCloseTo(191.8);
    expect(t!.positions[5]).toBeCloseTo(191.6);
    expect(t!.estimated).toBe(false);
    expect(t!.featureId).toBe('YSGX1');
  });
  it('interpolates inverts along the line by distance', () => {
    const [t] = pipeTubes(pipe({ up_invert: 100, down_invert: 90, diameter_mm: 200 }, [[110.8, 32.6], [110.8003, 32.6], [110.8004, 32.6]]), flat);
    expect(t!.positions[5]! - 0.1).toBeCloseTo(92.5, 1);
    expect(t!.positions[8]! - 0.1).toBeCloseTo(90);
  });
  it('applies the scene vertical exaggeration to heights, not to the radius', () => {
    const [t] = pipeTubes(pipe({ up_invert: 200, down_invert: 200, diameter_mm: 400 }), { exaggeration: 1.5, relativeHeight: 0, groundAt: () => null });
    expect(t!.positions[2]).toBeCloseTo(300.2);
  });
  it('no inverts: ground − 2 m, marked estimated; one invert missing: the other end, estimated', () => {
    const [t] = pipeTubes(pipe({ diameter_mm: 300 }), flat);
    expect(t!.positions[2]).toBeCloseTo(200 - ASSUMED_DEPTH_M + 0.15);
    expect(t!.estimated).toBe(true);
    const [u] = pipeTubes(pipe({ up_invert: 150 }), flat);
    expect(u!.positions[5]).toBeCloseTo(150.15);
    expect(u!.estimated).toBe(true);
  });
  it('the arrow points downstream from the middle, above the crown; degenerate lines give nothing', () => {
    const [t] = pipeTubes(pipe({ up_invert: 10, down_invert: 9, diameter_mm: 1000 }), flat);
    expect(t!.arrow!.toLon).toBeGreaterThan(t!.arrow!.lon);
    expect(t!.arrow!.height).toBeGreaterThan(10);
    expect(pipeTubes(pipe({}, [[110.8, 32.6], [110.8, 32.6]]), flat)).toEqual([]);
    expect(pipeTubes({ ...pipe({}), geometry: null }, flat)).toEqual([]);
  });
  it('a circle cross-section of the radius', () => {
    const c = circleShape(0.5, 8);
    expect(c).toHaveLength(8);
    for (const p of c) expect(Math.hypot(p.x, p.y)).toBeCloseTo(0.5);
  });
});
