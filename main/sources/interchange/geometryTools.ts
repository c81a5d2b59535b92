import type { Geometry } from './sourceDataset';
import type { ImportErrorDetails } from './importError';
import { ImportError } from './importError';

export type Position = number[];

type SimpleGeometry = Exclude<Geometry, { type: 'GeometryCollection' }>;

const depths: Record<SimpleGeometry['type'], number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

function mapNested(node: unknown, depth: number, fn: (p: Position) => Position): unknown {
  if (!Array.isArray(node)) return node;
  if (depth === 0) return fn(node as Position);
  return node.map((child) => mapNested(child, depth - 1, fn));
}

/** A copy of the geometry with every position passed through fn. */
export function mapPositions(geometry: Geometry, fn: (p: Position) => Position): Geometry {
  if (geometry.type === 'GeometryCollection') {
    return { type: 'GeometryCollection', geometries: geometry.geometries.map((g) => mapPositions(g, fn) as SimpleGeometry) };
  }
  return { type: geometry.type, coordinates: mapNested(geometry.coordinates, depths[geometry.type], fn) as SimpleGeometry['coordinates'] };
}

export function forEachPosition(geometry: Geometry, fn: (p: Position) => void): void {
  mapPositions(geometry, (p) => {
    fn(p);
    return p;
  });
}

/** True when the geometry has no positions (POINT EMPTY decodes as [NaN, NaN]). */
export function isEmptyGeometry(geometry: Geometry): boolean {
  let any = false;
  forEachPosition(geometry, (p) => {
    if (p.length >= 2 && !Number.isNaN(p[0]) && !Number.isNaN(p[1])) any = true;
  });
  return !any;
}

export function hasZ(geometry: Geometry): boolean {
  let z = false;
  forEachPosition(geometry, (p) => {
    if (p.length >= 3) z = true;
  });
  return z;
}

/** 'Point', 'LineString' … for one type, 'Mixed' for several, null without geometries. */
export function summariseGeometryType(geometries: (Geometry | null)[]): string | null {
  const types = new Set<string>();
  for (const g of geometries) if (g) types.add(g.type);
  if (types.size === 0) return null;
  if (types.size === 1) return [...types][0]!;
  const bases = new Set([...types].map((t) => t.replace(/^Multi/, '')));
  if (bases.size === 1) return `Multi${[...bases][0]!}`;
  return 'Mixed';
}

/** [minX, minY, maxX, maxY] of a list of geometries, null without positions. */
export function bboxOf(geometries: (Geometry | null)[]): [number, number, number, number] | null {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const g of geometries) {
    if (!g) continue;
    forEachPosition(g, (p) => {
      const [x, y] = p as [number, number];
      if (!Number.isFinite(x) || !Number.isFinite(y)) return;
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    });
  }
  return minX === Infinity ? null : [minX, minY, maxX, maxY];
}

export function looksGeographic(bbox: [number, number, number, number] | null): boolean {
  if (!bbox) return true;
  const [minX, minY, maxX, maxY] = bbox;
  return minX >= -180 && maxX <= 180 && minY >= -90 && maxY <= 90;
}

function checkPosition(p: unknown, where: ImportErrorDetails, path: string): void {
  if (!Array.isArray(p) || p.length < 2 || p.length > 4) {
    throw new ImportError({ ...where, field: path }, `position ${JSON.stringify(p)} is not [x, y] or [x, y, z]`);
  }
  for (const v of p) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new ImportError({ ...where, field: path }, `position ${JSON.stringify(p)} has a coordinate that is not a finite number`);
    }
  }
}

function checkLine(line: unknown, min: number, where: ImportErrorDetails, path: string): void {
  if (!Array.isArray(line)) throw new ImportError({ ...where, field: path }, 'expected an array of positions');
  if (line.length < min) throw new ImportError({ ...where, field: path }, `has ${line.length} positions, needs at least ${min}`);
  line.forEach((p, i) => checkPosition(p, where, `${path}[${i}]`));
}

