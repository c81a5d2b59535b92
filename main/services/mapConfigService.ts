import type { MethodOutput } from '../../preload/contract';
import type { StoredDem } from '../sources/terrain/demRepository';
import type { QuantizedMeshPack } from '../sources/terrain/quantizedMeshPack';
import { HEIGHTMAP_SIZE } from '../sources/terrain/terrainTiles';
import type { TileSource } from '../sources/tiles/tileSource';

/** The Maojian district extent (茅箭区), [west, south, east, north]. */
export const maojianExtent: [number, number, number, number] = [110.59, 32.39, 110.95, 32.69];

/** Map sources and the home view. Tile URLs are host-relative; the renderer's host/ resolves them. */
export function mapConfig(packs: TileSource[] = [], dem: StoredDem | null = null, terrainPack: QuantizedMeshPack | null = null): MethodOutput<'map.config'> {
  // Bottom to top: the bundled fallback, then packs from coarse to fine.
  const sorted = [...packs].sort((a, b) => a.maxZoom - b.maxZoom || a.id.localeCompare(b.id));
  return {
    imagery: [
      {
        id: 'naturalearth',
        title: { zh: '自然地球 II（内置底图）', en: 'Natural Earth II (bundled)' },
        kind: 'tms',
        url: 'tiles/naturalearth/',
        maximumLevel: 2,
        credit: 'Natural Earth II (public domain), bundled with CesiumJS',
        online: false,
        extent: null,
        minimumLevel: 0,
      },
      ...sorted.map((p) => ({
        id: p.id,
        title: { zh: `影像包：${p.title}`, en: `Imagery pack: ${p.title}` },
        kind: 'xyz' as const,
        url: `tiles/${p.id}/{z}/{x}/{y}`,
        maximumLevel: p.maxZoom,
        minimumLevel: p.minZoom,
        extent: p.bounds,
        credit: p.title,
        online: false,
      })),
    ],
    terrain: terrainPack
      ? { kind: 'quantized-mesh', url: `tiles/terrain/${terrainPack.id}/`, title: terrainPack.title, coversDistrict: terrainPack.coversMaojian() }
      : dem
      ? {
          kind: 'heightmap',
          url: 'tiles/dem/',
          tileSize: HEIGHTMAP_SIZE,
          extent: [dem.west, dem.south, dem.east, dem.north],
          minHeight: dem.minHeight,
          maxHeight: dem.maxHeight,
          demo: dem.demo,
          source: dem.source,
        }
      : { kind: 'ellipsoid' },
    homeView: {
      extent: maojianExtent,
      longitude: 110.77,
      latitude: 32.16,
      height: 44_000,
      heading: 0,
      pitch: -52,
    },
    credit: 'CityOps · 茅箭区城市运行指挥中心 · CesiumJS (Apache-2.0)',
  };
}
