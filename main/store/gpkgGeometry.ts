import wkx from 'wkx';
import type { Geometry } from '../../preload/contract';
import { encodeWkb } from './wkbCodec';

/** [minX, maxX, minY, maxY] — the order of the GeoPackage envelope. */
export type Envelope = [number, number, number, number];

export class GeometryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GeometryError';
  }
}

function walkPositions(geometry: Geometry, visit: (x: number, y: number) => void): void {
  if (geometry.type === 'GeometryCollection') {
    for (const g of geometry.geometries) walkPositions(g, visit);
    return;
  }
  const walk = (node: unknown, depth: number): void => {
    if (!Array.isArray(node)) throw new GeometryError(`${geometry.type}: coordinates are not nested arrays`);
    if (depth === 0) {
      if (node.length === 0) return; // an empty point
      const [x, y] = node as number[];
      if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
        throw new GeometryError(`${geometry.type}: position ${JSON.stringify(node)} is not [x, y]`);
      }
      visit(x, y);
      return;
    }
    for (const child of node) walk(child, depth - 1);
  };
  const depths: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };
  walk(geometry.coordinates, depths[geometry.type]!);
}

export function envelopeOf(geometry: Geometry): Envelope | null {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  walkPositions(geometry, (x, y) => {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  });
  return minX === Infinity ? null : [minX, maxX, minY, maxY];
}

/** GeoPackage binary: 'GP', version 0, flags, srs_id, envelope, then ISO WKB (little-endian; Z as 1000+type). */
export function encodeGpkgGeometry(geometry: Geometry, srsId = 4326): Buffer {
  const envelope = envelopeOf(geometry);
  const wkb = encodeWkb(geometry);
  const empty = envelope === null;
  const envelopeCode = empty ? 0 : 1;
  const header = Buffer.alloc(8 + (empty ? 0 : 32));
  header.write('GP', 0, 'ascii');
  header.writeUInt8(0, 2);
  header.writeUInt8((empty ? 0x10 : 0) | (envelopeCode << 1) | 0x01, 3);
  header.writeInt32LE(srsId, 4);
  if (envelope) envelope.forEach((v, i) => header.writeDoubleLE(v, 8 + i * 8));
  return Buffer.concat([header, wkb]);
}

const envelopeSizes = [0, 32, 48, 48, 64];

export interface GpkgHeader {
  srsId: number;
  empty: boolean;
  envelope: Envelope | null;
  wkbOffset: number;
}

export function readGpkgHeader(blob: Uint8Array): GpkgHeader {
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (buf.length < 8 || buf[0] !== 0x47 || buf[1] !== 0x50) throw new GeometryError('not a GeoPackage geometry blob (magic GP missing at byte 0)');
  const flags = buf[3]!;
  const little = (flags & 1) === 1;
  const envelopeCode = (flags >> 1) & 7;
  const envelopeSize = envelopeSizes[envelopeCode];
  if (envelopeSize === undefined) throw new GeometryError(`invalid envelope indicator ${envelopeCode} at byte 3`);
  if (buf.length < 8 + envelopeSize) throw new GeometryError(`geometry blob truncated: ${buf.length} bytes, header needs ${8 + envelopeSize}`);
  const srsId = little ? buf.readInt32LE(4) : buf.readInt32BE(4);
  const d = (i: number) => (little ? buf.readDoubleLE(8 + i * 8) : buf.readDoubleBE(8 + i * 8));
  const envelope: Envelope | null = envelopeSize ? [d(0), d(1), d(2), d(3)] : null;
  return { srsId, empty: (flags & 0x10) !== 0, envelope, wkbOffset: 8 + envelopeSize };
}

export function decodeGpkgGeometry(blob: Uint8Array): Geometry | null {
  const header = readGpkgHeader(blob);
  if (header.empty) return null;
  const wkb = Buffer.from(blob.buffer, blob.byteOffset + header.wkbOffset, blob.byteLength - header.wkbOffset);
  return wkx.Geometry.parse(wkb).toGeoJSON() as Geometry;
}

/** The envelope from the header when present, else computed from the WKB. */
export function gpkgEnvelope(blob: Uint8Array): Envelope | null {
  const header = readGpkgHeader(blob);
  if (header.empty) return null;
  if (header.envelope) return header.envelope;
  const geometry = decodeGpkgGeometry(blob);
  return geometry ? envelopeOf(geometry) : null;
}
