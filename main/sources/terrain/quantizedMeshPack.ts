import Database from 'better-sqlite3';
import Martini from '@mapbox/martini';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { inspectSqliteHeader } from '../tiles/sqliteHeader';
import { PackError } from '../tiles/tileSource';
import { DEM_FADE_DEG, terrainHeightAt, type DemGrid } from './demGrid';
import { encodeQuantizedMesh, geodeticToEcef, QM_MAX, quantizedMeshHeader } from './quantizedMesh';

export const QUANTIZED_MESH_CONTENT_TYPE = 'application/vnd.quantized-mesh';
/** The tile template every pack publishes in layerJson(): the host serves `{z}/{x}/{y}.terrain` next to layer.json. */
export const TERRAIN_TILE_TEMPLATE = '{z}/{x}/{y}.terrain?v={version}';
/** Maojian district extent [west, south, east, north]. */
export const MAOJIAN_EXTENT: [number, number, number, number] = [110.59, 32.39, 110.95, 32.69];

export interface QuantizedMeshTileData {
  data: Buffer;
  contentType: typeof QUANTIZED_MESH_CONTENT_TYPE;
  /** 'gzip' when the stored bytes are gzip (1F 8B): send `Content-Encoding: gzip`. */
  encoding: 'gzip' | null;
}

const int = z.number().int().nonnegative();
const range = z
  .object({ startX: int, startY: int, endX: int, endY: int })
  .refine((r) => r.startX <= r.endX && r.startY <= r.endY, 'start must not be after end');
const layerSchema = z.looseObject({
  tilejson: z.string(),
  name: z.string().optional(),
  description: z.string().optional(),
  attribution: z.string().optional(),
  version: z.string().optional(),
  format: z.literal('quantized-mesh-1.0'),
  scheme: z.enum(['tms', 'slippyMap']).default('tms'),
  tiles: z
    .array(z.string().refine((t) => t.includes('{z}') && t.includes('{x}') && t.includes('{y}'), 'a tile template needs {z}, {x} and {y}'))
    .min(1),
  projection: z.literal('EPSG:4326').default('EPSG:4326'),
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
  minzoom: int.optional(),
  maxzoom: int.optional(),
  available: z.array(z.array(range)).optional(),
  extensions: z.array(z.string()).optional(),
});
export type QuantizedMeshLayerJson = z.output<typeof layerSchema>;
export type TileRange = z.output<typeof range>;

/** Validates a layer.json object; a PackError names `where` and the first bad field. */
export function validateLayerJson(value: unknown, where: string): QuantizedMeshLayerJson {
  const r = layerSchema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.length ? issue.path.map(String).join('.') : '(root)';
  throw new PackError(`${where}: field '${field}' is invalid: ${issue.message}`);
}

/** Address of a terrain tile request below the pack's layer.json: '12/6650/2735.terrain' (query ignored). */
export function parseTerrainTilePath(rest: string): { z: number; x: number; y: number } | null {
  const m = /^(\d{1,2})\/(\d{1,7})\/(\d{1,7})\.terrain(?:\?.*)?$/.exec(rest);
  return m ? { z: Number(m[1]), x: Number(m[2]), y: Number(m[3]) } : null;
}

/** Bounds of a tile of Cesium's geographic scheme (2×1 at level 0); `y` counted from the south (TMS). */
export function geographicTileBounds(level: number, x: number, yTms: number): [number, number, number, number] {
  const span = 180 / 2 ** level;
  return [-180 + x * span, -90 + yTms * span, -180 + (x + 1) * span, -90 + (yTms + 1) * span];
}

const intersects = (a: readonly number[], b: readonly number[]) => a[0]! <= b[2]! && a[2]! >= b[0]! && a[1]! <= b[3]! && a[3]! >= b[1]!;

/** A quantized-mesh terrain pack served to CesiumTerrainProvider under /tiles/terrain/<id>/. */
export interface QuantizedMeshPack {
  id: string;
  title: string;
  format: 'folder' | 'mbtiles';
  minZoom: number;
  maxZoom: number;
  /** [west, south, east, north] of the data: deepest `available` ranges, else layer.json bounds, else the world. */
  bounds: [number, number, number, number];
  /** The validated layer.json, with `tiles` set to TERRAIN_TILE_TEMPLATE. */
  layerJson(): QuantizedMeshLayerJson;
  /** y as in layerJson().scheme (TMS unless the pack says slippyMap). Stored bytes, unchanged; null when absent. */
  getTile(z: number, x: number, y: number): QuantizedMeshTileData | null;
  coversMaojian(): boolean;
  close(): void;
}

