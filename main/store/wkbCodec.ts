import type { Geometry } from '../../preload/contract';

type Position = number[];

/** True when any position has a third ordinate. */
export function geometryHasZ(g: Geometry): boolean {
  if (g.type === 'GeometryCollection') return g.geometries.some(geometryHasZ);
  const walk = (c: unknown): boolean => (Array.isArray(c) && typeof c[0] === 'number' ? c.length > 2 : Array.isArray(c) && c.some(walk));
  return walk(g.coordinates);
}

const codes: Record<Geometry['type'], number> = { Point: 1, LineString: 2, Polygon: 3, MultiPoint: 4, MultiLineString: 5, MultiPolygon: 6, GeometryCollection: 7 };

/**
 * ISO WKB (little-endian), z written for every position when `z` (missing z = 0). Written here because
 * wkx 0.5 drops the Z flag of a GeometryCollection's header while writing Z members.
 */
export function encodeWkb(geometry: Geometry, z = geometryHasZ(geometry)): Buffer {
  const chunks: Buffer[] = [];
  const header = (type: Geometry['type']) => {
    const b = Buffer.alloc(5);
    b.writeUInt8(1, 0);
    b.writeUInt32LE(codes[type] + (z ? 1000 : 0), 1);
    chunks.push(b);
  };
  const count = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n, 0);
    chunks.push(b);
  };
  const pos = (p: Position) => {
    const b = Buffer.alloc(z ? 24 : 16);
    b.writeDoubleLE(p[0] ?? NaN, 0); // an empty point is NaN, NaN in ISO WKB
    b.writeDoubleLE(p[1] ?? NaN, 8);
    if (z) b.writeDoubleLE(p[2] ?? 0, 16);
    chunks.push(b);
  };
  const line = (ps: Position[]) => {
    count(ps.length);
    ps.forEach(pos);
  };
  const write = (g: Geometry) => {
    header(g.type);
    switch (g.type) {
      case 'Point':
        pos(g.coordinates as Position);
        break;
      case 'LineString':
        line(g.coordinates as Position[]);
        break;
      case 'Polygon':
        count((g.coordinates as Position[][]).length);
        (g.coordinates as Position[][]).forEach(line);
        break;
      case 'MultiPoint':
        count((g.coordinates as Position[]).length);
        (g.coordinates as Position[]).forEach((p) => write({ type: 'Point', coordinates: p }));
        break;
      case 'MultiLineString':
        count((g.coordinates as Position[][]).length);
        (g.coordinates as Position[][]).forEach((l) => write({ type: 'LineString', coordinates: l }));
        break;
      case 'MultiPolygon':
        count((g.coordinates as Position[][][]).length);
        (g.coordinates as Position[][][]).forEach((r) => write({ type: 'Polygon', coordinates: r }));
        break;
      case 'GeometryCollection':
        count(g.geometries.length);
        g.geometries.forEach(write);
        break;
    }
  };
  write(geometry);
  return Buffer.concat(chunks);
}

