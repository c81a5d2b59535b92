import type { Migration } from './migrations';

/**
 * Migration 9: hourly min/max rollups of every time series, kept in step with ts_observations by the repository (each
 * upsert recomputes the hours it touched), so a chart of a year of 5-minute data reads ~8,760 rollup rows instead of
 * 105,120 observations. Existing observations are rolled up here.
 */
export const timeSeriesRollupMigration: Migration = {
  version: 9,
  name: 'time series: hourly min/max rollups',
  up(db) {
    db.exec(`
CREATE TABLE ts_rollup_hour (
  stream_id TEXT NOT NULL REFERENCES ts_streams(id),
  hour INTEGER NOT NULL,          -- epoch ms of the hour's start (UTC)
  n INTEGER NOT NULL,
  min_ts INTEGER NOT NULL,
  min_v REAL NOT NULL,
  max_ts INTEGER NOT NULL,
  max_v REAL NOT NULL,
  PRIMARY KEY (stream_id, hour)
) WITHOUT ROWID;
INSERT INTO ts_rollup_hour (stream_id, hour, n, min_ts, min_v, max_ts, max_v)
  SELECT stream_id, (ts / 3600000) * 3600000 AS h, count(*), ts, min(value), ts, 0 FROM ts_observations GROUP BY stream_id, h;
UPDATE ts_rollup_hour SET max_ts = m.ts, max_v = m.v
  FROM (SELECT stream_id AS s, (ts / 3600000) * 3600000 AS h, ts, max(value) AS v FROM ts_observations GROUP BY stream_id, h) AS m
  WHERE ts_rollup_hour.stream_id = m.s AND ts_rollup_hour.hour = m.h;`);
  },
};