function dataBounds(layer: QuantizedMeshLayerJson): [number, number, number, number] {
  const levels = layer.available ?? [];
  for (let level = levels.length - 1; level >= 0; level--) {
    const ranges = levels[level]!;
    if (!ranges.length) continue;
    const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const r of ranges) {
      // `available` rows follow the scheme; for slippyMap row 0 is the north.
      const rows = layer.scheme === 'tms' ? [r.startY, r.endY] : [2 ** level - 1 - r.endY, 2 ** level - 1 - r.startY];
      const lo = geographicTileBounds(level, r.startX, rows[0]!), hi = geographicTileBounds(level, r.endX, rows[1]!);
      b[0] = Math.min(b[0], lo[0]);
      b[1] = Math.min(b[1], lo[1]);
      b[2] = Math.max(b[2], hi[2]);
      b[3] = Math.max(b[3], hi[3]);
    }
    return b;
  }
  return layer.bounds ?? [-180, -90, 180, 90];
}

function coverage(layer: QuantizedMeshLayerJson): () => boolean {
  const levels = layer.available ?? [];
  let deepest = -1;
  for (let l = levels.length - 1; l >= 0 && deepest < 0; l--) if (levels[l]!.length) deepest = l;
  return () => {
    if (deepest < 0) return intersects(layer.bounds ?? [-180, -90, 180, 90], MAOJIAN_EXTENT);
    return levels[deepest]!.some((r) => {
      const rows = layer.scheme === 'tms' ? [r.startY, r.endY] : [2 ** deepest - 1 - r.endY, 2 ** deepest - 1 - r.startY];
      const lo = geographicTileBounds(deepest, r.startX, rows[0]!), hi = geographicTileBounds(deepest, r.endX, rows[1]!);
      return intersects([lo[0], lo[1], hi[2], hi[3]], MAOJIAN_EXTENT);
    });
  };
}

const tileData = (data: Buffer): QuantizedMeshTileData => ({
  data,
  contentType: QUANTIZED_MESH_CONTENT_TYPE,
  encoding: data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b ? 'gzip' : null,
});

const inLevel = (z: number, x: number, y: number) =>
  Number.isInteger(z) && z >= 0 && z <= 30 && x >= 0 && y >= 0 && x < 2 ** (z + 1) && y < 2 ** z;

/**
 * Opens a quantized-mesh pack: a folder with layer.json + {z}/{x}/{y}.terrain (as cesium-terrain-builder writes
 * it, tiles often gzip), or an MBTiles whose metadata format is quantized-mesh (TMS rows). Read-only.
 */
export function openQuantizedMeshPack(pathOrMbtiles: string, id: string): QuantizedMeshPack {
  let isDir: boolean;
  try {
    isDir = statSync(pathOrMbtiles).isDirectory();
  } catch {
    throw new PackError(`${pathOrMbtiles}: no such file or folder`);
  }
  return isDir ? openFolder(pathOrMbtiles, id) : openMbtilesTerrain(pathOrMbtiles, id);
}

function finish(
  id: string,
  format: 'folder' | 'mbtiles',
  layer: QuantizedMeshLayerJson,
  getTile: QuantizedMeshPack['getTile'],
  close: () => void,
): QuantizedMeshPack {
  const levels = layer.available ?? [];
  const published: QuantizedMeshLayerJson = { ...layer, tiles: [TERRAIN_TILE_TEMPLATE] };
  const lastAvailable = levels.reduce((deepest, ranges, level) => (ranges.length ? level : deepest), -1);
  return {
    id,
    title: layer.name ?? id,
    format,
    minZoom: layer.minzoom ?? 0,
    maxZoom: layer.maxzoom ?? Math.max(0, lastAvailable),
    bounds: dataBounds(layer),
    layerJson: () => structuredClone(published),
    getTile: (z, x, y) => (inLevel(z, x, y) ? getTile(z, x, y) : null),
    coversMaojian: coverage(layer),
    close,
  };
}

