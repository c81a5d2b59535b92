import type Database from 'better-sqlite3';
import { SeriesBatchMemo } from './seriesBatchMemo';
import { bumpWriteVersion, writeVersion } from './writeVersion';

/** One observation. `ts` is epoch milliseconds (UTC). */
export interface TsPoint {
  ts: number;
  value: number;
}

export interface TsStreamDef {
  id: string;
  name?: string | null;
  unit?: string | null;
  stationId?: string | null;
  element?: string | null;
  source: string;
}

export interface TsStream {
  id: string;
  name: string | null;
  unit: string | null;
  stationId: string | null;
  element: string | null;
  source: string;
  /** Newest observation time of the stream (epoch ms), null before the first point. */
  lastTs: number | null;
}

export interface TsUpsertResult {
  /** Points written (new or replacing the value of the same (stream, ts)). */
  written: number;
  inserted: number;
  updated: number;
}

export interface StationFreshness {
  stationId: string;
  /** Newest observation time over the station's streams (epoch ms). */
  lastTs: number;
}

interface ReadCache {
  version: number;
  dataVersion: number;
  streams: Map<string, TsStream | null>;
  latest: Map<string, TsPoint | null>;
}

interface StreamRow {
  id: string;
  name: string | null;
  unit: string | null;
  station_id: string | null;
  element: string | null;
  source: string;
  last_ts: number | null;
}

/**
 * Time series over ts_streams / ts_observations ((stream_id, ts) primary key, WITHOUT ROWID). Every write is one
 * transaction (nested calls join the caller's transaction as a savepoint); statements are prepared once.
 */
const HOUR = 3_600_000;

export class TimeSeriesRepository {
  private readonly s: {
    ensure: Database.Statement;
    insert: Database.Statement;
    update: Database.Statement;
    range: Database.Statement;
    count: Database.Statement;
    bucketMin: Database.Statement;
    bucketMax: Database.Statement;
    latest: Database.Statement;
    before: Database.Statement;
    first: Database.Statement;
    sum: Database.Statement;
    stream: Database.Statement;
    freshness: Database.Statement;
    freshnessAll: Database.Statement;
    rollHour: Database.Statement;
    rollups: Database.Statement;
    touchMany: Database.Statement;
    prefetchStreams: Database.Statement;
    prefetchFreshness: Database.Statement;
    dataVersion: Database.Statement;
  };
  /** The running write batch (see batch()); null outside one. */
  private memo: SeriesBatchMemo | null = null;
  /** Stream rows and newest points kept between this repository's own transactions (see transaction()). */
  private cache: ReadCache | null = null;
  /** What reads may trust during a transaction run by transaction(): the cache, or a throwaway one; null outside. */
  private active: Pick<ReadCache, 'streams' | 'latest'> | null = null;

