/** Endpoints and geodesic length of a GeoPackage LINESTRING / MULTILINESTRING, or the position of a POINT. */
export interface LineEndpoints {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Geodesic length in metres along every vertex (WGS 84 lon/lat, haversine). */
  lengthM: number;
}

const envelopeBytes = [0, 32, 48, 48, 64];
const EARTH_RADIUS = 6_371_008.8;
const RAD = Math.PI / 180;

/** Haversine distance in metres between two lon/lat positions. */
export function haversineMetres(lon0: number, lat0: number, lon1: number, lat1: number): number {
  const dLat = (lat1 - lat0) * RAD;
  const dLon = (lon1 - lon0) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat0 * RAD) * Math.cos(lat1 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS * Math.asin(Math.min(1, Math.sqrt(a)));
}

interface Cursor {
  view: DataView;
  at: number;
}

/** Where the WKB starts inside a GeoPackage blob, or -1 for an empty or foreign blob. */
function wkbStart(blob: Uint8Array): number {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) return -1;
  const flags = blob[3]!;
  if (flags & 0x10) return -1;
  const env = envelopeBytes[(flags >> 1) & 7];
  return env === undefined ? -1 : 8 + env;
}

/** WKB geometry header: little-endian flag, base type (1 point, 2 line, 5 multiline) and ordinates per position. */
function header(c: Cursor): { little: boolean; type: number; dims: number } {
  const little = c.view.getUint8(c.at) === 1;
  let code = c.view.getUint32(c.at + 1, little);
  c.at += 5;
  let dims = 2;
  // EWKB flags (PostGIS) and ISO Z/M/ZM (1000/2000/3000).
  if (code & 0x80000000) dims++;
  if (code & 0x40000000) dims++;
  if (code & 0x20000000) c.at += 4; // SRID
  code &= 0x0fffffff;
  if (code >= 3000) dims = 4;
  else if (code >= 1000) dims = 3;
  return { little, type: code % 1000, dims };
}

/**
 * Reads only what the network needs from a line blob without building GeoJSON: first and last position and the
 * length along the vertices. Null for an empty blob or a geometry that is not a (multi)line.
 */
export function lineEndpoints(blob: Uint8Array | null | undefined): LineEndpoints | null {
  if (!blob) return null;
  const start = wkbStart(blob);
  if (start < 0) return null;
  const c: Cursor = { view: new DataView(blob.buffer, blob.byteOffset, blob.byteLength), at: start };
  const h = header(c);
  let lines: number;
  if (h.type === 2) lines = 1;
  else if (h.type === 5) {
    lines = c.view.getUint32(c.at, h.little);
    c.at += 4;
  } else return null;
  let first: [number, number] | null = null;
  let last: [number, number] | null = null;
  let length = 0;
  for (let l = 0; l < lines; l++) {
    const lh = h.type === 5 ? header(c) : h;
    const n = c.view.getUint32(c.at, lh.little);
    c.at += 4;
    let px = NaN;
    let py = NaN;
    for (let i = 0; i < n; i++) {
      const x = c.view.getFloat64(c.at, lh.little);
      const y = c.view.getFloat64(c.at + 8, lh.little);
      c.at += 8 * lh.dims;
      if (i > 0) length += haversineMetres(px, py, x, y);
      if (!first) first = [x, y];
      last = [x, y];
      px = x;
      py = y;
    }
  }
  if (!first || !last) return null;
  return { x0: first[0], y0: first[1], x1: last[0], y1: last[1], lengthM: length };
}

/** [lon, lat] of a POINT blob, or null. */
export function pointPosition(blob: Uint8Array | null | undefined): [number, number] | null {
  if (!blob) return null;
  const start = wkbStart(blob);
  if (start < 0) return null;
  const c: Cursor = { view: new DataView(blob.buffer, blob.byteOffset, blob.byteLength), at: start };
  const h = header(c);
  if (h.type !== 1) return null;
  const x = c.view.getFloat64(c.at, h.little);
  const y = c.view.getFloat64(c.at + 8, h.little);
  return Number.isFinite(x) && Number.isFinite(y) ? [x, y] : null;
}
