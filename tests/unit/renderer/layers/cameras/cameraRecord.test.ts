import { describe, expect, it } from 'vitest';
import type { Feature } from '../../../../../preload/contract';
import { cameraRecordOf } from '../../../../../renderer/layers/cameras/cameraRecord';

const f = (properties: Record<string, unknown>, geometry: Feature['geometry'] = { type: 'Point', coordinates: [110.8, 32.6] }): Feature => ({ type: 'Feature', id: 7, properties, geometry });

describe('cameraRecordOf (pure)', () => {
  it('reads the cameras columns; the id is the external_id', () => {
    const r = cameraRecordOf(f({ external_id: 'CAM00007', name: '人民路口球机', cam_type: 'dome', status: 'fault', department: '公安茅箭分局', heading: 90, hfov: '75.5', range_m: 120, stream_url: ' http://x/a.m3u8 ' }));
    expect(r).toEqual({ id: 'CAM00007', fid: 7, name: '人民路口球机', lon: 110.8, lat: 32.6, camType: 'dome', status: 'fault', department: '公安茅箭分局', heading: 90, hfov: 75.5, rangeM: 120, url: 'http://x/a.m3u8' });
  });
  it('falls back to the feature id, missing values are null, no point is no record', () => {
    expect(cameraRecordOf(f({ heading: 'north', stream_url: '' }))).toMatchObject({ id: '7', name: '7', heading: null, url: null, status: null });
    expect(cameraRecordOf(f({}, null))).toBeNull();
    expect(cameraRecordOf(f({}, { type: 'LineString', coordinates: [[1, 2], [3, 4]] }))).toBeNull();
  });
});