  constructor(private readonly db: Database.Database) {
    this.s = {
      ensure: db.prepare(`
INSERT INTO ts_streams (id, name, unit, station_id, element, source) VALUES (@id, @name, @unit, @stationId, @element, @source)
ON CONFLICT(id) DO UPDATE SET
  name = coalesce(excluded.name, name), unit = coalesce(excluded.unit, unit), station_id = coalesce(excluded.station_id, station_id),
  element = coalesce(excluded.element, element), source = excluded.source`),
      insert: db.prepare(`INSERT OR IGNORE INTO ts_observations (stream_id, ts, value) VALUES (?, ?, ?)`),
      update: db.prepare(`UPDATE ts_observations SET value = ? WHERE stream_id = ? AND ts = ?`),
      range: db.prepare(`SELECT ts, value FROM ts_observations WHERE stream_id = ? AND ts >= ? AND ts <= ? ORDER BY ts`),
      count: db.prepare(`SELECT count(*) AS n FROM ts_observations WHERE stream_id = ? AND ts >= ? AND ts <= ?`),
      // Integer bucket index (JS numbers bind as REAL, hence the casts). SQLite returns the bare column `ts` from the
      // row holding the min() / max() of the group.
      bucketMin: db.prepare(`
SELECT (ts - CAST(@from AS INTEGER)) * CAST(@buckets AS INTEGER) / CAST(@span AS INTEGER) AS b, ts, min(value) AS value FROM ts_observations
WHERE stream_id = @stream AND ts >= @from AND ts <= @to GROUP BY b`),
      bucketMax: db.prepare(`
SELECT (ts - CAST(@from AS INTEGER)) * CAST(@buckets AS INTEGER) / CAST(@span AS INTEGER) AS b, ts, max(value) AS value FROM ts_observations
WHERE stream_id = @stream AND ts >= @from AND ts <= @to GROUP BY b`),
      latest: db.prepare(`SELECT ts, value FROM ts_observations WHERE stream_id = ? ORDER BY ts DESC LIMIT 1`),
      before: db.prepare(`SELECT ts, value FROM ts_observations WHERE stream_id = ? AND ts < ? ORDER BY ts DESC LIMIT 1`),
      first: db.prepare(`SELECT ts, value FROM ts_observations WHERE stream_id = ? AND ts >= ? AND ts < ? ORDER BY ts LIMIT 1`),
      sum: db.prepare(`SELECT total(value) AS v, count(*) AS n FROM ts_observations WHERE stream_id = ? AND ts > ? AND ts <= ?`),
      stream: db.prepare(`SELECT id, name, unit, station_id, element, source, last_ts FROM ts_streams WHERE id = ?`),
      freshness: db.prepare(`SELECT max(last_ts) AS t FROM ts_streams WHERE station_id = ?`),
      // Recomputes one hour's rollup from the observations (a replaced value may have been the hour's extreme).
      rollHour: db.prepare(`
INSERT OR REPLACE INTO ts_rollup_hour (stream_id, hour, n, min_ts, min_v, max_ts, max_v)
SELECT @s, @h, c.n, mn.ts, mn.value, mx.ts, mx.value FROM
  (SELECT count(*) AS n FROM ts_observations WHERE stream_id = @s AND ts >= @h AND ts < @h + 3600000) AS c,
  (SELECT ts, value FROM ts_observations WHERE stream_id = @s AND ts >= @h AND ts < @h + 3600000 ORDER BY value, ts LIMIT 1) AS mn,
  (SELECT ts, value FROM ts_observations WHERE stream_id = @s AND ts >= @h AND ts < @h + 3600000 ORDER BY value DESC, ts LIMIT 1) AS mx`),
      rollups: db.prepare(`SELECT min_ts, min_v, max_ts, max_v, hour FROM ts_rollup_hour WHERE stream_id = ? AND hour >= ? AND hour < ? ORDER BY hour`).raw(true),
      // The streams' last report times of a batch in one statement: [stream, ts] pairs as JSON.
      touchMany: db.prepare(`
UPDATE ts_streams SET last_ts = max(coalesce(ts_streams.last_ts, j.t), j.t)
FROM (SELECT value ->> 0 AS id, value ->> 1 AS t FROM json_each(?)) AS j WHERE ts_streams.id = j.id`),
      // Stream rows with their newest point (last_ts is the newest observation time: every writer moves it forward).
      prefetchStreams: db.prepare(`
SELECT s.id, s.name, s.unit, s.station_id, s.element, s.source, s.last_ts, o.value AS last_value FROM ts_streams s
LEFT JOIN ts_observations o ON o.stream_id = s.id AND o.ts = s.last_ts WHERE s.id IN (SELECT value FROM json_each(?))`),
      dataVersion: db.prepare(`PRAGMA data_version`).pluck(),
      prefetchFreshness: db.prepare(`
SELECT station_id AS stationId, max(last_ts) AS t FROM ts_streams WHERE station_id IN (SELECT value FROM json_each(?)) GROUP BY station_id`),
      freshnessAll: db.prepare(
        `SELECT station_id AS stationId, max(last_ts) AS lastTs FROM ts_streams
         WHERE station_id IS NOT NULL AND last_ts IS NOT NULL GROUP BY station_id ORDER BY station_id`,
      ),
    };
  }

