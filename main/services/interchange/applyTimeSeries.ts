import type Database from 'better-sqlite3';
import type { TimeSeriesDataset } from '../../sources/interchange/sourceDataset';
import { TimeSeriesRepository, type TsPoint } from '../../store/timeSeriesRepository';
import { bumpWriteVersion } from '../../store/writeVersion';
import { ImportCancelled, type ApplyHooks } from './applyImport';

export interface TimeSeriesResult {
  streams: number;
  count: number;
  inserted: number;
  updated: number;
  warnings: string[];
}

/**
 * Upserts observations keyed by (stream, time): a re-sent row replaces its value, never duplicates. Goes through the
 * time-series repository, so the hourly rollups that long charts read follow the imported rows. One transaction;
 * unknown streams are created.
 */
export function applyTimeSeries(db: Database.Database, data: TimeSeriesDataset, hooks: ApplyHooks = {}): TimeSeriesResult {
  const fileName = data.file.split(/[\\/]/).pop() ?? data.file;
  const ensureStream = db.prepare(`INSERT INTO ts_streams (id, source) VALUES (?, ?) ON CONFLICT(id) DO NOTHING`);
  const series = new TimeSeriesRepository(db);
  const CHUNK = 5000;
  return db.transaction(() => {
    const byStream = new Map<string, TsPoint[]>();
    for (const r of data.rows) {
      const points = byStream.get(r.stream);
      if (points) points.push({ ts: r.ts, value: r.value });
      else byStream.set(r.stream, [{ ts: r.ts, value: r.value }]);
    }
    let done = 0;
    let inserted = 0;
    let updated = 0;
    try {
      for (const [stream, points] of byStream) {
        ensureStream.run(stream, `import: ${fileName}`);
        for (let i = 0; i < points.length; i += CHUNK) {
          if (hooks.isCancelled?.()) throw new ImportCancelled();
          hooks.onProgress?.(done, data.rows.length);
          const w = series.upsert(stream, points.slice(i, i + CHUNK));
          inserted += w.inserted;
          updated += w.updated;
          done += Math.min(CHUNK, points.length - i);
        }
      }
    } finally {
      bumpWriteVersion(db, 'series');
    }
    hooks.onProgress?.(data.rows.length, data.rows.length);
    return { streams: byStream.size, count: data.rows.length, inserted, updated, warnings: data.warnings };
  })();
}
