import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { openGpkgTiles } from '../sources/tiles/gpkgTileSource';
import { openMbtiles } from '../sources/tiles/mbtilesSource';
import { PackError, type TileSource } from '../sources/tiles/tileSource';
import type { Store } from '../store/openStore';

export interface PackRow {
  id: string;
  format: 'mbtiles' | 'gpkg';
  path: string;
  source_file: string;
  tile_table: string | null;
  title: string;
  min_zoom: number;
  max_zoom: number;
  bounds: string | null;
}

export function packsDir(store: Store): string {
  return join(dirname(store.path), 'packs');
}

function openPack(format: 'mbtiles' | 'gpkg', path: string, id: string, table?: string | null): TileSource {
  return format === 'mbtiles' ? openMbtiles(path, id) : openGpkgTiles(path, id, table ?? undefined);
}

/**
 * Registers an imagery pack: checks it opens and serves tiles, copies it next to the store (so the store
 * keeps working when the original moves) and records it. A bad pack changes nothing.
 */
export function addImageryPack(store: Store, file: string, opts: { id?: string; table?: string } = {}): PackRow {
  const ext = extname(file).toLowerCase();
  const format = ext === '.mbtiles' ? 'mbtiles' : ext === '.gpkg' ? 'gpkg' : null;
  if (!format) throw new PackError(`${file}: an imagery pack must be .mbtiles or .gpkg`);
  const id = opts.id ?? basename(file, ext).toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 40);
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(id)) throw new PackError(`${file}: cannot derive a pack id from the file name; give one with --id`);
  if (id === 'naturalearth') throw new PackError(`pack id '${id}' is reserved`);
  const probe = openPack(format, file, id, opts.table);
  const info = { title: probe.title, minZoom: probe.minZoom, maxZoom: probe.maxZoom, bounds: probe.bounds };
  probe.close();
  const dir = packsDir(store);
  mkdirSync(dir, { recursive: true });
  const target = join(dir, `${id}${ext}`);
  const existed = store.db.prepare('SELECT 1 FROM cityops_packs WHERE id = ?').get(id);
  if (existed) throw new PackError(`a pack with id '${id}' exists already; remove it first or give another --id`);
  copyFileSync(file, target);
  try {
    const row: PackRow = {
      id,
      format,
      path: target,
      source_file: file,
      tile_table: opts.table ?? null,
      title: info.title,
      min_zoom: info.minZoom,
      max_zoom: info.maxZoom,
      bounds: info.bounds ? JSON.stringify(info.bounds) : null,
    };
    store.db
      .prepare(
        `INSERT INTO cityops_packs (id, kind, format, path, source_file, tile_table, title, min_zoom, max_zoom, bounds, added_at)
         VALUES (@id, 'imagery', @format, @path, @source_file, @tile_table, @title, @min_zoom, @max_zoom, @bounds, @added_at)`,
      )
      .run({ ...row, added_at: new Date().toISOString() });
    return row;
  } catch (err) {
    rmSync(target, { force: true });
    throw err;
  }
}

export function listPacks(store: Store): PackRow[] {
  return store.db.prepare('SELECT id, format, path, source_file, tile_table, title, min_zoom, max_zoom, bounds FROM cityops_packs ORDER BY max_zoom, id').all() as PackRow[];
}

/** Opens every registered pack that is still readable; the others are reported, not fatal. */
export function openRegisteredPacks(store: Store, log: (m: string) => void = console.warn): TileSource[] {
  const out: TileSource[] = [];
  for (const p of listPacks(store)) {
    if (!existsSync(p.path)) {
      log(`[packs] ${p.id}: ${p.path} is missing; not served`);
      continue;
    }
    try {
      out.push(openPack(p.format, p.path, p.id, p.tile_table));
    } catch (err) {
      log(`[packs] ${p.id}: ${(err as Error).message}; not served`);
    }
  }
  return out;
}
