import type Database from 'better-sqlite3';
import type { Geometry } from '../../../preload/contract';
import { decodeGpkgGeometry } from '../../store/gpkgGeometry';

/** Props keys that name a camera's area (the first string wins), the same keys monitoring reads for stations. */
export const AREA_PROP_KEYS = ['subdistrict', 'sub_district', 'area', 'street'] as const;

/** The area named in a camera's props, or null. */
export function areaFromProps(props: Readonly<Record<string, unknown>>): string | null {
  for (const k of AREA_PROP_KEYS) {
    const v = props[k];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return null;
}

type Ring = number[][];

interface AreaShape {
  name: string;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** Polygons, each an exterior ring then holes. */
  polygons: Ring[][];
}

/** Even-odd ray casting; a point on an edge may fall either way. */
function inRing(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0]!, yi = ring[i]![1]!, xj = ring[j]![0]!, yj = ring[j]![1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function polygonsOf(g: Geometry | null): Ring[][] {
  if (g?.type === 'Polygon') return [g.coordinates as Ring[]];
  if (g?.type === 'MultiPolygon') return g.coordinates as Ring[][];
  return [];
}

/**
 * Names the sub-district (the `subdistricts` layer's feature name) that contains a point, for cameras whose props
 * name no area. The polygons within `extent` are read once through the layer's R-tree; a store without that layer
 * (or without features there) answers null.
 */
export class SubdistrictLocator {
  private readonly shapes: AreaShape[] = [];

  constructor(db: Database.Database, extent: [number, number, number, number] | null) {
    const layer = db.prepare(`SELECT 1 FROM gpkg_contents WHERE table_name = 'subdistricts' AND data_type = 'features'`).get();
    if (!layer || !extent) return;
    const [w, s, e, n] = extent;
    const rows = db
      .prepare(
        `SELECT t.name, t.geom FROM rtree_subdistricts_geom r JOIN subdistricts t ON t.fid = r.id
         WHERE r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ? ORDER BY t.fid`,
      )
      .all(w, e, s, n) as { name: string | null; geom: Uint8Array | null }[];
    for (const r of rows) {
      if (!r.name || !r.geom) continue;
      const polygons = polygonsOf(decodeGpkgGeometry(r.geom));
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (const poly of polygons) {
        for (const [x, y] of poly[0] ?? []) {
          minX = Math.min(minX, x!);
          maxX = Math.max(maxX, x!);
          minY = Math.min(minY, y!);
          maxY = Math.max(maxY, y!);
        }
      }
      if (polygons.length) this.shapes.push({ name: r.name, minX, minY, maxX, maxY, polygons });
    }
  }

  /** The name of the first sub-district containing (lon, lat), or null. */
  areaAt(lon: number, lat: number): string | null {
    for (const s of this.shapes) {
      if (lon < s.minX || lon > s.maxX || lat < s.minY || lat > s.maxY) continue;
      for (const [outer, ...holes] of s.polygons) {
        if (outer && inRing(outer, lon, lat) && !holes.some((h) => inRing(h, lon, lat))) return s.name;
      }
    }
    return null;
  }
}