  /**
   * Runs fn in a transaction. As the outermost transaction, the stream rows and newest points read or written in it
   * are kept for the next one when it commits (dropped when it rolls back, or when anything else wrote the series
   * tables meanwhile: writeVersion and SQLite's data_version tell). Inside a caller's transaction it is a savepoint
   * and nothing is kept, since whether that transaction commits is not known here. Nested calls join.
   */
  transaction<T>(fn: () => T): T {
    if (this.active) return fn();
    if (this.db.inTransaction) {
      this.active = { streams: new Map(), latest: new Map() };
      try {
        return this.db.transaction(fn)();
      } finally {
        this.active = null;
        bumpWriteVersion(this.db, 'series');
      }
    }
    const version = writeVersion(this.db, 'series');
    const dataVersion = this.s.dataVersion.get() as number;
    let cache = this.cache;
    if (!cache || cache.version !== version || cache.dataVersion !== dataVersion) {
      cache = { version, dataVersion, streams: new Map(), latest: new Map() };
      this.cache = cache;
    }
    this.active = cache;
    try {
      const result = this.db.transaction(fn)();
      cache.version = bumpWriteVersion(this.db, 'series');
      return result;
    } catch (err) {
      this.cache = null;
      throw err;
    } finally {
      this.active = null;
    }
  }

  /**
   * Runs fn as one write batch (one transaction, see transaction()), in which repeated reads are answered from memory
   * and the hourly rollups and streams' last report times are written once, at the end. A burst of frames then costs
   * one commit and about one statement per point. Nested calls join the running batch.
   */
  batch<T>(fn: () => T): T {
    if (this.memo) return fn();
    return this.transaction(() => {
      this.memo = new SeriesBatchMemo(this.active!.streams, this.active!.latest);
      try {
        const result = fn();
        this.flushPending();
        return result;
      } finally {
        this.memo = null;
      }
    });
  }

  /** Loads, in two statements, what a batch will ask about these streams and stations. No-op outside a batch. */
  prefetch(streamIds: readonly string[], stationIds: readonly string[] = []): void {
    const m = this.memo;
    if (!m) return;
    const wanted = streamIds.filter((id) => !m.streams.has(id));
    if (wanted.length > 0) {
      const rows = this.s.prefetchStreams.all(JSON.stringify(wanted)) as (StreamRow & { last_value: number | null })[];
      const found = new Set<string>();
      for (const r of rows) {
        found.add(r.id);
        const pending = m.touches.get(r.id);
        const lastTs = pending !== undefined ? Math.max(r.last_ts ?? pending, pending) : r.last_ts;
        m.streams.set(r.id, { id: r.id, name: r.name, unit: r.unit, stationId: r.station_id, element: r.element, source: r.source, lastTs });
        if (pending !== undefined) continue;
        if (r.last_ts === null) m.latest.set(r.id, null);
        else if (r.last_value !== null) m.latest.set(r.id, { ts: r.last_ts, value: r.last_value });
      }
      for (const id of wanted) {
        if (!found.has(id)) {
          m.streams.set(id, null);
          m.latest.set(id, null);
        }
      }
    }
    const stations = stationIds.filter((id) => !m.freshness.has(id));
    if (stations.length > 0) {
      const rows = this.s.prefetchFreshness.all(JSON.stringify(stations)) as { stationId: string; t: number | null }[];
      for (const id of stations) m.freshness.set(id, null);
      for (const r of rows) m.freshness.set(r.stationId, r.t);
    }
  }

  /** Writes a batch's deferred rollups and last report times (the batch goes on). */
  private flushPending(): void {
    const m = this.memo;
    if (!m) return;
    const { recompute, touches } = m.takePending((id) => this.stream(id)?.lastTs ?? null);
    for (const r of recompute) this.s.rollHour.run(r);
    if (touches.length > 0) this.s.touchMany.run(JSON.stringify(touches));
  }

  private upsertBody(m: SeriesBatchMemo, streamId: string, points: readonly TsPoint[]): TsUpsertResult {
    let inserted = 0;
    let updated = 0;
    let maxTs = Number.NEGATIVE_INFINITY;
    let newest: TsPoint | null = null;
    for (const p of points) {
      if (this.s.insert.run(streamId, p.ts, p.value).changes === 1) inserted++;
      else {
        updated++;
        this.s.update.run(p.value, streamId, p.ts);
      }
      m.wroteHour(streamId, p.ts, () => this.stream(streamId)?.lastTs ?? null);
      if (p.ts >= maxTs) {
        maxTs = p.ts;
        newest = p;
      }
    }
    if (newest) {
      const known = m.latest.get(streamId);
      if (known === null || (known !== undefined && newest.ts >= known.ts)) m.latest.set(streamId, { ts: newest.ts, value: newest.value });
      m.touch(streamId, this.stream(streamId)?.stationId ?? null, maxTs);
    }
    return { written: points.length, inserted, updated };
  }

