import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportCancelled } from '../../../../../main/services/interchange/applyImport';
import { applyTimeSeries } from '../../../../../main/services/interchange/applyTimeSeries';
import type { TimeSeriesDataset } from '../../../../../main/sources/interchange/sourceDataset';
import { openStore, type Store } from '../../../../../main/store/openStore';
import { TimeSeriesRepository } from '../../../../../main/store/timeSeriesRepository';
import { tempDir } from '../../../../helpers/tempStore';

const T0 = Date.UTC(2026, 5, 1);
const MIN5 = 300_000;
let store: Store;
let cleanup: () => void;
beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = openStore(join(t.dir, 's.gpkg'));
});
afterEach(() => {
  store.close();
  cleanup();
});

const dataset = (rows: TimeSeriesDataset['rows']): TimeSeriesDataset => ({ kind: 'timeseries', file: '/data/levels.csv', format: 'csv', encoding: 'utf-8', rows, warnings: [] });
const rowsOf = (stream: string, n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => ({ stream, ts: T0 + i * MIN5, value: f(i) }));

describe('applyTimeSeries', () => {
  it('imports rows keyed by (stream, time), and long charts of the imported history see its extremes (rollups follow)', () => {
    const rows = [...rowsOf('imp:a', 2 * 288, (i) => Math.round(Math.sin(i / 30) * 100) / 10), ...rowsOf('imp:b', 100, (i) => i)];
    rows.push({ stream: 'imp:a', ts: T0 + 300 * MIN5 + 1, value: 77.7 });
    rows.push({ stream: 'imp:b', ts: T0, value: -5 });
    const r = applyTimeSeries(store.db, dataset(rows));
    expect(r).toMatchObject({ streams: 2, count: rows.length, inserted: rows.length - 1, updated: 1 });
    const series = new TimeSeriesRepository(store.db);
    expect(series.stream('imp:a')).toMatchObject({ source: 'import: levels.csv', lastTs: T0 + (2 * 288 - 1) * MIN5 });
    const long = series.downsample('imp:a', T0, T0 + 2 * 86_400_000 - 1, 8); // 4 buckets of 12 h: the rollup path
    expect(long.some((p) => p.value === 77.7)).toBe(true);
    const hours = store.db.prepare(`SELECT hour, n, max_v AS hi FROM ts_rollup_hour WHERE stream_id = 'imp:a' ORDER BY hour`).all() as { hour: number; n: number; hi: number }[];
    expect(hours).toHaveLength(47);
    expect(hours.reduce((a, h) => a + h.n, 0)).toBe(2 * 288 + 1 - 12);
  });

  it('a cancelled import changes nothing', () => {
    let calls = 0;
    expect(() => applyTimeSeries(store.db, dataset(rowsOf('imp:c', 12_000, (i) => i)), { isCancelled: () => ++calls > 2 })).toThrow(ImportCancelled);
    expect(store.db.prepare(`SELECT count(*) AS n FROM ts_observations`).get()).toEqual({ n: 0 });
    expect(store.db.prepare(`SELECT count(*) AS n FROM ts_rollup_hour`).get()).toEqual({ n: 0 });
    expect(store.db.prepare(`SELECT count(*) AS n FROM ts_streams WHERE id = 'imp:c'`).get()).toEqual({ n: 0 });
  });
});
