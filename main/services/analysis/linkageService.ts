import type Database from 'better-sqlite3';
import { decodeGpkgGeometry } from '../../store/gpkgGeometry';
import type { DrainageService } from '../drainage/drainageService';
import type { MonitoringService } from '../monitoring/monitoringService';
import { stationsLive } from '../monitoring/stationsLive';
import type { CameraCoverage } from './cameraCoverage';

const EARTH_R = 6_371_008.8;

/** Great-circle distance in metres. */
export function distanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_R * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** [west, south, east, north] of a circle (enough for an R-tree candidate search). */
function boxAround(lon: number, lat: number, radiusM: number): [number, number, number, number] {
  const dLat = radiusM / 111_320;
  const dLon = radiusM / (111_320 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
  return [lon - dLon, lat - dLat, lon + dLon, lat + dLat];
}

type Part<T> = { available: true; data: T } | { available: false; reason: string };

export interface LinkageResult {
  point: { lon: number; lat: number };
  radiusM: number;
  cameras: Part<{ cameraId: string; name: string | null; status: string | null; distanceM: number; bearing: number; streamUrl: string | null }[]>;
  drainage: Part<{
    node: { id: string; nodeType: string | null; distanceM: number; lon: number; lat: number };
    downstream: { pipeCount: number; totalLengthM: number; outfalls: string[]; plants: string[]; pipeIds: string[] };
    upstream: { pipeCount: number; totalLengthM: number; pipeIds: string[] };
    warnings: string[];
  }>;
  stations: Part<{ stationId: string; name: string | null; type: string | null; distanceM: number; value: number | null; unit: string | null; level: string | null; severity: number; streamId: string | null }[]>;
  facilities: Part<{
    counts: Record<string, number>;
    items: { id: string; name: string | null; category: string | null; distanceM: number; lon: number; lat: number; capacity: number | null }[];
  }>;
}

const hasTable = (db: Database.Database, t: string) => !!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(t);

/**
 * The decision-analysis view of one place (an alarm's station, an incident): the cameras that can see it, the drainage
 * network's downstream and upstream trace from the nearest manhole, the flood stations nearby with their readings, and
 * the facilities (schools, hospitals, shelters, hazardous sites) within the radius with counts. Each part degrades on
 * its own: a missing layer or no data nearby answers `available: false` with the reason, never an error for the rest.
 */
export class LinkageService {
  constructor(
    private readonly db: Database.Database,
    private readonly deps: { cameras: CameraCoverage | null; drainage: DrainageService; monitoring: MonitoringService },
  ) {}

  analyze(lon: number, lat: number, radiusM: number, now: number = Date.now()): LinkageResult {
    return {
      point: { lon, lat },
      radiusM,
      cameras: this.part(() => this.cameras(lon, lat)),
      drainage: this.part(() => this.drainage(lon, lat, radiusM)),
      stations: this.part(() => this.stations(lon, lat, radiusM, now)),
      facilities: this.part(() => this.facilities(lon, lat, radiusM)),
    };
  }

  private part<T>(fn: () => T | string): Part<T> {
    try {
      const r = fn();
      return typeof r === 'string' ? { available: false, reason: r } : { available: true, data: r };
    } catch (err) {
      return { available: false, reason: err instanceof Error ? err.message : String(err) };
    }
  }

  private cameras(lon: number, lat: number) {
    if (!this.deps.cameras || !hasTable(this.db, 'cameras')) return '无视频图层 / no cameras layer';
    const seen = this.deps.cameras.camerasSeeing({ lon, lat }, { maxResults: 12 });
    const url = this.db.prepare(`SELECT stream_url FROM cameras WHERE external_id = ?`);
    return seen.cameras.map((c) => ({
      cameraId: c.cameraId,
      name: c.name,
      status: c.status,
      distanceM: Math.round(c.distanceM),
      bearing: Math.round(c.bearing),
      streamUrl: ((url.get(c.cameraId) as { stream_url: string | null } | undefined)?.stream_url ?? null) || null,
    }));
  }

  /** Points of a layer inside the circle via its R-tree, nearest first. */
  private near(table: string, lon: number, lat: number, radiusM: number, columns: string): (Record<string, unknown> & { lon: number; lat: number; d: number })[] {
    if (!hasTable(this.db, table)) return [];
    const [w, s, e, n] = boxAround(lon, lat, radiusM);
    const rows = this.db
      .prepare(`SELECT ${columns}, t.geom FROM "${table}" t JOIN "rtree_${table}_geom" r ON r.id = t.fid WHERE r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ?`)
      .all(w, e, s, n) as (Record<string, unknown> & { geom: Buffer | null })[];
    const out: (Record<string, unknown> & { lon: number; lat: number; d: number })[] = [];
    for (const r of rows) {
      const g = r.geom ? decodeGpkgGeometry(r.geom) : null;
      if (g?.type !== 'Point') continue;
      const [x, y] = g.coordinates as number[];
      const d = distanceM(lon, lat, x!, y!);
      if (d <= radiusM) out.push({ ...r, lon: x!, lat: y!, d });
    }
    return out.sort((a, b) => a.d - b.d);
  }

  private drainage(lon: number, lat: number, radiusM: number) {
    const nodes = this.near('drainage_nodes', lon, lat, radiusM, 't.external_id, t.node_type');
    const node = nodes.find((n) => n.node_type === 'manhole') ?? nodes[0];
    if (!node) return `${radiusM} 米内无排水节点 / no drainage node within ${radiusM} m`;
    const id = String(node.external_id);
    const down = this.deps.drainage.trace(id, 'down', {});
    const up = this.deps.drainage.trace(id, 'up', {});
    return {
      node: { id, nodeType: (node.node_type as string | null) ?? null, distanceM: Math.round(node.d), lon: node.lon, lat: node.lat },
      downstream: { pipeCount: down.pipeCount, totalLengthM: Math.round(down.totalLengthM), outfalls: down.outfalls, plants: down.plants, pipeIds: down.pipeIds },
      upstream: { pipeCount: up.pipeCount, totalLengthM: Math.round(up.totalLengthM), pipeIds: up.pipeIds },
      warnings: [...down.warnings, ...up.warnings].map((w) => `${w.message.zh} / ${w.message.en}`).slice(0, 10),
    };
  }

  private stations(lon: number, lat: number, radiusM: number, now: number) {
    if (!hasTable(this.db, 'flood_stations')) return '无水雨情站点图层 / no flood stations layer';
    const list = stationsLive(this.db, this.deps.monitoring, now)
      .filter((s) => s.lon !== null && s.lat !== null)
      .map((s) => ({ s, d: distanceM(lon, lat, s.lon!, s.lat!) }))
      .filter((x) => x.d <= Math.max(radiusM, 5000))
      .sort((a, b) => a.d - b.d)
      .slice(0, 8);
    if (list.length === 0) return `附近无站点 / no station within ${Math.max(radiusM, 5000)} m`;
    return list.map(({ s, d }) => ({ stationId: s.stationId, name: s.name, type: s.type, distanceM: Math.round(d), value: s.value, unit: s.unit, level: s.level, severity: s.severity, streamId: s.streamId }));
  }

  private facilities(lon: number, lat: number, radiusM: number) {
    if (!hasTable(this.db, 'facilities')) return '无重点设施图层 / no facilities layer';
    const items = this.near('facilities', lon, lat, radiusM, 't.external_id, t.name, t.category, t.capacity');
    const counts: Record<string, number> = {};
    for (const f of items) counts[String(f.category ?? 'other')] = (counts[String(f.category ?? 'other')] ?? 0) + 1;
    return {
      counts,
      items: items.slice(0, 50).map((f) => ({
        id: String(f.external_id),
        name: (f.name as string | null) ?? null,
        category: (f.category as string | null) ?? null,
        distanceM: Math.round(f.d),
        lon: f.lon,
        lat: f.lat,
        capacity: typeof f.capacity === 'number' ? f.capacity : null,
      })),
    };
  }
}