function openFolder(dir: string, id: string): QuantizedMeshPack {
  const file = join(dir, 'layer.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const why = existsSync(file) ? `not JSON (${(e as Error).message})` : 'missing: a quantized-mesh folder needs a layer.json';
    throw new PackError(`${file}: ${why}`);
  }
  const layer = validateLayerJson(raw, file);
  const template = layer.tiles[0]!.split('?')[0]!;
  const root = resolve(dir);
  const version = layer.version ?? '';
  return finish(
    id,
    'folder',
    layer,
    (z, x, y) => {
      const rel = template
        .replaceAll('{z}', String(z))
        .replaceAll('{x}', String(x))
        .replaceAll('{y}', String(y))
        .replaceAll('{version}', version);
      const path = resolve(root, rel);
      if (!path.startsWith(root + sep)) return null;
      try {
        return tileData(readFileSync(path));
      } catch {
        return null;
      }
    },
    () => {},
  );
}

const QM_FORMATS = new Set(['quantized-mesh', 'quantized-mesh-1.0', 'application/vnd.quantized-mesh']);

/** `available` ranges from the tiles present: column runs per row, merged across rows with the same runs. */
function availableFromTiles(db: Database.Database): TileRange[][] {
  const rows = db
    .prepare(
      `SELECT zoom_level AS z, tile_row AS r, min(tile_column) AS lo, max(tile_column) AS hi, count(*) AS n
       FROM tiles GROUP BY zoom_level, tile_row ORDER BY 1, 2`,
    )
    .all() as { z: number; r: number; lo: number; hi: number; n: number }[];
  const cols = db.prepare('SELECT tile_column AS c FROM tiles WHERE zoom_level = ? AND tile_row = ? ORDER BY 1');
  const out: TileRange[][] = [];
  const open = new Map<string, TileRange>();
  for (const row of rows) {
    while (out.length <= row.z) out.push([]);
    let runs: [number, number][];
    if (row.n === row.hi - row.lo + 1) runs = [[row.lo, row.hi]];
    else {
      runs = [];
      for (const { c } of cols.all(row.z, row.r) as { c: number }[]) {
        const last = runs.at(-1);
        if (last && c === last[1] + 1) last[1] = c;
        else runs.push([c, c]);
      }
    }
    for (const [lo, hi] of runs) {
      const key = `${row.z}:${lo}:${hi}`;
      const prev = open.get(key);
      if (prev && prev.endY === row.r - 1) prev.endY = row.r;
      else {
        const r = { startX: lo, startY: row.r, endX: hi, endY: row.r };
        out[row.z]!.push(r);
        open.set(key, r);
      }
    }
  }
  return out;
}

function openMbtilesTerrain(path: string, id: string): QuantizedMeshPack {
  inspectSqliteHeader(path);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table','view')`).all() as { name: string }[];
    const names = new Set(tables.map((r) => r.name));
    if (!names.has('tiles') || !names.has('metadata')) throw new PackError(`${path}: not an MBTiles file (needs 'tiles' and 'metadata')`);
    const meta = new Map<string, string>();
    for (const r of db.prepare('SELECT name, value FROM metadata').all() as { name: string; value: string }[]) meta.set(r.name, r.value);
    const format = meta.get('format');
    if (!format || !QM_FORMATS.has(format)) {
      throw new PackError(
        `${path}: metadata field 'format' is '${format ?? '(missing)'}'; ` +
          `a terrain pack needs 'quantized-mesh' or '${QUANTIZED_MESH_CONTENT_TYPE}'`,
      );
    }
    let extra: Record<string, unknown> = {};
    const json = meta.get('json');
    if (json) {
      try {
        const parsed: unknown = JSON.parse(json);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) extra = parsed as Record<string, unknown>;
      } catch (e) {
        throw new PackError(`${path}: metadata field 'json' is not JSON (${(e as Error).message})`);
      }
    }
    const num = (key: string) => (meta.has(key) && Number.isFinite(Number(meta.get(key))) ? Number(meta.get(key)) : undefined);
    const b = meta.get('bounds')?.split(',').map(Number);
    const base: Record<string, unknown> = {
      tilejson: '2.1.0',
      name: meta.get('name') ?? id,
      version: meta.get('version') ?? '1.0.0',
      scheme: 'tms',
      projection: 'EPSG:4326',
      ...(meta.has('description') ? { description: meta.get('description') } : {}),
      ...(meta.has('attribution') ? { attribution: meta.get('attribution') } : {}),
      ...(b && b.length === 4 && b.every(Number.isFinite) ? { bounds: b } : {}),
      ...(num('minzoom') !== undefined ? { minzoom: num('minzoom') } : {}),
      ...(num('maxzoom') !== undefined ? { maxzoom: num('maxzoom') } : {}),
    };
    const merged: Record<string, unknown> = { ...base, ...extra, format: 'quantized-mesh-1.0', tiles: [TERRAIN_TILE_TEMPLATE] };
    if (!('available' in extra)) merged.available = availableFromTiles(db);
    const layer = validateLayerJson(merged, `${path} (metadata)`);
    const get = db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?');
    return finish(
      id,
      'mbtiles',
      layer,
      (z, x, y) => {
        const row = layer.scheme === 'tms' ? y : 2 ** z - 1 - y;
        const r = get.get(z, x, row) as { tile_data: Buffer } | undefined;
        return r ? tileData(r.tile_data) : null;
      },
      () => db.close(),
    );
  } catch (err) {
    db.close();
    if (err instanceof PackError) throw err;
    throw new PackError(`${path}: cannot be read as a terrain MBTiles (${(err as Error).message})`);
  }
}

