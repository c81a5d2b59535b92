import type Database from 'better-sqlite3';

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
    rollPoint: Database.Statement;
    touch: Database.Statement;
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
  };
  private readonly upsertTx: (streamId: string, points: readonly TsPoint[]) => TsUpsertResult;

  constructor(private readonly db: Database.Database) {
    this.s = {
      ensure: db.prepare(`
INSERT INTO ts_streams (id, name, unit, station_id, element, source) VALUES (@id, @name, @unit, @stationId, @element, @source)
ON CONFLICT(id) DO UPDATE SET
  name = coalesce(excluded.name, name), unit = coalesce(excluded.unit, unit), station_id = coalesce(excluded.station_id, station_id),
  element = coalesce(excluded.element, element), source = excluded.source`),
      insert: db.prepare(`INSERT OR IGNORE INTO ts_observations (stream_id, ts, value) VALUES (?, ?, ?)`),
      update: db.prepare(`UPDATE ts_observations SET value = ? WHERE stream_id = ? AND ts = ?`),
      // A new point folds into its hour's rollup; a replaced value recomputes the hour (rollHour).
      rollPoint: db.prepare(`
INSERT INTO ts_rollup_hour (stream_id, hour, n, min_ts, min_v, max_ts, max_v) VALUES (@s, @h, 1, @ts, @v, @ts, @v)
ON CONFLICT(stream_id, hour) DO UPDATE SET n = n + 1,
  min_ts = CASE WHEN @v < min_v OR (@v = min_v AND @ts < min_ts) THEN @ts ELSE min_ts END,
  min_v = min(min_v, @v),
  max_ts = CASE WHEN @v > max_v OR (@v = max_v AND @ts < max_ts) THEN @ts ELSE max_ts END,
  max_v = max(max_v, @v)`),
      touch: db.prepare(`UPDATE ts_streams SET last_ts = max(coalesce(last_ts, ?), ?) WHERE id = ?`),
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
      freshnessAll: db.prepare(
        `SELECT station_id AS stationId, max(last_ts) AS lastTs FROM ts_streams
         WHERE station_id IS NOT NULL AND last_ts IS NOT NULL GROUP BY station_id ORDER BY station_id`,
      ),
    };
    this.upsertTx = db.transaction((streamId: string, points: readonly TsPoint[]) => this.upsertBody(streamId, points));
  }

  private upsertBody(streamId: string, points: readonly TsPoint[]): TsUpsertResult {
    {
      let inserted = 0;
      let updated = 0;
      let maxTs = Number.NEGATIVE_INFINITY;
      const changedHours = new Set<number>();
      for (const p of points) {
        const h = Math.floor(p.ts / HOUR) * HOUR;
        if (this.s.insert.run(streamId, p.ts, p.value).changes === 1) {
          inserted++;
          this.s.rollPoint.run({ s: streamId, h, ts: p.ts, v: p.value });
        } else {
          updated++;
          this.s.update.run(p.value, streamId, p.ts);
          changedHours.add(h);
        }
        if (p.ts > maxTs) maxTs = p.ts;
      }
      for (const h of changedHours) this.s.rollHour.run({ s: streamId, h });
      if (points.length > 0) this.s.touch.run(maxTs, maxTs, streamId);
      return { written: points.length, inserted, updated };
    }
  }

  /** Creates the stream or updates its descriptive fields (null/undefined fields keep the stored value). */
  ensureStream(def: TsStreamDef): void {
    const cur = this.stream(def.id);
    const same = (a: string | null | undefined, b: string | null) => a === undefined || a === null || a === b;
    if (cur && cur.source === def.source && same(def.name, cur.name) && same(def.unit, cur.unit) && same(def.stationId, cur.stationId) && same(def.element, cur.element)) return;
    this.s.ensure.run({
      id: def.id,
      name: def.name ?? null,
      unit: def.unit ?? null,
      stationId: def.stationId ?? null,
      element: def.element ?? null,
      source: def.source,
    });
  }

  stream(id: string): TsStream | null {
    const r = this.s.stream.get(id) as StreamRow | undefined;
    if (!r) return null;
    return { id: r.id, name: r.name, unit: r.unit, stationId: r.station_id, element: r.element, source: r.source, lastTs: r.last_ts };
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
    // Inside the caller's transaction (a frame, an import) the upsert joins it instead of opening a savepoint.
    return this.db.inTransaction ? this.upsertBody(streamId, points) : this.upsertTx(streamId, points);
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
    if (firstHour >= endHour) {
      for (const p of this.range(streamId, from, to)) offer(p.ts, p.value);
    } else {
      for (const p of this.range(streamId, from, Math.min(to, firstHour - 1))) offer(p.ts, p.value);
      const bucketOf = (ts: number) => Math.min(buckets - 1, Math.floor(((ts - from) * buckets) / span));
      for (const r of this.s.rollups.all(streamId, firstHour, endHour) as [number, number, number, number, number][]) {
        const h = r[4];
        if (bucketOf(h) !== bucketOf(h + HOUR - 1)) {
          // The hour straddles a bucket boundary: its points go to their own buckets (exact extremes per bucket).
          for (const p of this.range(streamId, h, h + HOUR - 1)) offer(p.ts, p.value);
          continue;
        }
        offer(r[0], r[1]);
        offer(r[2], r[3]);
      }
      if (endHour <= to) for (const p of this.range(streamId, endHour, to)) offer(p.ts, p.value);
    }
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
    return (this.s.latest.get(streamId) as TsPoint | undefined) ?? null;
  }

  /** The newest point strictly before `ts`. */
  before(streamId: string, ts: number): TsPoint | null {
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
    return (this.s.freshness.get(stationId) as { t: number | null }).t;
  }

  /** Last report time of every station that has reported. */
  freshnessAll(): StationFreshness[] {
    return this.s.freshnessAll.all() as StationFreshness[];
  }
}
