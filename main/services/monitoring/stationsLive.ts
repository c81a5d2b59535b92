import type Database from 'better-sqlite3';
import { decodeGpkgGeometry } from '../../store/gpkgGeometry';
import { parseProps, sl651StreamId } from './defaultFloodRules';
import type { MonitoringService } from './monitoringService';

const HOUR = 3_600_000;
const defaultElement: Record<string, string> = { reservoir: 'ZU', river: 'Z', rain: 'PJ' };
/** Rate of rise below this (units per hour) reads as steady. */
const STEADY_RATE = 0.01;
export const rainWindowsHours = [1, 3, 6, 12, 24] as const;

export interface StationLive {
  stationId: string;
  fid: number;
  name: string | null;
  type: 'reservoir' | 'river' | 'rain' | null;
  lon: number | null;
  lat: number | null;
  /** Ground height at the station from the store's terrain (m), for drawing level columns. */
  groundElev: number | null;
  area: string | null;
  element: string | null;
  streamId: string | null;
  unit: string | null;
  /** Newest observation. */
  value: number | null;
  ts: number | null;
  /** Change per hour over the last hour of data (stage stations). */
  ratePerHour: number | null;
  trend: 'rising' | 'falling' | 'steady' | null;
  lines: { floodLimit: number | null; warning: number | null; guarantee: number | null };
  /** Rainfall sums over the windows ending now (rain gauges), mm. */
  rain: { h1: number; h3: number; h6: number; h12: number; h24: number } | null;
  /** Most severe open alarm of the station. */
  level: string | null;
  severity: number;
  openAlarms: number;
  /** Newest report over all the station's streams. */
  lastReport: number | null;
  /** The series is demo data (stream source 'demo'). */
  demo: boolean;
}

interface Row {
  fid: number;
  name: string | null;
  station_type: string | null;
  station_code: string;
  flood_limit: number | null;
  warning_level: number | null;
  guarantee_level: number | null;
  props: string | null;
  geom: Buffer | null;
}

/** Every registered flood station with its live value, trend, lines, rainfall windows and alarm level. */
export function stationsLive(db: Database.Database, monitoring: MonitoringService, now: number, heightAt: ((lon: number, lat: number) => number) | null = null): StationLive[] {
  const rows = db
    .prepare(
      `SELECT fid, name, station_type, station_code, flood_limit, warning_level, guarantee_level, props, geom
       FROM flood_stations WHERE station_code IS NOT NULL ORDER BY fid`,
    )
    .all() as Row[];
  const open = new Map<string, { level: string; severity: number; count: number }>();
  for (const a of monitoring.alarms({ open: true })) {
    if (!a.stationId) continue;
    const cur = open.get(a.stationId);
    if (!cur) open.set(a.stationId, { level: a.level, severity: a.severity, count: 1 });
    else {
      cur.count++;
      if (a.severity > cur.severity) Object.assign(cur, { level: a.level, severity: a.severity });
    }
  }
  const series = monitoring.series;
  return rows.map((r) => {
    const props = parseProps(r.props);
    const type = r.station_type === 'reservoir' || r.station_type === 'river' || r.station_type === 'rain' ? r.station_type : null;
    const element = typeof props.element === 'string' ? props.element : type ? (defaultElement[type] ?? null) : null;
    const streamId = element ? sl651StreamId(r.station_code, element) : null;
    const stream = streamId ? series.stream(streamId) : null;
    const latest = stream ? series.latest(stream.id) : null;
    let ratePerHour: number | null = null;
    if (stream && latest && type !== 'rain') {
      const first = series.firstIn(stream.id, latest.ts - HOUR, latest.ts);
      if (first && first.ts < latest.ts) ratePerHour = (latest.value - first.value) / ((latest.ts - first.ts) / HOUR);
    }
    const rain =
      stream && type === 'rain'
        ? (Object.fromEntries(rainWindowsHours.map((h) => [`h${h}`, round3(series.sum(stream.id, now - h * HOUR, now).sum)])) as StationLive['rain'])
        : null;
    const geom = r.geom ? decodeGpkgGeometry(r.geom) : null;
    const point = geom?.type === 'Point' ? (geom.coordinates as number[]) : null;
    const alarm = open.get(r.station_code);
    const area = typeof props.subdistrict === 'string' ? props.subdistrict : typeof props.area === 'string' ? props.area : null;
    return {
      stationId: r.station_code,
      fid: r.fid,
      name: r.name,
      type,
      lon: point?.[0] ?? null,
      lat: point?.[1] ?? null,
      groundElev: point && heightAt ? Math.round(heightAt(point[0]!, point[1]!) * 10) / 10 : null,
      area,
      element,
      streamId: stream ? stream.id : null,
      unit: stream?.unit ?? (type === 'rain' ? 'mm' : type ? 'm' : null),
      value: latest?.value ?? null,
      ts: latest?.ts ?? null,
      ratePerHour: ratePerHour === null ? null : round3(ratePerHour),
      trend: ratePerHour === null ? null : ratePerHour > STEADY_RATE ? 'rising' : ratePerHour < -STEADY_RATE ? 'falling' : 'steady',
      lines: { floodLimit: r.flood_limit, warning: r.warning_level, guarantee: r.guarantee_level },
      rain,
      level: alarm?.level ?? null,
      severity: alarm?.severity ?? 0,
      openAlarms: alarm?.count ?? 0,
      lastReport: series.freshness(r.station_code),
      demo: stream?.source === 'demo',
    };
  });
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;
