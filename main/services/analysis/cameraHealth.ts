import type Database from 'better-sqlite3';
import { CameraAnalysisError } from './cameraAnalysisError';
import { areaFromProps, SubdistrictLocator } from './cameraAreas';
import { CAMERA_COLUMNS, parseCameraProps, toCameraRecord, type CameraRow } from './cameraRecord';

export type CameraStatus = 'online' | 'offline' | 'fault';

/** One camera's status as of a reading of the layer. `status` null: missing or not one of online/offline/fault. */
export interface CameraStatusEntry {
  cameraId: string;
  name: string | null;
  status: CameraStatus | null;
  department: string | null;
  /** From props (subdistrict, sub_district, area, street), else the containing sub-district; null when unknown. */
  area: string | null;
}

export interface StatusCounts {
  total: number;
  online: number;
  offline: number;
  fault: number;
  /** Status missing or not one of online/offline/fault. */
  unknown: number;
  /** online / total × 100, one decimal; null when total is 0. */
  onlinePct: number | null;
}

export interface CameraHealthSummary {
  totals: StatusCounts;
  /** Largest first; the null department (未填写 not given) last. */
  byDepartment: (StatusCounts & { department: string | null })[];
  /** Largest first; the null area (未归属 unassigned) last. */
  byArea: (StatusCounts & { area: string | null })[];
}

/** How a camera's status changed between two readings. */
export interface CameraStatusTransition {
  cameraId: string;
  name: string | null;
  from: CameraStatus | null;
  /** null with change 'removed': the camera left the layer. */
  to: CameraStatus | null;
  /** down: it went offline or faulty; up: it came back online; changed: offline ↔ fault or to/from unknown; removed. */
  change: 'down' | 'up' | 'changed' | 'removed';
}

const statuses = new Set<string>(['online', 'offline', 'fault']);
const isDown = (s: CameraStatus | null) => s === 'offline' || s === 'fault';

function emptyCounts(): StatusCounts {
  return { total: 0, online: 0, offline: 0, fault: 0, unknown: 0, onlinePct: null };
}

function add(c: StatusCounts, s: CameraStatus | null): void {
  c.total++;
  if (s === null) c.unknown++;
  else c[s]++;
}

function finish<T extends StatusCounts>(c: T): T {
  c.onlinePct = c.total > 0 ? Math.round((c.online / c.total) * 1000) / 10 : null;
  return c;
}

function grouped<K extends 'department' | 'area'>(entries: readonly CameraStatusEntry[], key: K): (StatusCounts & Record<K, string | null>)[] {
  const groups = new Map<string | null, StatusCounts & Record<K, string | null>>();
  for (const e of entries) {
    const k = e[key];
    let g = groups.get(k);
    if (!g) {
      g = { [key]: k, ...emptyCounts() } as StatusCounts & Record<K, string | null>;
      groups.set(k, g);
    }
    add(g, e.status);
  }
  return [...groups.values()]
    .map(finish)
    .sort((a, b) => {
      const ka = a[key], kb = b[key];
      if (ka === null || kb === null) return ka === kb ? 0 : ka === null ? 1 : -1;
      return b.total - a.total || ka.localeCompare(kb, 'zh-CN');
    });
}

/** Totals and per-department / per-area counts of online, offline, faulty and unknown cameras, with online %. */
export function summarizeCameraHealth(entries: readonly CameraStatusEntry[]): CameraHealthSummary {
  const totals = emptyCounts();
  for (const e of entries) add(totals, e.status);
  return { totals: finish(totals), byDepartment: grouped(entries, 'department'), byArea: grouped(entries, 'area') };
}

/**
 * The status changes between two readings, sorted by camera id. A camera seen for the first time is the baseline
 * (no transition, even when it is offline); one that left the layer gives 'removed'.
 */
export function offlineTransitions(previous: readonly CameraStatusEntry[], current: readonly CameraStatusEntry[]): CameraStatusTransition[] {
  const before = new Map(previous.map((e) => [e.cameraId, e]));
  const out: CameraStatusTransition[] = [];
  const seen = new Set<string>();
  for (const cur of current) {
    seen.add(cur.cameraId);
    const prev = before.get(cur.cameraId);
    if (!prev || prev.status === cur.status) continue;
    const change = isDown(cur.status) && !isDown(prev.status) ? 'down' : isDown(prev.status) && cur.status === 'online' ? 'up' : 'changed';
    out.push({ cameraId: cur.cameraId, name: cur.name, from: prev.status, to: cur.status, change });
  }
  for (const prev of previous) {
    if (!seen.has(prev.cameraId)) out.push({ cameraId: prev.cameraId, name: prev.name, from: prev.status, to: null, change: 'removed' });
  }
  return out.sort((a, b) => (a.cameraId < b.cameraId ? -1 : a.cameraId > b.cameraId ? 1 : 0));
}

/** Reads the cameras layer for health: every camera's status, department and area. Read only. */
export class CameraHealth {
  private readonly all: Database.Statement;
  private readonly extent: Database.Statement;

  constructor(private readonly db: Database.Database) {
    const table = db.prepare(`SELECT 1 FROM gpkg_contents WHERE table_name = 'cameras' AND data_type = 'features'`).get();
    if (!table) throw new CameraAnalysisError('NOT_FOUND', `the store has no 'cameras' feature layer`);
    this.all = db.prepare(`SELECT ${CAMERA_COLUMNS} FROM cameras ORDER BY fid`);
    this.extent = db.prepare(`SELECT min(minx) AS w, min(miny) AS s, max(maxx) AS e, max(maxy) AS n FROM rtree_cameras_geom`);
  }

  /** Every camera's status entry (cameras without a point geometry included: their area comes from props only). */
  snapshot(): CameraStatusEntry[] {
    const ext = this.extent.get() as { w: number | null; s: number | null; e: number | null; n: number | null };
    const locator = new SubdistrictLocator(this.db, ext.w === null || ext.s === null || ext.e === null || ext.n === null ? null : [ext.w, ext.s, ext.e, ext.n]);
    const out: CameraStatusEntry[] = [];
    for (const row of this.all.iterate() as Iterable<CameraRow>) {
      const rec = toCameraRecord(row);
      const props = rec?.props ?? parseCameraProps(row.props);
      const status = row.status !== null && statuses.has(row.status) ? (row.status as CameraStatus) : null;
      out.push({
        cameraId: row.external_id ?? String(row.fid),
        name: row.name,
        status,
        department: row.department?.trim() || null,
        area: areaFromProps(props) ?? (rec ? locator.areaAt(rec.lon, rec.lat) : null),
      });
    }
    return out;
  }

  summary(): CameraHealthSummary {
    return summarizeCameraHealth(this.snapshot());
  }
}
