import type { Geometry } from '../../preload/contract';

type Pos = number[];

/** Flat [lon, lat, …] arrays of every line of a (Multi)LineString, or of every ring of a (Multi)Polygon. */
export function lineParts(g: Geometry | null): number[][] {
  if (!g) return [];
  const flat = (line: Pos[]) => line.flatMap((p) => [p[0]!, p[1]!]);
  switch (g.type) {
    case 'LineString':
      return [flat(g.coordinates as Pos[])];
    case 'MultiLineString':
      return (g.coordinates as Pos[][]).map(flat);
    case 'Polygon':
      return (g.coordinates as Pos[][]).map(flat);
    case 'MultiPolygon':
      return (g.coordinates as Pos[][][]).flatMap((poly) => poly.map(flat));
    case 'GeometryCollection':
      return g.geometries.flatMap((x) => lineParts(x));
    default:
      return [];
  }
}

/** Polygons as { outer, holes } flat arrays. */
export function polygonParts(g: Geometry | null): { outer: number[]; holes: number[][] }[] {
  if (!g) return [];
  const flat = (ring: Pos[]) => ring.flatMap((p) => [p[0]!, p[1]!]);
  const polys = g.type === 'Polygon' ? [g.coordinates as Pos[][]] : g.type === 'MultiPolygon' ? (g.coordinates as Pos[][][]) : [];
  return polys.filter((p) => p.length > 0 && p[0]!.length >= 4).map((p) => ({ outer: flat(p[0]!), holes: p.slice(1).map(flat) }));
}

/** The point of a Point geometry (or the first point of a MultiPoint), else null. */
export function pointOf(g: Geometry | null): [number, number] | null {
  if (!g) return null;
  if (g.type === 'Point') {
    const c = g.coordinates as Pos;
    return [c[0]!, c[1]!];
  }
  if (g.type === 'MultiPoint') {
    const c = (g.coordinates as Pos[])[0];
    return c ? [c[0]!, c[1]!] : null;
  }
  return null;
}

/** Index of the part with the most vertices (where a line's label goes). */
export function longestPart(parts: number[][]): number[] | null {
  let best: number[] | null = null;
  for (const p of parts) if (!best || p.length > best.length) best = p;
  return best;
}
