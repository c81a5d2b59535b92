import type Database from 'better-sqlite3';
import type { DemGrid } from '../../sources/terrain/demGrid';
import { CameraAnalysisError } from './cameraAnalysisError';
import { cameraSector, insideSector, type CameraSector } from './cameraFov';
import { bearingOf, bearingVector, fromLocal, M_PER_DEG_LAT, metresPerDegLon, ringAreaM2, toLocal } from './cameraGeometry';
import { CAMERA_COLUMNS, toCameraRecord, type CameraRecord, type CameraRow } from './cameraRecord';
import { insideDem, lineOfSight, sightRayReach, type Occlusion, type SightOptions } from './lineOfSight';

/** A point to look at: lon/lat (WGS84) and its height above the ground (default 1.5 m, a person). */
export interface SeeingPoint {
  lon: number;
  lat: number;
  height?: number;
}

export interface SeeingOptions {
  /** The DEM for line of sight; null for none; undefined uses the one given to the constructor. */
  terrain?: DemGrid | null;
  /** At most this many cameras, nearest first (default 50). */
  maxResults?: number;
  /** Also offline, faulty and status-less cameras (default: only status 'online'). */
  includeOffline?: boolean;
  /** Also cameras within range that cannot see the point (outside the field of view or hidden by terrain). */
  includeHidden?: boolean;
}

export interface CameraSighting {
  cameraId: string;
  fid: number;
  name: string | null;
  camType: string | null;
  status: string | null;
  department: string | null;
  lon: number;
  lat: number;
  /** Horizontal distance camera → point, metres. */
  distanceM: number;
  /** Bearing camera → point, degrees clockwise from north. */
  bearing: number;
  inFov: boolean;
  /** False when no DEM was used or an end lies outside the DEM (then terrain is not tested). */
  terrainChecked: boolean;
  occludedBy: Occlusion | null;
  /** In range, in the field of view and not hidden by terrain. */
  sees: boolean;
}

export interface SeeingResult {
  point: { lon: number; lat: number; height: number };
  /** A DEM was used. */
  terrain: boolean;
  /** Radius of the R-tree search: the largest range_m in the layer, metres. */
  searchRadiusM: number;
  /** Rows the R-tree returned for the search box. */
  candidates: number;
  cameras: CameraSighting[];
  /** Candidates that could not be judged (missing range, heading or field of view), with the reason. */
  skipped: { cameraId: string; reason: string }[];
}

export interface CoverageOptions extends SightOptions {
  terrain?: DemGrid | null;
  /** Angular spacing of the rays, degrees (default 2). */
  rayStepDeg?: number;
  /** Height above the ground of what should be seen (default 1.5 m). */
  targetHeight?: number;
}

export interface CoverageResult {
  cameraId: string;
  name: string | null;
  camType: string | null;
  status: string | null;
  lon: number;
  lat: number;
  rangeM: number;
  allRound: boolean;
  /** Centre and width of the sector; null when all round. */
  heading: number | null;
  widthDeg: number;
  rays: number;
  /** Rays cut short by terrain. */
  occludedRays: number;
  terrain: boolean;
  areaM2: number;
  /** The covered area (counter-clockwise exterior ring). */
  polygon: { type: 'Polygon'; coordinates: number[][][] };
}

const DEFAULT_POINT_HEIGHT = 1.5;
const DEFAULT_MAX_RESULTS = 50;
const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

function validPoint(p: SeeingPoint): { lon: number; lat: number; height: number } {
  const bad: string[] = [];
  if (typeof p.lon !== 'number' || !Number.isFinite(p.lon) || p.lon < -180 || p.lon > 180) bad.push(`lon ${String(p.lon)} is not a longitude in [-180, 180]`);
  if (typeof p.lat !== 'number' || !Number.isFinite(p.lat) || p.lat < -85 || p.lat > 85) bad.push(`lat ${String(p.lat)} is not a latitude in [-85, 85]`);
  const height = p.height ?? DEFAULT_POINT_HEIGHT;
  if (typeof height !== 'number' || !Number.isFinite(height) || height < 0 || height > 1000) bad.push(`height ${String(p.height)} is not a height in [0, 1000] m`);
  if (bad.length) throw new CameraAnalysisError('BAD_INPUT', `cameras.seeing: ${bad.join('; ')}`);
  return { lon: p.lon, lat: p.lat, height };
}

/**
 * Which cameras see a point, and what one camera covers, over the `cameras` layer of the store. Candidates come from
 * the layer's GeoPackage R-tree (a box around the point as wide as the largest camera range); the table is never
 * scanned for a query. The largest range is cached until the store changes. Read only.
 */
