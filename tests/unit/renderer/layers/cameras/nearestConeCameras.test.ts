import { describe, expect, it } from 'vitest';
import { nearestConeCameras, type ConeCandidate, type ConeView } from '../../../../../renderer/layers/cameras/nearestConeCameras';

const view: ConeView = { width: 1600, height: 900, marginPx: 400, eyeAboveGroundM: 1500, maxDistanceM: 3000, maxCount: 400 };

describe('nearestConeCameras (pure)', () => {
  it('keeps cameras in view (window plus margin) nearer than maxDistance to the eye, nearest first', () => {
    const cands: ConeCandidate[] = [
      { id: 'far', x: 800, y: 450, groundM: 2700 }, // √(2700² + 1500²) ≈ 3089 m: too far
      { id: 'mid', x: 100, y: 100, groundM: 1200 },
      { id: 'near', x: 800, y: 800, groundM: 100 },
      { id: 'edge', x: -399, y: 450, groundM: 500 }, // inside the margin
      { id: 'out', x: -401, y: 450, groundM: 10 }, // outside the margin
      { id: 'below', x: 800, y: 1301, groundM: 10 },
    ];
    expect(nearestConeCameras(cands, view)).toEqual(['near', 'edge', 'mid']);
  });

  it('the eye height counts: from 2,900 m above ground nothing 800 m away along the ground is within 3 km', () => {
    const cands = [{ id: 'a', x: 10, y: 10, groundM: 800 }];
    expect(nearestConeCameras(cands, { ...view, eyeAboveGroundM: 2800 })).toEqual(['a']);
    expect(nearestConeCameras(cands, { ...view, eyeAboveGroundM: 2900 })).toEqual([]);
  });

  it('at most maxCount, the nearest; equal distances go by id so the same view gives the same set', () => {
    const cands: ConeCandidate[] = [];
    for (let i = 0; i < 50; i++) cands.push({ id: `c${String(49 - i).padStart(2, '0')}`, x: 500, y: 500, groundM: i < 25 ? 300 : 200 });
    const ids = nearestConeCameras(cands, { ...view, maxCount: 30 });
    expect(ids).toHaveLength(30);
    // The 25 at 200 m first (ids c00…c24 in order), then the first five by id of those at 300 m.
    expect(ids.slice(0, 25)).toEqual(Array.from({ length: 25 }, (_, i) => `c${String(i).padStart(2, '0')}`));
    expect(ids.slice(25)).toEqual(['c25', 'c26', 'c27', 'c28', 'c29']);
    expect(nearestConeCameras([...cands].reverse(), { ...view, maxCount: 30 })).toEqual(ids);
  });

  it('names what is wrong in bad input', () => {
    expect(() => nearestConeCameras([], { ...view, maxDistanceM: Number.NaN })).toThrow(/view\.maxDistanceM/);
    expect(() => nearestConeCameras([], { ...view, width: -1 })).toThrow(/view\.width/);
    expect(() => nearestConeCameras([{ id: '', x: 0, y: 0, groundM: 0 }], view)).toThrow(/candidate 0 has no id/);
    expect(() => nearestConeCameras([{ id: 'k', x: Number.NaN, y: 0, groundM: 0 }], view)).toThrow(/camera k has no finite x\/y/);
    expect(() => nearestConeCameras([{ id: 'k', x: 0, y: 0, groundM: -3 }], view)).toThrow(/camera k groundM -3/);
  });
});