function checkRing(ring: unknown, where: ImportErrorDetails, path: string): void {
  checkLine(ring, 4, where, path);
  const r = ring as Position[];
  const a = r[0]!, b = r[r.length - 1]!;
  if (a[0] !== b[0] || a[1] !== b[1]) {
    throw new ImportError({ ...where, field: path }, `polygon ring is not closed: first ${JSON.stringify(a)} ≠ last ${JSON.stringify(b)}`);
  }
}

function checkArray(v: unknown, where: ImportErrorDetails, path: string, min = 0): unknown[] {
  if (!Array.isArray(v)) throw new ImportError({ ...where, field: path }, 'expected an array');
  if (v.length < min) throw new ImportError({ ...where, field: path }, `has ${v.length} elements, needs at least ${min}`);
  return v;
}

/**
 * Validate a GeoJSON geometry object structurally (types, nesting, finite numbers, closed rings with at
 * least 4 positions, lines with at least 2). Throws an ImportError naming `path` below `where`.
 */
export function validateGeoJsonGeometry(value: unknown, where: ImportErrorDetails, path = 'geometry'): Geometry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ImportError({ ...where, field: path }, 'geometry is not an object');
  }
  const g = value as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  const c = `${path}.coordinates`;
  switch (g.type) {
    case 'Point':
      checkPosition(g.coordinates, where, c);
      break;
    case 'MultiPoint':
      checkArray(g.coordinates, where, c).forEach((p, i) => checkPosition(p, where, `${c}[${i}]`));
      break;
    case 'LineString':
      checkLine(g.coordinates, 2, where, c);
      break;
    case 'MultiLineString':
      checkArray(g.coordinates, where, c).forEach((l, i) => checkLine(l, 2, where, `${c}[${i}]`));
      break;
    case 'Polygon':
      checkArray(g.coordinates, where, c, 1).forEach((r, i) => checkRing(r, where, `${c}[${i}]`));
      break;
    case 'MultiPolygon':
      checkArray(g.coordinates, where, c).forEach((poly, i) =>
        checkArray(poly, where, `${c}[${i}]`, 1).forEach((r, j) => checkRing(r, where, `${c}[${i}][${j}]`)),
      );
      break;
    case 'GeometryCollection':
      checkArray(g.geometries, where, `${path}.geometries`).forEach((child, i) => {
        const inner = validateGeoJsonGeometry(child, where, `${path}.geometries[${i}]`);
        if (inner.type === 'GeometryCollection') {
          throw new ImportError({ ...where, field: `${path}.geometries[${i}]` }, 'nested GeometryCollection is not supported');
        }
      });
      break;
    default:
      throw new ImportError({ ...where, field: `${path}.type` }, `unknown geometry type ${JSON.stringify(g.type)}`);
  }
  return value as Geometry;
}

/** Ring orientation by the shoelace formula: > 0 counter-clockwise. */
function signedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i]!, b = ring[i + 1]!;
    s += a[0]! * b[1]! - b[0]! * a[1]!;
  }
  return s / 2;
}

function orient(ring: Position[], ccw: boolean): Position[] {
  const isCcw = signedArea(ring) > 0;
  return isCcw === ccw ? ring : [...ring].reverse();
}

/** RFC 7946 §3.1.6 winding: exterior rings counter-clockwise, holes clockwise. */
export function rewindRfc7946(geometry: Geometry): Geometry {
  switch (geometry.type) {
    case 'Polygon': {
      const rings = geometry.coordinates as Position[][];
      return { type: 'Polygon', coordinates: rings.map((r, i) => orient(r, i === 0)) };
    }
    case 'MultiPolygon': {
      const polys = geometry.coordinates as Position[][][];
      return { type: 'MultiPolygon', coordinates: polys.map((rings) => rings.map((r, i) => orient(r, i === 0))) };
    }
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: geometry.geometries.map((g) => rewindRfc7946(g) as SimpleGeometry) };
    default:
      return geometry;
  }
}
