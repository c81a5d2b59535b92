import Database from 'better-sqlite3';
import { gunzipSync } from 'node:zlib';
import { inspectSqliteHeader } from './sqliteHeader';
import { PackError, sniffImageType, type TileSource } from './tileSource';

/**
 * A raster MBTiles pack (1.x, TMS row order), plain `tiles` table or the deduplicated `map` + `images`
 * schema behind a `tiles` view. Opened read-only; the file is never written.
 */
export function openMbtiles(path: string, id: string): TileSource {
  inspectSqliteHeader(path);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const names = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table','view')`).all() as { name: string }[]).map((r) => r.name));
    if (!names.has('tiles')) throw new PackError(`${path}: not an MBTiles file (no 'tiles' table or view)`);
    const meta = new Map<string, string>();
    if (names.has('metadata')) for (const r of db.prepare('SELECT name, value FROM metadata').all() as { name: string; value: string }[]) meta.set(r.name, r.value);
    const format = meta.get('format');
    if (format === 'pbf') throw new PackError(`${path}: vector MBTiles (format pbf) are not imagery; only raster packs (png/jpg/webp) are supported`);
    const zooms = db.prepare('SELECT min(zoom_level) AS lo, max(zoom_level) AS hi FROM tiles').get() as { lo: number | null; hi: number | null };
    if (zooms.lo === null || zooms.hi === null) throw new PackError(`${path}: the MBTiles file holds no tiles`);
    let bounds: TileSource['bounds'] = null;
    const b = meta.get('bounds')?.split(',').map(Number);
    if (b && b.length === 4 && b.every(Number.isFinite)) bounds = [Math.max(-180, b[0]!), Math.max(-85.0511, b[1]!), Math.min(180, b[2]!), Math.min(85.0511, b[3]!)];
    const get = db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?');
    return {
      id,
      title: meta.get('name') ?? id,
      format: 'mbtiles',
      minZoom: Number(meta.get('minzoom') ?? zooms.lo),
      maxZoom: Number(meta.get('maxzoom') ?? zooms.hi),
      bounds,
      getTile(z, x, y) {
        const row = (1 << z) - 1 - y; // TMS: row 0 at the bottom
        const r = get.get(z, x, row) as { tile_data: Buffer } | undefined;
        if (!r) return null;
        let data = r.tile_data;
        if (data[0] === 0x1f && data[1] === 0x8b) data = gunzipSync(data);
        const contentType = sniffImageType(data);
        return contentType ? { data, contentType } : null;
      },
      close: () => db.close(),
    };
  } catch (err) {
    db.close();
    if (err instanceof PackError) throw err;
    throw new PackError(`${path}: cannot be read as MBTiles (${(err as Error).message})`);
  }
}
