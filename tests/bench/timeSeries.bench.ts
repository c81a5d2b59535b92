import { join } from 'node:path';
import { openStore } from '../../main/store/openStore';
import { TimeSeriesRepository } from '../../main/store/timeSeriesRepository';
import { tempDir } from '../helpers/tempStore';
import { medianMs, type Row } from './benchHarness';

/** One year of 5-minute data (105,120 points) read and downsampled to 1,000 points, vs reading it raw. */
export function timeSeriesBench(): Row[] {
  const t = tempDir('cityops-bench-ts-');
  const store = openStore(join(t.dir, 'ts.gpkg'));
  try {
    const repo = new TimeSeriesRepository(store.db);
    repo.ensureStream({ id: 'bench:Z', name: 'bench stage', unit: 'm', stationId: null, element: 'Z', source: 'bench' });
    const t0 = Date.UTC(2025, 0, 1);
    const points = Array.from({ length: 105_120 }, (_, i) => ({ ts: t0 + i * 300_000, value: 200 + Math.sin(i / 500) * 3 + ((i * 7919) % 100) / 1000 }));
    repo.upsert('bench:Z', points);
    const from = t0, to = t0 + 105_120 * 300_000;
    const down = medianMs(() => repo.downsample('bench:Z', from, to, 1000), 15, 3);
    const raw = medianMs(() => repo.range('bench:Z', from, to), 15, 3);
    return [{ name: 'downsample 105,120 points → 1,000 (min/max buckets)', value: down, baselineName: 'read the same points raw', baseline: raw, unit: 'ms', goal: 'value < 20 ms', pass: down < 20 }];
  } finally {
    store.close();
    t.cleanup();
  }
}
