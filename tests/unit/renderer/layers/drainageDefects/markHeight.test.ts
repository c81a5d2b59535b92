import { describe, expect, it } from 'vitest';
import type { DefectMark } from '../../../../../renderer/layers/drainageDefects/drainageDefectsLive';
import { MARK_LIFT_M, markHeight } from '../../../../../renderer/layers/drainageDefects/markHeight';
import { pipeTubes } from '../../../../../renderer/layers/drainagePipes/pipeTubes';

const mark = (patch: Partial<DefectMark> = {}): DefectMark => ({ id: 1, code: 'PL', grade: 3, colour: '#ff922b', lon: 110.8, lat: 32.6, invert: 250, depthBelowGround: 2, radius: 0.4, ...patch });

describe('markHeight', () => {
  it('sits on the crown of the tube the pipes layer draws (same exaggeration rule as pipeTubes)', () => {
    const place = { exaggeration: 1.5, relativeHeight: 0, groundAt: () => 400 };
    const [tube] = pipeTubes({ type: 'Feature', id: 'P', geometry: { type: 'LineString', coordinates: [[110.8, 32.6], [110.801, 32.6]] }, properties: { up_invert: 250, down_invert: 250, diameter_mm: 800 } }, place);
    const centre = tube!.positions[2]!;
    expect(markHeight(mark(), { exaggeration: 1.5, relativeHeight: 0, ground: 400 })).toBeCloseTo(centre + 0.4 + MARK_LIFT_M, 6);
    expect(markHeight(mark(), { exaggeration: 2, relativeHeight: 200, ground: null })).toBeCloseTo(200 + 50 * 2 + 0.8 + MARK_LIFT_M, 6);
  });

  it('without inverts: the assumed depth below the rendered ground, or null while the ground is unknown', () => {
    expect(markHeight(mark({ invert: null }), { exaggeration: 1.5, relativeHeight: 0, ground: 400 })).toBeCloseTo(400 - 3 + 0.8 + MARK_LIFT_M, 6);
    expect(markHeight(mark({ invert: null }), { exaggeration: 1.5, relativeHeight: 0, ground: null })).toBeNull();
  });
});