  /** Creates the stream or updates its descriptive fields (null/undefined fields keep the stored value). */
  ensureStream(def: TsStreamDef): void {
    const same = (a: string | null | undefined, b: string | null) => a === undefined || a === null || a === b;
    this.transaction(() => {
      const cur = this.stream(def.id);
      if (cur && cur.source === def.source && same(def.name, cur.name) && same(def.unit, cur.unit) && same(def.stationId, cur.stationId) && same(def.element, cur.element)) return;
      this.active?.streams.delete(def.id);
      this.s.ensure.run({
        id: def.id,
        name: def.name ?? null,
        unit: def.unit ?? null,
        stationId: def.stationId ?? null,
        element: def.element ?? null,
        source: def.source,
      });
    });
  }

  stream(id: string): TsStream | null {
    const a = this.active;
    const known = a?.streams.get(id);
    if (known !== undefined) return known;
    const r = this.s.stream.get(id) as StreamRow | undefined;
    const s = r ? { id: r.id, name: r.name, unit: r.unit, stationId: r.station_id, element: r.element, source: r.source, lastTs: r.last_ts } : null;
    if (a) {
      const pending = this.memo?.touches.get(id);
      if (s && pending !== undefined) s.lastTs = Math.max(s.lastTs ?? pending, pending);
      a.streams.set(id, s);
    }
    return s;
  }

  /**
   * Writes points in one transaction: a point at an existing (stream, ts) replaces the value (a re-sent frame is an
   * update, never a duplicate); late points land in time order because the key is (stream_id, ts). The stream must
   * exist (ensureStream). Non-integer or non-finite input is refused before anything is written.
   */
  upsert(streamId: string, points: readonly TsPoint[]): TsUpsertResult {
    for (const p of points) {
      if (!Number.isSafeInteger(p.ts)) throw new RangeError(`${streamId}: ts ${p.ts} is not an integer epoch-ms time`);
      if (!Number.isFinite(p.value)) throw new RangeError(`${streamId}: value at ${p.ts} is not a finite number`);
    }
    // Inside a running batch (a burst of frames, an import) the upsert joins it.
    return this.batch(() => this.upsertBody(this.memo!, streamId, points));
  }

  /** Points with from ≤ ts ≤ to, oldest first. */
  range(streamId: string, from: number, to: number): TsPoint[] {
    return this.s.range.all(streamId, from, to) as TsPoint[];
  }

  /**
   * At most `maxPoints` points of [from, to] for drawing, keeping the extremes: the span is cut into ⌊maxPoints/2⌋
   * equal time buckets and each bucket contributes its minimum and its maximum point (one point when they coincide),
   * oldest first (min/max bucketing, not LTTB: a peak is never averaged away). Returns the raw range when it fits.
   * When a bucket spans two hours or more, whole hours come from the hourly rollups and only the partial hours at both
   * ends and the hours that straddle a bucket boundary are read raw — the same points as the raw path, far fewer rows.
   */
  downsample(streamId: string, from: number, to: number, maxPoints: number): TsPoint[] {
    this.flushPending();
    if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new RangeError(`maxPoints must be an integer ≥ 2, got ${maxPoints}`);
    if (to < from) return [];
    const buckets = Math.floor(maxPoints / 2);
    const span = to - from + 1;
    if (span / buckets >= 2 * HOUR) return this.downsampleFromRollups(streamId, from, to, buckets);
    const n = (this.s.count.get(streamId, from, to) as { n: number }).n;
    if (n <= maxPoints) return this.range(streamId, from, to);
    const params = { stream: streamId, from, to, span, buckets };
    const mins = this.s.bucketMin.all(params) as (TsPoint & { b: number })[];
    const maxs = new Map((this.s.bucketMax.all(params) as (TsPoint & { b: number })[]).map((r) => [r.b, r]));
    const out: TsPoint[] = [];
    for (const lo of mins) {
      const hi = maxs.get(lo.b);
      const pair: TsPoint[] = [{ ts: lo.ts, value: lo.value }];
      if (hi && hi.ts !== lo.ts) pair.push({ ts: hi.ts, value: hi.value });
      pair.sort((a, b) => a.ts - b.ts);
      out.push(...pair);
    }
    out.sort((a, b) => a.ts - b.ts);
    return out;
  }

