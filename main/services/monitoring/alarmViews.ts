import type Database from 'better-sqlite3';
import { decodeGpkgGeometry } from '../../store/gpkgGeometry';
import type { Alarm, RuleKind } from './monitoringTypes';

export interface AlarmView extends Alarm {
  stationName: string | null;
  lon: number | null;
  lat: number | null;
  ruleKind: RuleKind | null;
  unit: string | null;
}

interface StationPlace {
  name: string | null;
  lon: number | null;
  lat: number | null;
}

/** Adds what the alarm center shows (station name and place, rule kind, unit) to alarms. */
export class AlarmViews {
  private readonly station: Database.Statement;
  private readonly rule: Database.Statement;
  private readonly stream: Database.Statement;
  private readonly camera: Database.Statement;

  constructor(db: Database.Database) {
    this.station = db.prepare(`SELECT name, geom FROM flood_stations WHERE station_code = ? LIMIT 1`);
    this.rule = db.prepare(`SELECT kind FROM mon_rules WHERE id = ?`);
    this.stream = db.prepare(`SELECT unit FROM ts_streams WHERE id = ?`);
    this.camera = db.prepare(`SELECT name, geom FROM cameras WHERE external_id = ? LIMIT 1`);
  }

  /** Camera status alarms (stream camera:<id>:status): the camera's name and place. */
  private cameraPlace(streamId: string): StationPlace | null {
    const m = /^camera:(.+):status$/.exec(streamId);
    if (!m) return null;
    const r = this.camera.get(m[1]) as { name: string | null; geom: Buffer | null } | undefined;
    if (!r) return null;
    const g = r.geom ? decodeGpkgGeometry(r.geom) : null;
    const p = g?.type === 'Point' ? (g.coordinates as number[]) : null;
    return { name: r.name, lon: p?.[0] ?? null, lat: p?.[1] ?? null };
  }

  place(stationId: string | null): StationPlace {
    if (!stationId) return { name: null, lon: null, lat: null };
    const r = this.station.get(stationId) as { name: string | null; geom: Buffer | null } | undefined;
    if (!r) return { name: null, lon: null, lat: null };
    const g = r.geom ? decodeGpkgGeometry(r.geom) : null;
    const p = g?.type === 'Point' ? (g.coordinates as number[]) : null;
    return { name: r.name, lon: p?.[0] ?? null, lat: p?.[1] ?? null };
  }

  view(alarm: Alarm): AlarmView {
    const place = alarm.stationId ? this.place(alarm.stationId) : (this.cameraPlace(alarm.streamId) ?? this.place(null));
    const rule = this.rule.get(alarm.ruleId) as { kind: RuleKind } | undefined;
    const stream = this.stream.get(alarm.streamId) as { unit: string | null } | undefined;
    return { ...alarm, stationName: place.name, lon: place.lon, lat: place.lat, ruleKind: rule?.kind ?? null, unit: stream?.unit ?? null };
  }
}
