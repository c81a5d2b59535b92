import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import proj4 from 'proj4';
import { afterAll, describe, expect, it } from 'vitest';
import { knownEpsg } from '../../../../../main/sources/interchange/crs';
import { parseTime, readCsv } from '../../../../../main/sources/interchange/readCsv';
import type { SourceDataset, TimeSeriesDataset } from '../../../../../main/sources/interchange/sourceDataset';
import { coordsOf, expectCoordsClose, importErrorOf, tempDir } from './interchangeTestKit';

const t = tempDir();
afterAll(() => t.cleanup());
const write = (name: string, content: string | Uint8Array) => {
  const file = join(t.dir, name);
  writeFileSync(file, content);
  return file;
};
const cameras = '名称,经度,纬度,类型,状态,朝向\n人民路口,110.8,32.6,枪机,在线,90\n东岳路,110.79,32.61,球机,离线,\n';

describe('readCsv', () => {
  it('reads points from 经度/纬度 in UTF-8 with BOM, UTF-8 and GBK', () => {
    for (const [name, bytes] of [
      ['bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(cameras)])],
      ['utf8.csv', Buffer.from(cameras)],
      ['gbk.csv', iconv.encode(cameras, 'gbk')],
    ] as const) {
      const d = readCsv(write(name, bytes)) as SourceDataset;
      expect(d.features).toHaveLength(2);
      expect(d.features[0]).toEqual({ index: 0, geometry: { type: 'Point', coordinates: [110.8, 32.6] }, properties: { 名称: '人民路口', 类型: '枪机', 状态: '在线', 朝向: 90 } });
      expect(d.features[1]!.properties.朝向).toBeNull();
      expect(d.encoding).toBe(name === 'gbk.csv' ? 'gbk' : 'utf-8');
    }
  });

  it('reads x/y with a CRS, including northing-first Chinese survey order', () => {
    const [e, n] = proj4('+proj=longlat +datum=WGS84', knownEpsg(4546)!.proj4, [110.8, 32.6]) as [number, number];
    const d = readCsv(write('xy.csv', `id,x,y\nJ1,${e},${n}\n`), { crs: 'EPSG:4546' }) as SourceDataset;
    expectCoordsClose(coordsOf(d.features[0]!.geometry), [110.8, 32.6]);
    const swapped = readCsv(write('xy2.csv', `点号,X,Y\nJ1,${n},${e}\n`), { crs: 'EPSG:4546' }) as SourceDataset;
    expectCoordsClose(coordsOf(swapped.features[0]!.geometry), [110.8, 32.6]);
    expect(swapped.warnings.join()).toMatch(/northing\/easting/);
  });

  it('asks for --crs when x/y are projected', async () => {
    const e = await importErrorOf(() => readCsv(write('p.csv', 'x,y\n500000,3600000\n')));
    expect(e.message).toMatch(/--crs/);
  });

  it('names the row and field of a bad coordinate', async () => {
    const e = await importErrorOf(() => readCsv(write('bad.csv', 'lon,lat\n110.8,32.6\n110.x,32.6\n')));
    expect(e).toMatchObject({ row: 1, line: 3, field: 'lon' });
  });

  it('detects a stream,time,value time series', () => {
    const d = readCsv(write('ts.csv', 'stream,time,value\nZ1,2026-07-01 08:00:00,12.5\nZ1,2026-07-01T01:05:00Z,12.7\n')) as TimeSeriesDataset;
    expect(d.kind).toBe('timeseries');
    expect(d.rows).toEqual([
      { stream: 'Z1', ts: Date.parse('2026-07-01T00:00:00.000Z'), value: 12.5 },
      { stream: 'Z1', ts: Date.parse('2026-07-01T01:05:00.000Z'), value: 12.7 },
    ]);
    expect(d.warnings.join()).toMatch(/UTC\+8/);
  });

  it('a bad time or value names the row and field', async () => {
    const time = await importErrorOf(() => readCsv(write('t1.csv', 'stream,time,value\nZ1,2026-07-01 08:00,1\nZ1,2026-02-30 08:00,1\n')));
    expect(time).toMatchObject({ row: 1, line: 3, field: 'time' });
    expect(time.message).toMatch(/t1\.csv .*\), row 1, line 3, field 'time'/);
    const value = await importErrorOf(() => readCsv(write('t2.csv', 'stream,time,value\nZ1,2026-07-01 08:00,abc\n')));
    expect(value).toMatchObject({ row: 0, field: 'value' });
    expect(parseTime('2026-07-01T08:00:00+0800')?.ms).toBe(Date.parse('2026-07-01T00:00:00.000Z'));
    expect(parseTime('2026-07-01T08:00:00+08:00')?.ms).toBe(Date.parse('2026-07-01T00:00:00.000Z'));
    expect(parseTime('2026-02-30T08:00:00Z')).toBeNull();
    expect(parseTime('2026-07-01 08:00')).toEqual({ ms: Date.parse('2026-07-01T00:00:00.000Z'), assumedCst: true });
  });
});