// ---- building a pack from a DEM ----

export interface BuildQuantizedMeshPackOptions {
  maxLevel: number;
  /** Posts per tile side for martini: 65 (default) or 257. */
  gridSize?: 65 | 257;
  /** gzip the .terrain files (as cesium-terrain-builder does). Default false. */
  gzip?: boolean;
  name?: string;
}

export interface QuantizedMeshPackStats {
  tiles: number;
  /** Bytes of all tiles as written. */
  bytes: number;
  /** Bytes of all tiles gzipped (whether or not written that way). */
  gzipBytes: number;
  vertices: number;
  triangles: number;
  meshMs: number;
  perLevel: { level: number; tiles: number; bytes: number }[];
}

/** Cesium's level-0 geometric error for the geographic scheme (65-post heightmaps, 2 root tiles). */
const LEVEL0_ERROR = (6378137 * 2 * Math.PI * 0.25) / (65 * 2);
/** Mesh error allowed at a level: a twentieth of what Cesium assumes for that level, never below 0.25 m. */
export const meshMaxError = (level: number) => Math.max(0.25, LEVEL0_ERROR / 2 ** level / 20);

/**
 * Writes a quantized-mesh pack (layer.json + {z}/{x}/{y}.terrain, geographic TMS, 2×1 tiles at level 0) for a
 * DEM: level 0 everywhere, deeper levels over the DEM and its fade. Heights are sampled as the heightmap tiles
 * are (terrainHeightAt), meshed with martini; big tiles are kept fine enough to follow the Earth's curvature.
 */
