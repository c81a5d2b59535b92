import { describe, expect, it } from 'vitest';
import type { Feature } from '../../../../preload/contract';
import { cameraStyle } from '../../../../renderer/layers/cameras/camerasStyle';
import { drainageNodeStyle } from '../../../../renderer/layers/drainageNodes/drainageNodesStyle';
import { pipeStyle } from '../../../../renderer/layers/drainagePipes/drainagePipesStyle';
import { facilityStyle } from '../../../../renderer/layers/facilities/facilitiesStyle';
import { floodStationStyle } from '../../../../renderer/layers/floodStations/floodStationsStyle';
import { genericColour } from '../../../../renderer/layers/generic/genericStyle';

const f = (properties: Record<string, unknown>): Feature => ({ type: 'Feature', id: 1, properties, geometry: { type: 'Point', coordinates: [110.8, 32.6] } });

describe('layer styles (pure)', () => {
  it('pipes: colour by network, width grows with diameter', () => {
    expect(pipeStyle('rain', 300).color).not.toBe(pipeStyle('sewage', 300).color);
    expect(pipeStyle('combined', 300).color).not.toBe(pipeStyle('sewage', 300).color);
    expect(pipeStyle('rain', 1200).width).toBeGreaterThan(pipeStyle('rain', 300).width);
  });
  it('stations: shape by type and a glyph in the UI language', () => {
    expect(floodStationStyle(f({ station_type: 'reservoir', name: '马家河水库' }), 'zh-CN')).toMatchObject({ shape: 'square', glyph: '库', label: '马家河水库' });
    expect(floodStationStyle(f({ station_type: 'river' }), 'en')).toMatchObject({ shape: 'triangle', glyph: 'W' });
  });
  it('facilities: hazardous sites stand out as diamonds', () => {
    expect(facilityStyle(f({ category: 'hazmat' }), 'zh-CN')).toMatchObject({ shape: 'diamond', glyph: '危' });
    expect(facilityStyle(f({ category: 'hospital' }), 'en')).toMatchObject({ glyph: 'H' });
  });
  it('cameras: offline grey, fault red, online green', () => {
    expect(cameraStyle(f({ status: 'online' }))!.fill).toBe('#3ddc84');
    expect(cameraStyle(f({ status: 'offline' }))!.fill).toBe('#7b8794');
    expect(cameraStyle(f({ status: 'fault' }))!.fill).toBe('#ff4d4f');
  });
  it('drainage nodes: manholes only close up, the plant always', () => {
    expect(drainageNodeStyle(f({ node_type: 'manhole' }), 'zh-CN')!.maxDistance).toBeLessThan(5000);
    expect(drainageNodeStyle(f({ node_type: 'plant', name: '污水处理厂' }), 'zh-CN')!.maxDistance).toBeUndefined();
  });
  it('imported layers: a stable colour per layer id', () => {
    expect(genericColour('imp_a')).toBe(genericColour('imp_a'));
    expect(new Set(['imp_a', 'imp_b', 'imp_c', 'imp_d', 'imp_e'].map(genericColour)).size).toBeGreaterThan(1);
  });
});
