import type { Feature } from '../../../preload/contract';

export interface BoundaryPolygon {
  /** Outer ring as flat [lon, lat, lon, lat, …], closed. */
  outer: number[];
  holes: number[][];
}

export interface BoundaryShape {
  id: string;
  name: string;
  polygons: BoundaryPolygon[];
  /** Where the name label goes: the feature's `cp` property when present, else the largest ring's centre. */
  labelAt: [number, number];
}

type Ring = number[][];

function flatRing(ring: Ring): number[] {
  const out: number[] = [];
  for (const p of ring) out.push(p[0]!, p[1]!);
  const n = out.length;
  if (n >= 4 && (out[0] !== out[n - 2] || out[1] !== out[n - 1])) out.push(out[0]!, out[1]!);
  return out;
}

function ringArea(flat: number[]): number {
  let a = 0;
  for (let i = 0; i + 3 < flat.length; i += 2) a += flat[i]! * flat[i + 3]! - flat[i + 2]! * flat[i + 1]!;
  return Math.abs(a / 2);
}

function ringCentre(flat: number[]): [number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (let i = 0; i < flat.length; i += 2) {
    w = Math.min(w, flat[i]!);
    e = Math.max(e, flat[i]!);
    s = Math.min(s, flat[i + 1]!);
    n = Math.max(n, flat[i + 1]!);
  }
  return [(w + e) / 2, (s + n) / 2];
}

/** Pure: boundary features (Polygon/MultiPolygon) → rings and label positions. Other geometries are skipped. */
export function toBoundaryShapes(features: Feature[]): BoundaryShape[] {
  const shapes: BoundaryShape[] = [];
  for (const f of features) {
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
    const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Ring[][];
    const polygons = polys
      .filter((rings) => rings.length > 0 && rings[0]!.length >= 4)
      .map((rings) => ({ outer: flatRing(rings[0]!), holes: rings.slice(1).map(flatRing) }));
    if (polygons.length === 0) continue;
    const cp = f.properties.cp;
    const largest = polygons.reduce((a, b) => (ringArea(b.outer) > ringArea(a.outer) ? b : a));
    const labelAt: [number, number] =
      Array.isArray(cp) && typeof cp[0] === 'number' && typeof cp[1] === 'number' ? [cp[0], cp[1]] : ringCentre(largest.outer);
    shapes.push({ id: String(f.id), name: typeof f.properties.name === 'string' ? f.properties.name : String(f.id), polygons, labelAt });
  }
  return shapes;
}
