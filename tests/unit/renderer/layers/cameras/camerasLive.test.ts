import { describe, expect, it } from 'vitest';
import { parseCamerasLive } from '../../../../../renderer/layers/cameras/camerasLive';

const square = { type: 'Polygon', coordinates: [[[110.8, 32.6], [110.81, 32.6], [110.81, 32.61], [110.8, 32.6]]] };

describe('parseCamerasLive (pure)', () => {
  it('accepts filter, coverage and selected; absent fields stay absent', () => {
    expect(parseCamerasLive({})).toEqual({ ok: true, value: {} });
    expect(parseCamerasLive({ filter: { statuses: ['online'] }, coverage: square, selected: 'CAM1' })).toEqual({ ok: true, value: { filter: { statuses: ['online'] }, coverage: square, selected: 'CAM1' } });
    expect(parseCamerasLive({ filter: null, coverage: null, selected: null })).toEqual({ ok: true, value: { filter: null, coverage: null, selected: null } });
  });
  it('names the bad field', () => {
    expect(parseCamerasLive([])).toMatchObject({ ok: false, error: expect.stringContaining('cameras:') });
    expect(parseCamerasLive({ filter: { types: 'ptz' } })).toMatchObject({ ok: false, error: expect.stringContaining('cameras.filter.types') });
    expect(parseCamerasLive({ filter: { departments: ['a', 3] } })).toMatchObject({ ok: false, error: expect.stringContaining('cameras.filter.departments[1]') });
    expect(parseCamerasLive({ coverage: { type: 'Point', coordinates: [1, 2] } })).toMatchObject({ ok: false, error: expect.stringContaining('cameras.coverage') });
    expect(parseCamerasLive({ coverage: { type: 'Polygon', coordinates: [[[1, 2], [3, 4], [1, 2]]] } })).toMatchObject({ ok: false, error: expect.stringContaining('coordinates[0]') });
    expect(parseCamerasLive({ coverage: { type: 'Polygon', coordinates: [[[1, 2], [3, 4], [5, 'x'], [1, 2]]] } })).toMatchObject({ ok: false, error: expect.stringContaining('coordinates[0][2]') });
    expect(parseCamerasLive({ selected: 5 })).toMatchObject({ ok: false, error: expect.stringContaining('cameras.selected') });
  });
});