export function buildQuantizedMeshPackFromDem(dem: DemGrid, outDir: string, opts: BuildQuantizedMeshPackOptions): QuantizedMeshPackStats {
  const { maxLevel } = opts;
  if (!Number.isInteger(maxLevel) || maxLevel < 0 || maxLevel > 20) throw new Error(`maxLevel ${maxLevel} must be an integer 0..20`);
  const n = opts.gridSize ?? 65;
  const martini = new Martini(n);
  const m = DEM_FADE_DEG;
  const area = [dem.west - m, dem.south - m, dem.east + m, dem.north + m];
  const available: TileRange[][] = [];
  const stats: QuantizedMeshPackStats = { tiles: 0, bytes: 0, gzipBytes: 0, vertices: 0, triangles: 0, meshMs: 0, perLevel: [] };
  const terrain = new Float32Array(n * n);
  for (let level = 0; level <= maxLevel; level++) {
    const span = 180 / 2 ** level;
    const x0 = level === 0 ? 0 : Math.floor((area[0]! + 180) / span), x1 = level === 0 ? 1 : Math.floor((area[2]! + 180) / span);
    const y0 = level === 0 ? 0 : Math.floor((area[1]! + 90) / span), y1 = level === 0 ? 0 : Math.floor((area[3]! + 90) / span);
    available.push([{ startX: x0, startY: y0, endX: x1, endY: y1 }]);
    const perLevel = { level, tiles: 0, bytes: 0 };
    const cellRad = ((span / (n - 1)) * Math.PI) / 180;
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) {
      const [west, south, east, north] = geographicTileBounds(level, x, y);
      const t0 = performance.now();
      for (let r = 0; r < n; r++) {
        const lat = north - (r / (n - 1)) * (north - south);
        for (let c = 0; c < n; c++) terrain[r * n + c] = terrainHeightAt(dem, west + (c / (n - 1)) * (east - west), lat);
      }
      const tile = martini.createTile(terrain);
      // Curvature: a flat triangle whose hypotenuse spans 2k cells sags R(1 − cos(k√2·cell)) below the ellipsoid.
      for (let my = 0; my < n; my++) for (let mx = 0; mx < n; mx++) {
        const k = Math.min(mx ? mx & -mx : n - 1, my ? my & -my : n - 1);
        const sag = 6378137 * (1 - Math.cos(Math.min(k * Math.SQRT2 * cellRad, Math.PI / 2)));
        const i = my * n + mx;
        if (sag > tile.errors[i]!) tile.errors[i] = sag;
      }
      const mesh = tile.getMesh(meshMaxError(level));
      const count = mesh.vertices.length / 2;
      let minH = Infinity, maxH = -Infinity;
      for (let i = 0; i < count; i++) {
        const h = terrain[mesh.vertices[2 * i + 1]! * n + mesh.vertices[2 * i]!]!;
        minH = Math.min(minH, h);
        maxH = Math.max(maxH, h);
      }
      const u = new Uint16Array(count), v = new Uint16Array(count), hq = new Uint16Array(count);
      const positions: [number, number, number][] = [];
      for (let i = 0; i < count; i++) {
        const c = mesh.vertices[2 * i]!, r = mesh.vertices[2 * i + 1]!;
        const h = terrain[r * n + c]!;
        u[i] = Math.round((c / (n - 1)) * QM_MAX);
        v[i] = Math.round(((n - 1 - r) / (n - 1)) * QM_MAX);
        hq[i] = maxH > minH ? Math.round(((h - minH) / (maxH - minH)) * QM_MAX) : 0;
        positions.push(geodeticToEcef(west + (c / (n - 1)) * (east - west), north - (r / (n - 1)) * (north - south), h));
      }
      const indices = Uint32Array.from(mesh.triangles);
      for (let t = 0; t < indices.length; t += 3) {
        const a = indices[t]!, b = indices[t + 1]!, c = indices[t + 2]!;
        const cross = (u[b]! - u[a]!) * (v[c]! - v[a]!) - (v[b]! - v[a]!) * (u[c]! - u[a]!);
        if (cross < 0) {
          indices[t + 1] = c;
          indices[t + 2] = b;
        }
      }
      const center = geodeticToEcef((west + east) / 2, (south + north) / 2, (minH + maxH) / 2);
      const bytes = encodeQuantizedMesh({ header: quantizedMeshHeader(center, minH, maxH, positions), u, v, height: hq, indices });
      stats.meshMs += performance.now() - t0;
      const gz = gzipSync(bytes, { level: 6 });
      const written = opts.gzip ? gz : bytes;
      mkdirSync(join(outDir, String(level), String(x)), { recursive: true });
      writeFileSync(join(outDir, String(level), String(x), `${y}.terrain`), written);
      stats.tiles++;
      stats.bytes += written.length;
      stats.gzipBytes += gz.length;
      stats.vertices += count;
      stats.triangles += indices.length / 3;
      perLevel.tiles++;
      perLevel.bytes += written.length;
    }
    stats.perLevel.push(perLevel);
  }
  const layer: QuantizedMeshLayerJson = {
    tilejson: '2.1.0',
    name: opts.name ?? 'CityOps DEM',
    description: 'quantized-mesh tiles meshed from the CityOps DEM',
    attribution: 'CityOps',
    version: '1.0.0',
    format: 'quantized-mesh-1.0',
    scheme: 'tms',
    tiles: [TERRAIN_TILE_TEMPLATE],
    projection: 'EPSG:4326',
    bounds: [dem.west, dem.south, dem.east, dem.north],
    minzoom: 0,
    maxzoom: maxLevel,
    available,
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'layer.json'), JSON.stringify(layer, null, 2));
  return stats;
}
