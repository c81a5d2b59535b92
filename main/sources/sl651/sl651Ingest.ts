import type Database from 'better-sqlite3';
import type { MonitoringService } from '../../services/monitoring/monitoringService';
import type { AlarmTransition, RejectedPoint } from '../../services/monitoring/monitoringTypes';
import type { TsPoint } from '../../store/timeSeriesRepository';
import type { Sl651Element, Sl651Frame } from './sl651Types';

interface StationRow {
  station_code: string;
  name: string | null;
  station_type: string | null;
}

interface FramePlan {
  result: Sl651IngestResult;
  byStream: Map<string, { element: Sl651Element; points: TsPoint[] }>;
}

const FIVE_MIN = 5 * 60_000;
const MINUTE = 60_000;

/** The stream of one station element: `sl651:<station address>:<element id>` (e.g. sl651:0061100001:Z). */
export const sl651StreamIdOf = (station: string, element: string): string => `sl651:${station}:${element}`;

export interface Sl651StationInfo {
  stationCode: string;
  name: string | null;
  stationType: string | null;
}

export interface Sl651UnregisteredStation {
  stationAddr: string;
  firstSeen: number;
  lastSeen: number;
  frames: number;
  lastFunc: string | null;
  lastFrameHex: string;
}

export interface Sl651IngestResult {
  stationAddr: string;
  /** The station's row in the flood_stations layer (station_code = address); null for an unregistered station. */
  station: Sl651StationInfo | null;
  /** Points written per stream (inserted + updated). */
  streams: { streamId: string; element: string; inserted: number; updated: number }[];
  rejected: (RejectedPoint & { streamId: string })[];
  /** Elements not stored, with the reason (TT, text, time-step codes, user elements whose encoding is not standard). */
  skipped: { element: string; reason: string }[];
  transitions: AlarmTransition[];
}

/** One frame of a burst handed to Sl651Ingest.ingestMany (bytes: the raw frame, kept as hex for unknown stations). */
export interface Sl651IngestItem {
  frame: Sl651Frame;
  bytes: Uint8Array | null;
}

/** What became of one frame of a burst: stored (with what it did), or refused with the reason (nothing of it kept). */
export type Sl651IngestOutcome = { ok: true; result: Sl651IngestResult } | { ok: false; error: Error };

export interface Sl651IngestOptions {
  now?: () => number;
  /** Store user elements (FFxx, unknown guide bytes) with their tentative decimal reading. Default false. */
  storeRawElements?: boolean;
}

/**
 * Frame → observations. Each element of an uplink frame becomes points of the stream `sl651:<station>:<element>`:
 * plain numbers at the group's observation time (TT; the send time when there is none); ZT (status word) and VT
 * (battery) in their own streams; the 5-minute series DRP (F4) and DRZ1–8 (F5–FC) cover the hour ending at TT, so value
 * i (0-based) lands at TT − (11 − i) × 5 min; uniform-period (31H/38H) series start at TT: value i at TT + i × step.
 * Missing values (FF/FFFF) are skipped. The station is looked up in the flood_stations layer by station_code; an unknown
 * station is recorded in sl651_unregistered (and its data is still stored, unalarmed). One transaction per frame; the
 * monitoring rules run inside it and their events go out after the commit. A burst of frames (ingestMany) shares one
 * transaction.
 */
export class Sl651Ingest {
  private readonly now: () => number;
  private readonly storeRaw: boolean;
  private readonly q: {
    station: Database.Statement;
    stations: Database.Statement;
    unregistered: Database.Statement;
    list: Database.Statement;
  };

  constructor(
    db: Database.Database,
    private readonly monitoring: MonitoringService,
    options: Sl651IngestOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.storeRaw = options.storeRawElements ?? false;
    this.q = {
      station: db.prepare(`SELECT station_code, name, station_type FROM flood_stations WHERE station_code = ? LIMIT 1`),
      stations: db.prepare(`SELECT station_code, name, station_type FROM flood_stations WHERE station_code IN (SELECT value FROM json_each(?))`),
      unregistered: db.prepare(`
INSERT INTO sl651_unregistered (station_addr, first_seen, last_seen, frames, last_func, last_frame_hex) VALUES (?, ?, ?, 1, ?, ?)
ON CONFLICT(station_addr) DO UPDATE SET last_seen = excluded.last_seen, frames = frames + 1, last_func = excluded.last_func,
  last_frame_hex = excluded.last_frame_hex`),
      list: db.prepare(`
SELECT station_addr AS stationAddr, first_seen AS firstSeen, last_seen AS lastSeen, frames, last_func AS lastFunc,
  last_frame_hex AS lastFrameHex FROM sl651_unregistered ORDER BY last_seen DESC, station_addr`),
    };
  }

  /** Looks a station address up in the flood_stations layer. */
  station(addr: string): Sl651StationInfo | null {
    const r = this.q.station.get(addr) as StationRow | undefined;
    return r ? { stationCode: r.station_code, name: r.name, stationType: r.station_type } : null;
  }

  /** Stations that sent frames but are not in the flood_stations layer, most recent first. */
  unregistered(): Sl651UnregisteredStation[] {
    return this.q.list.all() as Sl651UnregisteredStation[];
  }

