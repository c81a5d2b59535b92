import type Database from 'better-sqlite3';
import type { MonitoringService } from '../../services/monitoring/monitoringService';
import type { AlarmTransition, RejectedPoint } from '../../services/monitoring/monitoringTypes';
import type { TsPoint } from '../../store/timeSeriesRepository';
import type { Sl651Element, Sl651Frame } from './sl651Types';

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
 * monitoring rules run inside it and their events go out after the commit.
 */
export class Sl651Ingest {
  private readonly now: () => number;
  private readonly storeRaw: boolean;
  private readonly q: {
    station: Database.Statement;
    unregistered: Database.Statement;
    list: Database.Statement;
  };
  private readonly frameTx: (frame: Sl651Frame, bytes: Uint8Array | null) => Sl651IngestResult;

  constructor(
    db: Database.Database,
    private readonly monitoring: MonitoringService,
    options: Sl651IngestOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.storeRaw = options.storeRawElements ?? false;
    this.q = {
      station: db.prepare(`SELECT station_code, name, station_type FROM flood_stations WHERE station_code = ? LIMIT 1`),
      unregistered: db.prepare(`
INSERT INTO sl651_unregistered (station_addr, first_seen, last_seen, frames, last_func, last_frame_hex) VALUES (?, ?, ?, 1, ?, ?)
ON CONFLICT(station_addr) DO UPDATE SET last_seen = excluded.last_seen, frames = frames + 1, last_func = excluded.last_func,
  last_frame_hex = excluded.last_frame_hex`),
      list: db.prepare(`
SELECT station_addr AS stationAddr, first_seen AS firstSeen, last_seen AS lastSeen, frames, last_func AS lastFunc,
  last_frame_hex AS lastFrameHex FROM sl651_unregistered ORDER BY last_seen DESC, station_addr`),
    };
    this.frameTx = db.transaction((frame: Sl651Frame, bytes: Uint8Array | null) => this.ingestInTx(frame, bytes));
  }

  /** Looks a station address up in the flood_stations layer. */
  station(addr: string): Sl651StationInfo | null {
    const r = this.q.station.get(addr) as { station_code: string; name: string | null; station_type: string | null } | undefined;
    return r ? { stationCode: r.station_code, name: r.name, stationType: r.station_type } : null;
  }

  /** Stations that sent frames but are not in the flood_stations layer, most recent first. */
  unregistered(): Sl651UnregisteredStation[] {
    return this.q.list.all() as Sl651UnregisteredStation[];
  }

  /** Stores one parsed frame (bytes: the raw frame, kept as hex for unregistered stations). All or nothing. */
  ingest(frame: Sl651Frame, bytes: Uint8Array | null = null): Sl651IngestResult {
    try {
      const result = this.frameTx(frame, bytes);
      this.monitoring.flushEvents();
      return result;
    } catch (err) {
      this.monitoring.discardEvents();
      throw err;
    }
  }

  private ingestInTx(frame: Sl651Frame, bytes: Uint8Array | null): Sl651IngestResult {
    const addr = frame.stationAddr;
    const station = this.station(addr);
    const result: Sl651IngestResult = { stationAddr: addr, station, streams: [], rejected: [], skipped: [], transitions: [] };
    if (!station) {
      const hex = bytes ? Buffer.from(bytes).toString('hex').toUpperCase() : '';
      const now = this.now();
      this.q.unregistered.run(addr, now, now, frame.funcCode, hex);
    }
    if (frame.direction !== 'up') {
      result.skipped.push({ element: '*', reason: 'downlink frame: nothing to store' });
      return result;
    }
    const byStream = new Map<string, { element: Sl651Element; points: TsPoint[] }>();
    for (const el of frame.elements) {
      const points = this.pointsOf(el, frame, result);
      if (!points) continue;
      const streamId = sl651StreamIdOf(addr, el.id);
      const entry = byStream.get(streamId);
      if (entry) entry.points.push(...points);
      else byStream.set(streamId, { element: el, points });
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
      result.rejected.push(...r.rejected.map((p) => ({ ...p, streamId })));
      result.transitions.push(...r.transitions);
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
