import { basename } from 'node:path';
import { importDemFile } from '../sources/terrain/readGeoTiffDem';
import { openQuantizedMeshPack, parseTerrainTilePath, type QuantizedMeshPack } from '../sources/terrain/quantizedMeshPack';
import type { Tile } from '../sources/tiles/tileSource';
import type { Store } from '../store/openStore';

/** The configured quantized-mesh terrain pack, kept in cityops_meta (one pack at a time; the DEM is the fallback). */
export function terrainPackSetting(store: Store): { id: string; path: string } | null {
  const row = store.db.prepare(`SELECT value FROM cityops_meta WHERE key = 'terrain_pack'`).get() as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as { id: string; path: string }) : null;
}

/** Checks that the pack opens (layer.json valid) before it is recorded; a bad pack changes nothing. */
export function setTerrainPack(store: Store, path: string, id = basename(path).toLowerCase().replace(/\.mbtiles$/, '').replace(/[^a-z0-9_-]+/g, '-')): QuantizedMeshPack {
  const pack = openQuantizedMeshPack(path, id);
  store.db.prepare(`INSERT INTO cityops_meta (key, value) VALUES ('terrain_pack', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(JSON.stringify({ id, path }));
  return pack;
}

export function clearTerrainPack(store: Store): void {
  store.db.prepare(`DELETE FROM cityops_meta WHERE key = 'terrain_pack'`).run();
}

/** /tiles/terrain/<id>/layer.json and /tiles/terrain/<id>/{z}/{x}/{y}.terrain */
export function terrainPackHandler(pack: QuantizedMeshPack): (rest: string) => Tile | null {
  return (rest) => {
    const [id, ...tail] = rest.split('/');
    if (id !== pack.id) return null;
    const path = tail.join('/');
    if (path === 'layer.json') return { data: Buffer.from(JSON.stringify(pack.layerJson())), contentType: 'application/json' };
    const t = parseTerrainTilePath(path);
    return t ? pack.getTile(t.z, t.x, t.y) : null;
  };
}

export { importDemFile };