  /** Stores one parsed frame (bytes: the raw frame, kept as hex for unregistered stations). All or nothing; throws. */
  ingest(frame: Sl651Frame, bytes: Uint8Array | null = null): Sl651IngestResult {
    const outcome = this.ingestMany([{ frame, bytes }])[0]!;
    if (!outcome.ok) throw outcome.error;
    return outcome.result;
  }

  /**
   * Stores a burst of frames (e.g. everything the receiver read in one event-loop turn) with one commit: stations,
   * streams, rules and open alarms are read once for the burst, and alarm events go out after the commit. When any
   * frame fails, the burst is rolled back and its frames are stored one by one, so a bad frame costs only itself.
   */
  ingestMany(items: readonly Sl651IngestItem[]): Sl651IngestOutcome[] {
    if (items.length === 0) return [];
    try {
      return this.monitoring.batch(() => this.ingestBurst(items)).map((result) => ({ ok: true, result }));
    } catch (err) {
      if (items.length === 1) return [{ ok: false, error: err instanceof Error ? err : new Error(String(err)) }];
      return items.map((item) => this.ingestMany([item])[0]!);
    }
  }

  private ingestBurst(items: readonly Sl651IngestItem[]): Sl651IngestResult[] {
    const addrs = [...new Set(items.map((i) => i.frame.stationAddr))];
    const stations = new Map<string, Sl651StationInfo>();
    for (const r of this.q.stations.all(JSON.stringify(addrs)) as StationRow[]) {
      if (!stations.has(r.station_code)) stations.set(r.station_code, { stationCode: r.station_code, name: r.name, stationType: r.station_type });
    }
    const plans = items.map(({ frame }) => this.plan(frame, stations.get(frame.stationAddr) ?? null));
    this.monitoring.prefetch([...new Set(plans.flatMap((p) => [...p.byStream.keys()]))], addrs);
    return items.map(({ frame, bytes }, i) => this.store(frame, bytes, plans[i]!));
  }

  /** The frame's points by stream (pure: nothing is read or written). */
  private plan(frame: Sl651Frame, station: Sl651StationInfo | null): FramePlan {
    const addr = frame.stationAddr;
    const result: Sl651IngestResult = { stationAddr: addr, station, streams: [], rejected: [], skipped: [], transitions: [] };
    const byStream = new Map<string, { element: Sl651Element; points: TsPoint[] }>();
    if (frame.direction !== 'up') {
      result.skipped.push({ element: '*', reason: 'downlink frame: nothing to store' });
      return { result, byStream };
    }
    for (const el of frame.elements) {
      const points = this.pointsOf(el, frame, result);
      if (!points) continue;
      const streamId = sl651StreamIdOf(addr, el.id);
      const entry = byStream.get(streamId);
      if (entry) entry.points.push(...points);
      else byStream.set(streamId, { element: el, points });
    }
    return { result, byStream };
  }

  private store(frame: Sl651Frame, bytes: Uint8Array | null, { result, byStream }: FramePlan): Sl651IngestResult {
    const addr = frame.stationAddr;
    const station = result.station;
    if (!station) {
      const hex = bytes ? Buffer.from(bytes).toString('hex').toUpperCase() : '';
      const now = this.now();
      this.q.unregistered.run(addr, now, now, frame.funcCode, hex);
    }
    const series = this.monitoring.series;
    for (const [streamId, { element, points }] of byStream) {
      series.ensureStream({
        id: streamId,
        name: `${station?.name ?? addr} ${element.nameZh}`,
        unit: element.unit || null,
        stationId: addr,
        element: element.id,
        source: 'sl651',
      });
      const r = this.monitoring.ingest(streamId, points);
      result.streams.push({ streamId, element: element.id, inserted: r.inserted, updated: r.updated });
      for (const p of r.rejected) result.rejected.push({ ...p, streamId });
      for (const t of r.transitions) result.transitions.push(t);
    }
    return result;
  }
  private pointsOf(el: Sl651Element, frame: Sl651Frame, result: Sl651IngestResult): TsPoint[] | null {
    const skip = (reason: string) => {
      result.skipped.push({ element: el.id, reason });
      return null;
    };
    const t = el.observationTime?.epochMs ?? frame.sendTime?.epochMs ?? null;
    switch (el.kind) {
      case 'time':
        return null;
      case 'text':
        return skip('text element (manual entry) is not a time series');
      case 'timeStep':
        return skip('time-step code, applied to the series that follows');
      case 'raw':
        if (!this.storeRaw) return skip('encoding not fixed by the standard (user or unknown element)');
        if (el.value === null) return skip('value is not valid BCD');
        break;
      default:
        break;
    }
    if (t === null) return skip('no observation time (TT) or send time');
    if (el.kind === 'series') {
      const out: TsPoint[] = [];
      const n = el.values.length;
      const uniform = !['DRP', 'DRZ1', 'DRZ2', 'DRZ3', 'DRZ4', 'DRZ5', 'DRZ6', 'DRZ7', 'DRZ8'].includes(el.id);
      el.values.forEach((v, i) => {
        if (v === null) return;
        const ts = uniform ? t + i * (el.stepMinutes ?? 5) * MINUTE : t - (n - 1 - i) * FIVE_MIN;
        out.push({ ts, value: v });
      });
      return out;
    }
    if (el.value === null) return skip('no value');
    return [{ ts: t, value: el.value }];
  }
}
