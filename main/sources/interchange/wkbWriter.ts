import { envelopeOf } from '../../store/gpkgGeometry';
import type { Geometry } from './sourceDataset';
import { hasZ, isEmptyGeometry, type Position } from './geometryTools';

const codes: Record<Geometry['type'], number> = { Point: 1, LineString: 2, Polygon: 3, MultiPoint: 4, MultiLineString: 5, MultiPolygon: 6, GeometryCollection: 7 };

/**
 * ISO WKB (little-endian), z written for every position when `z` (missing z = 0). Written here because
 * wkx 0.5 drops the Z flag of a GeometryCollection's header while writing Z members.
 */
export function encodeWkb(geometry: Geometry, z = hasZ(geometry)): Buffer {
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
    b.writeDoubleLE(p[0]!, 0);
    b.writeDoubleLE(p[1]!, 8);
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

/** GeoPackage binary (GP header, little-endian, xy envelope) around ISO WKB. */
export function encodeGpkgBlob(geometry: Geometry, srsId = 4326): Buffer {
  const empty = isEmptyGeometry(geometry);
  const envelope = empty ? null : envelopeOf(geometry);
  const header = Buffer.alloc(8 + (envelope ? 32 : 0));
  header.write('GP', 0, 'ascii');
  header.writeUInt8(0, 2);
  header.writeUInt8((envelope ? 0 : 0x10) | (envelope ? 1 << 1 : 0) | 0x01, 3);
  header.writeInt32LE(srsId, 4);
  if (envelope) envelope.forEach((v, i) => header.writeDoubleLE(v, 8 + i * 8));
  return Buffer.concat([header, encodeWkb(geometry)]);
}
