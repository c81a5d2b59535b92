import type { TsPoint, TsStream } from './timeSeriesRepository';

const HOUR = 3_600_000;

/**
 * What a write batch of the time-series store knows and still owes:
 * - reads (stream rows, each stream's newest point — shared with the repository's read cache — and each station's
 *   last report), so a burst of frames does not ask SQLite the same question per frame;
 * - writes deferred to the end of the batch: the streams' last report times, and the hourly rollups of the hours the
 *   batch completed or changed. A stream's newest hour has no rollup (it is still filling; charts read it raw), so
 *   live 5-minute data rolls an hour up once, when the first point of the next hour arrives.
 */
export class SeriesBatchMemo {
  constructor(
    /** Stream rows as they will be after the batch (null = no such stream); shared with the repository's read cache. */
    readonly streams: Map<string, TsStream | null>,
    /** The newest stored point of a stream (null = the stream has no points); absent = unknown, ask the store. */
    readonly latest: Map<string, TsPoint | null>,
  ) {}

  /** A station's newest report over its streams as stored before the batch; absent = unknown. */
  readonly freshness = new Map<string, number | null>();
  /** Newest report per station written during the batch. */
  readonly stationTouches = new Map<string, number>();
  /** Newest point time per stream written during the batch (last_ts, written at the end). */
  readonly touches = new Map<string, number>();
  /** Hours (start, epoch ms) written per stream, and the stream's newest time before its first write in the batch. */
  private readonly hours = new Map<string, { before: number | null; hours: Set<number> }>();

  /** Records a written point's hour; `lastTsBefore` is read only at a stream's first write of the batch. */
  wroteHour(streamId: string, ts: number, lastTsBefore: () => number | null): void {
    let h = this.hours.get(streamId);
    if (!h) {
      h = { before: lastTsBefore(), hours: new Set() };
      this.hours.set(streamId, h);
    }
    h.hours.add(Math.floor(ts / HOUR) * HOUR);
  }

  /** Records that a stream (of a station) now has data up to ts. */
  touch(streamId: string, stationId: string | null, ts: number): void {
    this.touches.set(streamId, Math.max(this.touches.get(streamId) ?? ts, ts));
    if (stationId !== null) this.stationTouches.set(stationId, Math.max(this.stationTouches.get(stationId) ?? ts, ts));
    const s = this.streams.get(streamId);
    if (s) s.lastTs = s.lastTs === null ? ts : Math.max(s.lastTs, ts);
  }

  /**
   * Takes the deferred writes (the caller writes them; the reads stay valid): last report times, and the hours whose
   * rollup must be recomputed — every written hour and the stream's previous newest hour, except its newest hour now.
   */
  takePending(newestTs: (streamId: string) => number | null): { recompute: { s: string; h: number }[]; touches: [string, number][] } {
    const recompute: { s: string; h: number }[] = [];
    for (const [s, { before, hours }] of this.hours) {
      const newest = newestTs(s);
      const newestHour = newest === null ? null : Math.floor(newest / HOUR) * HOUR;
      if (before !== null) hours.add(Math.floor(before / HOUR) * HOUR);
      for (const h of hours) if (h !== newestHour) recompute.push({ s, h });
    }
    const touches = [...this.touches.entries()];
    this.hours.clear();
    this.touches.clear();
    return { recompute, touches };
  }
}
