import type { Tile } from '../tiles/tileSource';
import { heightmapTile, type DemGrid } from './demGrid';

export const HEIGHTMAP_SIZE = 65;
/** Deep enough for street-level views (≈ 2 m per sample at 65×65); the DEM is bilinearly sampled at any level. */
export const HEIGHTMAP_MAX_LEVEL = 22;

/** Serves /tiles/dem/{level}/{x}/{y} as Float32 heightmaps (little-endian) for Cesium. */
export function heightmapTileHandler(dem: DemGrid): (rest: string) => Tile | null {
  return (rest) => {
    const m = /^(\d{1,2})\/(\d{1,6})\/(\d{1,6})$/.exec(rest);
    if (!m) return null;
    const level = Number(m[1]), x = Number(m[2]), y = Number(m[3]);
    if (level > HEIGHTMAP_MAX_LEVEL || x >= 2 * 2 ** level || y >= 2 ** level) return null;
    const tile = heightmapTile(dem, level, x, y, HEIGHTMAP_SIZE) ?? new Float32Array(HEIGHTMAP_SIZE * HEIGHTMAP_SIZE);
    return { data: Buffer.from(tile.buffer, tile.byteOffset, tile.byteLength), contentType: 'application/octet-stream' };
  };
}