  private downsampleFromRollups(streamId: string, from: number, to: number, buckets: number): TsPoint[] {
    const span = to - from + 1;
    const firstHour = Math.ceil(from / HOUR) * HOUR;
    const endHour = Math.floor((to + 1) / HOUR) * HOUR;
    const lo: (TsPoint | undefined)[] = new Array<TsPoint | undefined>(buckets);
    const hi: (TsPoint | undefined)[] = new Array<TsPoint | undefined>(buckets);
    const offer = (ts: number, value: number) => {
      const b = Math.min(buckets - 1, Math.floor(((ts - from) * buckets) / span));
      const l = lo[b];
      if (!l || value < l.value || (value === l.value && ts < l.ts)) lo[b] = { ts, value };
      const h = hi[b];
      if (!h || value > h.value || (value === h.value && ts < h.ts)) hi[b] = { ts, value };
    };
    // The stream's newest hour is still filling and has no rollup: it is read raw, like the partial hours at the ends.
    const lastTs = this.stream(streamId)?.lastTs ?? null;
    const newestHour = lastTs === null ? firstHour : Math.floor(lastTs / HOUR) * HOUR;
    const rollEnd = Math.max(firstHour, Math.min(endHour, newestHour));
    if (firstHour > from) for (const p of this.range(streamId, from, Math.min(to, firstHour - 1))) offer(p.ts, p.value);
    const bucketOf = (ts: number) => Math.min(buckets - 1, Math.floor(((ts - from) * buckets) / span));
    for (const r of this.s.rollups.all(streamId, firstHour, rollEnd) as [number, number, number, number, number][]) {
      const h = r[4];
      if (bucketOf(h) !== bucketOf(h + HOUR - 1)) {
        // The hour straddles a bucket boundary: its points go to their own buckets (exact extremes per bucket).
        for (const p of this.range(streamId, h, h + HOUR - 1)) offer(p.ts, p.value);
        continue;
      }
      offer(r[0], r[1]);
      offer(r[2], r[3]);
    }
    if (rollEnd <= to) for (const p of this.range(streamId, Math.max(from, rollEnd), to)) offer(p.ts, p.value);
    const out: TsPoint[] = [];
    for (let b = 0; b < buckets; b++) {
      const l = lo[b];
      const h = hi[b];
      if (!l || !h) continue;
      if (l.ts === h.ts) out.push(l);
      else if (l.ts < h.ts) out.push(l, h);
      else out.push(h, l);
    }
    return out;
  }

  latest(streamId: string): TsPoint | null {
    const known = this.active?.latest.get(streamId);
    if (known !== undefined) return known;
    const p = (this.s.latest.get(streamId) as TsPoint | undefined) ?? null;
    this.active?.latest.set(streamId, p);
    return p;
  }

  /** The newest point strictly before `ts`. */
  before(streamId: string, ts: number): TsPoint | null {
    const known = this.active?.latest.get(streamId);
    if (known === null) return null;
    if (known !== undefined && known.ts < ts) return known;
    return (this.s.before.get(streamId, ts) as TsPoint | undefined) ?? null;
  }

  /** The oldest point with from ≤ ts < to. */
  firstIn(streamId: string, from: number, to: number): TsPoint | null {
    return (this.s.first.get(streamId, from, to) as TsPoint | undefined) ?? null;
  }

  /** Sum and count of the values with from < ts ≤ to (e.g. rainfall increments over a trailing window). */
  sum(streamId: string, fromExclusive: number, to: number): { sum: number; count: number } {
    const r = this.s.sum.get(streamId, fromExclusive, to) as { v: number; n: number };
    return { sum: r.v, count: r.n };
  }

  /** Last report (newest observation time, epoch ms) of a station over all its streams; null when it never reported. */
  freshness(stationId: string): number | null {
    const m = this.memo;
    if (!m) return (this.s.freshness.get(stationId) as { t: number | null }).t;
    let stored = m.freshness.get(stationId);
    if (stored === undefined) {
      stored = (this.s.freshness.get(stationId) as { t: number | null }).t;
      m.freshness.set(stationId, stored);
    }
    const touched = m.stationTouches.get(stationId);
    return touched === undefined ? stored : Math.max(stored ?? touched, touched);
  }

  /** Last report time of every station that has reported. */
  freshnessAll(): StationFreshness[] {
    this.flushPending();
    return this.s.freshnessAll.all() as StationFreshness[];
  }
}