export class CameraCoverage {
  private readonly q: {
    near: Database.Statement;
    byId: Database.Statement;
    byFid: Database.Statement;
    maxRange: Database.Statement;
    version: Database.Statement;
  };
  private maxRange: { key: string; value: number } | null = null;

  constructor(
    db: Database.Database,
    private readonly terrain: DemGrid | null = null,
    private readonly sight: SightOptions = {},
  ) {
    const table = db.prepare(`SELECT 1 FROM gpkg_contents WHERE table_name = 'cameras' AND data_type = 'features'`).get();
    if (!table) throw new CameraAnalysisError('NOT_FOUND', `the store has no 'cameras' feature layer`);
    this.q = {
      near: db.prepare(
        `SELECT ${CAMERA_COLUMNS.split(', ').map((c) => `c.${c}`).join(', ')} FROM rtree_cameras_geom r JOIN cameras c ON c.fid = r.id
         WHERE r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ?`,
      ),
      byId: db.prepare(`SELECT ${CAMERA_COLUMNS} FROM cameras WHERE external_id = ? LIMIT 1`),
      byFid: db.prepare(`SELECT ${CAMERA_COLUMNS} FROM cameras WHERE fid = ?`),
      maxRange: db.prepare(`SELECT max(range_m) AS m FROM cameras`),
      version: db.prepare(`SELECT (SELECT data_version FROM pragma_data_version) AS dv, total_changes() AS tc`),
    };
  }

  /** The largest range_m of the layer (0 when empty), recomputed only after the store changed. */
  largestRangeM(): number {
    const v = this.q.version.get() as { dv: number; tc: number };
    const key = `${v.dv}:${v.tc}`;
    if (this.maxRange?.key !== key) {
      const m = (this.q.maxRange.get() as { m: number | null }).m;
      this.maxRange = { key, value: m !== null && Number.isFinite(m) && m > 0 ? m : 0 };
    }
    return this.maxRange.value;
  }

  /** Cameras that can see the point, nearest first. See SeeingOptions and cameraSector for the rules. */
  camerasSeeing(point: SeeingPoint, options: SeeingOptions = {}): SeeingResult {
    const p = validPoint(point);
    const maxResults = options.maxResults ?? DEFAULT_MAX_RESULTS;
    if (!Number.isInteger(maxResults) || maxResults < 1) throw new CameraAnalysisError('BAD_INPUT', `cameras.seeing: maxResults ${String(maxResults)} is not a positive integer`);
    const dem = options.terrain !== undefined ? options.terrain : this.terrain;
    const radius = this.largestRangeM();
    // A little wider than the largest range: the R-tree stores float32 bounds and degrees per metre vary with latitude.
    const reach = radius * 1.001 + 1;
    const dLat = reach / M_PER_DEG_LAT;
    const dLon = reach / metresPerDegLon(Math.min(89, Math.abs(p.lat) + dLat));
    const rows = radius > 0 ? (this.q.near.all(p.lon - dLon, p.lon + dLon, p.lat - dLat, p.lat + dLat) as CameraRow[]) : [];
    const out: CameraSighting[] = [];
    const skipped: SeeingResult['skipped'] = [];
    const pointOnDem = dem !== null && insideDem(dem, p.lon, p.lat);
    for (const row of rows) {
      const cam = toCameraRecord(row);
      if (!cam) continue;
      if (!options.includeOffline && cam.status !== 'online') continue;
      if (cam.rangeM === null || !(cam.rangeM > 0)) {
        skipped.push({ cameraId: cam.id, reason: 'range_m is missing or not > 0' });
        continue;
      }
      const { x, y } = toLocal(cam.lon, cam.lat, p.lon, p.lat);
      const distanceM = Math.hypot(x, y);
      if (distanceM > cam.rangeM) continue;
      const sector = cameraSector(cam);
      if (typeof sector === 'string') {
        skipped.push({ cameraId: cam.id, reason: sector });
        continue;
      }
      const bearing = distanceM > 0 ? bearingOf(x, y) : 0;
      const inFov = insideSector(sector, bearing);
      const terrainChecked = dem !== null && pointOnDem && insideDem(dem, cam.lon, cam.lat);
      let occludedBy: Occlusion | null = null;
      if (terrainChecked && inFov) {
        const los = lineOfSight(dem, { lon: cam.lon, lat: cam.lat, above: cam.heightM ?? 0 }, { lon: p.lon, lat: p.lat, above: p.height }, this.sight);
        occludedBy = los.occludedBy;
      }
      const sees = inFov && occludedBy === null;
      if (!sees && !options.includeHidden) continue;
      out.push({
        cameraId: cam.id,
        fid: cam.fid,
        name: cam.name,
        camType: cam.camType,
        status: cam.status,
        department: cam.department,
        lon: cam.lon,
        lat: cam.lat,
        distanceM: Math.round(distanceM * 100) / 100,
        bearing: Math.round(bearing * 100) / 100,
        inFov,
        terrainChecked,
        occludedBy,
        sees,
      });
    }
    out.sort((a, b) => a.distanceM - b.distanceM || a.cameraId.localeCompare(b.cameraId));
    return { point: p, terrain: dem !== null, searchRadiusM: radius, candidates: rows.length, cameras: out.slice(0, maxResults), skipped };
  }

