import Database from 'better-sqlite3';
import { inspectSqliteHeader } from './sqliteHeader';
import { PackError, sniffImageType, type TileSource } from './tileSource';

const ORIGIN = 20037508.342789244;

interface MatrixRow {
  zoom_level: number;
  matrix_width: number;
  matrix_height: number;
  tile_width: number;
  pixel_x_size: number;
}

/**
 * A GeoPackage tile table (row 0 at the top) in EPSG:3857 on the Web Mercator grid, served as XYZ.
 * Other tile matrix sets are refused with a clear reason rather than drawn in the wrong place.
 */
export function openGpkgTiles(path: string, id: string, table?: string): TileSource {
  inspectSqliteHeader(path);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const names = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table','view')`).all() as { name: string }[]).map((r) => r.name));
    if (!names.has('gpkg_contents') || !names.has('gpkg_tile_matrix_set')) throw new PackError(`${path}: not a GeoPackage with tiles (no gpkg_contents/gpkg_tile_matrix_set)`);
    const tables = (db.prepare(`SELECT table_name, identifier FROM gpkg_contents WHERE data_type IN ('tiles', '2d-gridded-coverage')`).all() as { table_name: string; identifier: string | null }[]);
    if (tables.length === 0) throw new PackError(`${path}: the GeoPackage has no tile tables`);
    const chosen = table ? tables.find((t) => t.table_name === table) : tables.length === 1 ? tables[0] : undefined;
    if (!chosen) throw new PackError(`${path}: ${table ? `no tile table '${table}'` : `several tile tables (${tables.map((t) => t.table_name).join(', ')}): name one`}`);
    const t = chosen.table_name;
    const set = db.prepare(`SELECT srs_id, min_x, min_y, max_x, max_y FROM gpkg_tile_matrix_set WHERE table_name = ?`).get(t) as
      | { srs_id: number; min_x: number; min_y: number; max_x: number; max_y: number }
      | undefined;
    if (!set) throw new PackError(`${path}: tile table '${t}' has no gpkg_tile_matrix_set row`);
    if (set.srs_id !== 3857) throw new PackError(`${path}: tile table '${t}' is in srs ${set.srs_id}; only EPSG:3857 (Web Mercator) tile packs are supported`);
    const matrices = new Map<number, { colOffset: number; rowOffset: number; width: number; height: number }>();
    for (const m of db.prepare(`SELECT zoom_level, matrix_width, matrix_height, tile_width, pixel_x_size FROM gpkg_tile_matrix WHERE table_name = ?`).all(t) as MatrixRow[]) {
      const span = m.pixel_x_size * m.tile_width;
      const worldSpan = (2 * ORIGIN) / 2 ** m.zoom_level;
      if (Math.abs(span - worldSpan) / worldSpan > 1e-6) continue; // not on the Web Mercator grid at this zoom
      const colOffset = Math.round((set.min_x + ORIGIN) / span);
      const rowOffset = Math.round((ORIGIN - set.max_y) / span);
      matrices.set(m.zoom_level, { colOffset, rowOffset, width: m.matrix_width, height: m.matrix_height });
    }
    if (matrices.size === 0) throw new PackError(`${path}: tile table '${t}' is not on the Web Mercator (GoogleMapsCompatible) grid at any zoom`);
    const zooms = [...matrices.keys()].sort((a, b) => a - b);
    const toLon = (x: number) => (x / ORIGIN) * 180;
    const toLat = (y: number) => (Math.atan(Math.exp((y / ORIGIN) * Math.PI)) * 360) / Math.PI - 90;
    // The pack's real extent is where its tiles are, not the (often world-wide) matrix set: Cesium must not ask
    // for 4,096 level-16 tiles per screen tile everywhere else.
    const maxZoom = zooms[zooms.length - 1]!;
    const m = matrices.get(maxZoom)!;
    const range = db.prepare(`SELECT min(tile_column) AS c0, max(tile_column) AS c1, min(tile_row) AS r0, max(tile_row) AS r1 FROM "${t.replace(/"/g, '""')}" WHERE zoom_level = ?`).get(maxZoom) as
      | { c0: number | null; c1: number | null; r0: number | null; r1: number | null }
      | undefined;
    if (!range || range.c0 === null || range.c1 === null || range.r0 === null || range.r1 === null) throw new PackError(`${path}: tile table '${t}' holds no tiles`);
    const span = (2 * ORIGIN) / 2 ** maxZoom;
    const west = -ORIGIN + (range.c0 + m.colOffset) * span, east = -ORIGIN + (range.c1 + 1 + m.colOffset) * span;
    const north = ORIGIN - (range.r0 + m.rowOffset) * span, south = ORIGIN - (range.r1 + 1 + m.rowOffset) * span;
    const get = db.prepare(`SELECT tile_data FROM "${t.replace(/"/g, '""')}" WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?`);
    return {
      id,
      title: chosen.identifier ?? t,
      format: 'gpkg',
      minZoom: zooms[0]!,
      maxZoom: zooms[zooms.length - 1]!,
      bounds: [toLon(west), toLat(south), toLon(east), toLat(north)],
      getTile(z, x, y) {
        const m = matrices.get(z);
        if (!m) return null;
        const col = x - m.colOffset;
        const row = y - m.rowOffset;
        if (col < 0 || row < 0 || col >= m.width || row >= m.height) return null;
        const r = get.get(z, col, row) as { tile_data: Buffer } | undefined;
        if (!r) return null;
        const contentType = sniffImageType(r.tile_data);
        return contentType ? { data: r.tile_data, contentType } : null;
      },
      close: () => db.close(),
    };
  } catch (err) {
    db.close();
    if (err instanceof PackError) throw err;
    throw new PackError(`${path}: cannot be read as a GeoPackage tile pack (${(err as Error).message})`);
  }
}
