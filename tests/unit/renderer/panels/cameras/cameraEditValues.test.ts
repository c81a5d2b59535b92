import { describe, expect, it } from 'vitest';
import type { Feature } from '../../../../../preload/contract';
import { cameraMessages } from '../../../../../preload/contract/cameraAdminMethods';
import { cameraFormValuesOf, checkCameraInput, createInputOf, emptyCameraForm, updateInputOf } from '../../../../../renderer/panels/cameras/cameraEditValues';

const imported: Feature = {
  type: 'Feature',
  id: 12,
  geometry: { type: 'Point', coordinates: [110.8, 32.6] },
  properties: { name: '导入', cam_type: 'fisheye', heading: 400, sub_stream_url: 'media/c12-sub.mp4', last_seen: '2026-07-01 08:00', 建设年份: 2019 },
};
const extent: [number, number, number, number] = [110.2, 32, 111.5, 33.2];

describe('cameraEditValues', () => {
  it('reads a feature as typed text: the fid when it has no external id, props like the sub stream, odd values as they are', () => {
    expect(cameraFormValuesOf(imported)).toMatchObject({ externalId: '12', name: '导入', camType: 'fisheye', heading: '400', subStreamUrl: 'media/c12-sub.mp4', lastSeen: '2026-07-01 08:00', lon: '110.8', lat: '32.6', tilt: '' });
  });

  it('an update sends only edited fields: odd imported values left alone are not re-checked; emptied means null; a move sends both lon and lat', () => {
    const initial = cameraFormValuesOf(imported);
    const input = updateInputOf('12', initial, { ...initial, name: '导入 改', tilt: '10', subStreamUrl: '', lat: '32.61' });
    expect(input).toEqual({ id: '12', name: '导入 改', lon: 110.8, lat: 32.61, tilt: 10, subStreamUrl: null });
    expect(checkCameraInput('update', input, extent, Date.now())).toEqual({ fields: {}, other: [] });
  });

  it('create: required fields named when missing, text that is not a number refused as the field', () => {
    const v = { ...emptyCameraForm(), heading: 'abc' };
    const input = createInputOf(v);
    expect(input).toMatchObject({ externalId: '', name: '', camType: 'bullet', status: 'online', lon: undefined, lat: undefined });
    expect(Number.isNaN(input.heading)).toBe(true);
    expect(checkCameraInput('create', input, extent, Date.now()).fields).toEqual({
      externalId: cameraMessages.externalId,
      name: cameraMessages.name,
      lon: cameraMessages.lon,
      lat: cameraMessages.lat,
      heading: cameraMessages.heading,
    });
  });
});