  /** A camera by external id (string) or fid (number). */
  camera(cameraId: string | number): CameraRecord {
    const row = (typeof cameraId === 'number' ? this.q.byFid.get(cameraId) : this.q.byId.get(cameraId)) as CameraRow | undefined;
    const cam = row ? toCameraRecord(row) : null;
    if (!row) throw new CameraAnalysisError('NOT_FOUND', `camera ${JSON.stringify(cameraId)} is not in the cameras layer`);
    if (!cam) throw new CameraAnalysisError('BAD_INPUT', `camera ${JSON.stringify(cameraId)}: geom is not a point`);
    return cam;
  }

  /**
   * The area one camera covers, for drawing: rays every rayStepDeg across its sector (all round for PTZ), each cut
   * at the first terrain occlusion of a target targetHeight above the ground, or at range_m.
   */
  coverageOf(cameraId: string | number, options: CoverageOptions = {}): CoverageResult {
    const cam = this.camera(cameraId);
    const label = `camera ${cam.id}`;
    if (cam.rangeM === null || !(cam.rangeM > 0)) throw new CameraAnalysisError('BAD_INPUT', `${label}: range_m is missing or not > 0`);
    const sector: CameraSector | string = cameraSector(cam);
    if (typeof sector === 'string') throw new CameraAnalysisError('BAD_INPUT', `${label}: ${sector}`);
    const rayStep = options.rayStepDeg ?? 2;
    if (!(rayStep >= 0.1 && rayStep <= 45)) throw new CameraAnalysisError('BAD_INPUT', `${label}: rayStepDeg ${rayStep} is not in [0.1, 45]`);
    const targetHeight = options.targetHeight ?? DEFAULT_POINT_HEIGHT;
    const demOption = options.terrain !== undefined ? options.terrain : this.terrain;
    const dem = demOption !== null && insideDem(demOption, cam.lon, cam.lat) ? demOption : null;
    const width = sector.allRound ? 360 : sector.width;
    const start = sector.allRound ? 0 : sector.heading - width / 2;
    const n = sector.allRound ? Math.max(8, Math.ceil(360 / rayStep)) : Math.max(1, Math.ceil(width / rayStep)) + 1;
    const spacing = sector.allRound ? 360 / n : width / (n - 1);
    const from = { lon: cam.lon, lat: cam.lat, above: cam.heightM ?? 0 };
    const sightOptions = { refraction: options.refraction ?? this.sight.refraction };
    const ends: number[][] = [];
    let occludedRays = 0;
    for (let i = 0; i < n; i++) {
      const bearing = start + i * spacing;
      let reach = cam.rangeM;
      if (dem) {
        const r = sightRayReach(dem, from, bearing, cam.rangeM, targetHeight, sightOptions);
        reach = r.reachM;
        if (r.occluded) occludedRays++;
      }
      const v = bearingVector(bearing);
      const e = fromLocal(cam.lon, cam.lat, v.x * reach, v.y * reach);
      ends.push([round7(e.lon), round7(e.lat)]);
    }
    // Rays run clockwise; GeoJSON exterior rings are counter-clockwise.
    ends.reverse();
    const apex = [round7(cam.lon), round7(cam.lat)];
    const ring = sector.allRound ? [...ends, ends[0]!] : [apex, ...ends, apex];
    return {
      cameraId: cam.id,
      name: cam.name,
      camType: cam.camType,
      status: cam.status,
      lon: cam.lon,
      lat: cam.lat,
      rangeM: cam.rangeM,
      allRound: sector.allRound,
      heading: sector.allRound ? null : sector.heading,
      widthDeg: width,
      rays: n,
      occludedRays,
      terrain: dem !== null,
      areaM2: Math.round(ringAreaM2(ring)),
      polygon: { type: 'Polygon', coordinates: [ring] },
    };
  }
}
