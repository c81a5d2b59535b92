import type Database from 'better-sqlite3';

export type WriteVersionKey = 'monitoring' | 'series';

const versions = new WeakMap<Database.Database, Record<WriteVersionKey, number>>();

/**
 * Per-connection counters of committed writes made in this process, one per group of tables ('series': ts_streams,
 * ts_observations, ts_rollup_hour; 'monitoring': mon_rules, mon_alarms). A service that keeps rows in memory between
 * transactions trusts them only while the counter and SQLite's data_version (writes by other connections) are what
 * they were after its own last write.
 */
export function writeVersion(db: Database.Database, key: WriteVersionKey): number {
  return versions.get(db)?.[key] ?? 0;
}

/** Counts a write; returns the new value. Call after writing those tables with plain SQL, too. */
export function bumpWriteVersion(db: Database.Database, key: WriteVersionKey): number {
  let v = versions.get(db);
  if (!v) {
    v = { monitoring: 0, series: 0 };
    versions.set(db, v);
  }
  return ++v[key];
}
