import { describe, expect, it } from 'vitest';
import { applyMapping, detectExternalIdField, detectMapping, guessLayer } from '../../../../../main/sources/interchange/fieldMapping';
import { layerSchema } from '../../../../../main/store/layerSchemas';

const pipes = layerSchema('drainage_pipes')!;
const nodes = layerSchema('drainage_nodes')!;
const cameras = layerSchema('cameras')!;

describe('fieldMapping', () => {
  it('maps a Chinese pipe survey header to drainage_pipes', () => {
    const header = ['管线编号', '起点点号', '终点点号', '管径(mm)', '材质', '起点埋深', '终点埋深', '起点管底高程', '终点管底高程', '管线类型', '埋设年代', '道路名称'];
    expect(detectMapping(header, pipes)).toEqual({
      network: '管线类型',
      up_node: '起点点号',
      down_node: '终点点号',
      diameter_mm: '管径(mm)',
      material: '材质',
      up_invert: '起点管底高程',
      down_invert: '终点管底高程',
      up_depth: '起点埋深',
      down_depth: '终点埋深',
      length_m: null,
      install_year: '埋设年代',
      external_id: '管线编号',
      name: null,
    });
    expect(guessLayer(header, 'LineString')).toEqual({ layerId: 'drainage_pipes', score: 10 / 11 });
  });

  it('maps a pinyin header to the same columns', () => {
    const m = detectMapping(['WTDH', 'QDDH', 'ZDDH', 'GJ', 'CZ', 'QDMS', 'ZDMS', 'QDGD', 'ZDGD', 'GXLX'], pipes);
    expect(m).toMatchObject({ up_node: 'QDDH', down_node: 'ZDDH', diameter_mm: 'GJ', material: 'CZ', up_depth: 'QDMS', down_depth: 'ZDMS', up_invert: 'QDGD', down_invert: 'ZDGD', network: 'GXLX', external_id: 'WTDH' });
  });

  it('maps node and camera headers and guesses the layer', () => {
    const nodeHeader = ['物探点号', '节点类型', '地面高程', '井底高程', '井深', '管线类型'];
    expect(detectMapping(nodeHeader, nodes)).toMatchObject({ external_id: '物探点号', node_type: '节点类型', ground_elev: '地面高程', invert_elev: '井底高程', depth: '井深', network: '管线类型' });
    expect(guessLayer(nodeHeader, 'Point').layerId).toBe('drainage_nodes');
    expect(guessLayer(['JS', 'DMGC', 'JDGC'], 'Point').layerId).toBe('drainage_nodes');
    const camHeader = ['名称', '朝向', '视场角', '类型', '状态', '权属单位'];
    expect(detectMapping(camHeader, cameras)).toMatchObject({ name: '名称', heading: '朝向', hfov: '视场角', cam_type: '类型', status: '状态', department: '权属单位' });
    expect(guessLayer(camHeader, 'Point').layerId).toBe('cameras');
    expect(guessLayer(['测站编码', '站名', '汛限水位', '警戒水位', '站类'], 'Point').layerId).toBe('flood_stations');
  });

  it('converts 管径 (mm or m) and 雨水/污水/合流 enums', () => {
    const m = detectMapping(['管径', '管线类型', '起点点号', '备注'], pipes);
    expect(applyMapping({ 管径: 600, 管线类型: '雨水', 起点点号: 'Y1', 备注: 'x' }, m, pipes)).toEqual({
      columns: { diameter_mm: 600, network: 'rain', up_node: 'Y1' },
      rest: { 备注: 'x' },
      errors: [],
    });
    expect(applyMapping({ 管径: 0.6, 管线类型: '污水' }, m, pipes).columns).toMatchObject({ diameter_mm: 600, network: 'sewage' });
    expect(applyMapping({ 管径: 'DN800', 管线类型: '合流' }, m, pipes).columns).toMatchObject({ diameter_mm: 800, network: 'combined' });
    expect(applyMapping({ 管径: '0.3m', 管线类型: 'YS' }, m, pipes).columns).toMatchObject({ diameter_mm: 300, network: 'rain' });
  });

  it('reports a bad number or enum with the field named', () => {
    const m = detectMapping(['管径', '管线类型'], pipes);
    expect(applyMapping({ 管径: '六百', 管线类型: '燃气' }, m, pipes).errors).toEqual([
      { field: '管线类型', message: expect.stringMatching(/'燃气' is not one of 雨水\/rain/) },
      { field: '管径', message: "'六百' is not a number" },
    ]);
  });

  it('maps camera enums', () => {
    const m = detectMapping(['名称', '类型', '状态'], cameras);
    expect(applyMapping({ 名称: '人民路口', 类型: '球机', 状态: '离线' }, m, cameras).columns).toEqual({ name: '人民路口', external_id: '人民路口', cam_type: 'dome', status: 'offline' });
  });

  it('finds the external id field', () => {
    expect(detectExternalIdField(['名称', '编号'])).toBe('编号');
    expect(detectExternalIdField(['FID', 'NAME'])).toBe('FID');
    expect(detectExternalIdField(['code'])).toBe('code');
    expect(detectExternalIdField(['名称'])).toBeNull();
  });
});
