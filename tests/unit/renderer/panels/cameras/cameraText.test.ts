import { describe, expect, it } from 'vitest';
import { toggleFilterValue } from '../../../../../renderer/panels/cameras/CameraFilters';
import { searchCameras } from '../../../../../renderer/panels/cameras/CameraList';
import { bearingLabel, cameraText, distanceLabel } from '../../../../../renderer/panels/cameras/cameraText';
import type { CameraRecord } from '../../../../../renderer/layers/cameras/cameraRecord';

describe('camera tool text and helpers (pure)', () => {
  it('bearings as compass points, distances in m / km, zh-CN first', () => {
    expect(bearingLabel(0)).toBe('北 N 0°');
    expect(bearingLabel(44)).toBe('东北 NE 44°');
    expect(bearingLabel(359.6)).toBe('北 N 0°');
    expect(bearingLabel(-90)).toBe('西 W 270°');
    expect(distanceLabel(85.4)).toBe('85 m');
    expect(distanceLabel(1240)).toBe('1.24 km');
    expect(cameraText('zh-CN')('seeing.arm')).toBe('视域查询');
    expect(cameraText('en')('list.more', { n: 200 })).toBe('First 200 shown; filter or search');
  });
  it('toggling a filter value: from all to all-but-one, back to all (undefined)', () => {
    const options = { statuses: ['fault', 'offline', 'online'], types: ['dome'], departments: [] };
    const f1 = toggleFilterValue({}, options, 'statuses', 'fault');
    expect(f1).toEqual({ statuses: ['offline', 'online'] });
    expect(toggleFilterValue(f1, options, 'statuses', 'fault')).toEqual({});
    expect(toggleFilterValue(f1, options, 'types', 'dome')).toEqual({ statuses: ['offline', 'online'], types: [] });
  });
  it('search by name or id, cameras with streams first', () => {
    const r = (id: string, name: string, url: string | null) => ({ id, name, url }) as CameraRecord;
    const list = [r('CAM3', '人民路球机', null), r('CAM1', '北京路枪机', null), r('CAM2', '人民路云台', 'http://x/2.m3u8')];
    expect(searchCameras(list, '').map((c) => c.id)).toEqual(['CAM2', 'CAM1', 'CAM3']);
    expect(searchCameras(list, '人民').map((c) => c.id)).toEqual(['CAM2', 'CAM3']);
    expect(searchCameras(list, 'cam1').map((c) => c.id)).toEqual(['CAM1']);
  });
});
