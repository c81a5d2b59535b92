import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../../../../main/sources/interchange/readCsv';
import type { SourceDataset } from '../../../../../main/sources/interchange/sourceDataset';
import { writeCsv } from '../../../../../main/sources/interchange/writeCsv';
import { maojianPipes, tempDir } from './interchangeTestKit';

const t = tempDir();
afterAll(() => t.cleanup());

describe('writeCsv', () => {
  it('writes points as lon/lat in UTF-8 with BOM and reads back', () => {
    const out = join(t.dir, 'cams.csv');
    const res = writeCsv(out, [
      { id: 1, geometry: { type: 'Point', coordinates: [110.8, 32.6] }, properties: { 名称: '人民路口, 东', 状态: '在线' } },
      { id: 2, geometry: null, properties: { 名称: '说 "测试"', 状态: '离线' } },
    ]);
    expect(res.geometry).toBe('lonlat');
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').slice(1)).toBe('id,lon,lat,名称,状态\r\n1,110.8,32.6,"人民路口, 东",在线\r\n2,,,"说 ""测试""",离线\r\n');
    const back = readCsv(out) as SourceDataset;
    expect(back.features[0]).toMatchObject({ geometry: { type: 'Point', coordinates: [110.8, 32.6] }, properties: { id: 1, 名称: '人民路口, 东' } });
    expect(back.features[1]!.properties.名称).toBe('说 "测试"');
  });

  it('writes other geometries as WKT and refuses to overwrite', () => {
    const out = join(t.dir, 'pipes.csv');
    writeCsv(out, maojianPipes.features.map((f) => ({ geometry: { type: f.geometry.type, coordinates: f.geometry.coordinates.map((p) => [...p]) }, properties: { ...f.properties } })));
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^\uFEFFwkt,编号,起点点号/);
    expect(text).toContain('"LINESTRING(110.8 32.6,110.8012 32.6007)",YS001,Y1,Y2,600,钢筋混凝土,雨水,人民北路');
    writeFileSync(join(t.dir, 'x.csv'), '');
    expect(() => writeCsv(join(t.dir, 'x.csv'), [])).toThrow(/exists/);
  });
});
