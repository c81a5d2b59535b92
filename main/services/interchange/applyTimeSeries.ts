import type Database from 'better-sqlite3';
import type { TimeSeriesDataset } from '../../sources/interchange/sourceDataset';
import { ImportCancelled, type ApplyHooks } from './applyImport';

export interface TimeSeriesResult {
  streams: number;
  count: number;
  inserted: number;
  updated: number;
  warnings: string[];
}

/**
 * Upserts observations keyed by (stream, time): a re-sent row replaces its value, never duplicates.
 * One transaction; unknown streams are created.
 */
export function applyTimeSeries(db: Database.Database, data: TimeSeriesDataset, hooks: ApplyHooks = {}): TimeSeriesResult {
  const fileName = data.file.split(/[\\/]/).pop() ?? data.file;
  const ensureStream = db.prepare(`INSERT INTO ts_streams (id, source) VALUES (?, ?) ON CONFLICT(id) DO NOTHING`);
  const countAll = db.prepare(`SELECT count(*) AS n FROM ts_observations`);
  const upsert = db.prepare(
    `INSERT INTO ts_observations (stream_id, ts, value) VALUES (?, ?, ?) ON CONFLICT(stream_id, ts) DO UPDATE SET value = excluded.value`,
  );
  const touch = db.prepare(`UPDATE ts_streams SET last_ts = max(coalesce(last_ts, 0), ?) WHERE id = ?`);
  return db.transaction(() => {
    const streams = new Map<string, number>();
    const before = (countAll.get() as { n: number }).n;
    data.rows.forEach((r, i) => {
      if (i % 5000 === 0) {
        if (hooks.isCancelled?.()) throw new ImportCancelled();
        hooks.onProgress?.(i, data.rows.length);
      }
      if (!streams.has(r.stream)) {
        ensureStream.run(r.stream, `import: ${fileName}`);
        streams.set(r.stream, 0);
      }
      const ts = r.ts;
      upsert.run(r.stream, ts, r.value);
      if (ts > streams.get(r.stream)!) streams.set(r.stream, ts);
    });
    for (const [id, last] of streams) touch.run(last, id);
    // New rows are what the table grew by; the rest replaced an observation already there.
    const inserted = (countAll.get() as { n: number }).n - before;
    const updated = data.rows.length - inserted;
    hooks.onProgress?.(data.rows.length, data.rows.length);
    return { streams: streams.size, count: data.rows.length, inserted, updated, warnings: data.warnings };
  })();
}
