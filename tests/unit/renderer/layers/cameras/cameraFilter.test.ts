import { describe, expect, it } from 'vitest';
import { cameraFilterOptions, matchesCameraFilter } from '../../../../../renderer/layers/cameras/cameraFilter';

const cam = (status: string | null, camType: string | null, department: string | null) => ({ status, camType, department });

describe('camera filter (pure)', () => {
  it('no filter or absent lists keep everything; a list keeps only its values', () => {
    expect(matchesCameraFilter(cam('fault', 'ptz', '城管'), null)).toBe(true);
    expect(matchesCameraFilter(cam('fault', 'ptz', '城管'), {})).toBe(true);
    expect(matchesCameraFilter(cam('fault', 'ptz', '城管'), { statuses: ['online'] })).toBe(false);
    expect(matchesCameraFilter(cam('online', 'ptz', '城管'), { statuses: ['online'], types: ['ptz', 'dome'] })).toBe(true);
    expect(matchesCameraFilter(cam('online', 'bullet', '城管'), { statuses: ['online'], types: ['ptz', 'dome'] })).toBe(false);
    expect(matchesCameraFilter(cam('online', 'ptz', '城管'), { departments: [] })).toBe(false);
  });
  it("missing values match ''", () => {
    expect(matchesCameraFilter(cam('online', 'dome', null), { departments: [''] })).toBe(true);
    expect(matchesCameraFilter(cam('online', 'dome', null), { departments: ['城管'] })).toBe(false);
  });
  it('options: the values present, sorted, missing last', () => {
    const o = cameraFilterOptions([cam('online', 'dome', '公安'), cam('fault', null, null), cam('online', 'bullet', '城管')]);
    expect(o.statuses).toEqual(['fault', 'online']);
    expect(o.types).toEqual(['bullet', 'dome', '']);
    expect(o.departments.at(-1)).toBe('');
    expect(o.departments).toHaveLength(3);
  });
});
