// Small-area geometry for camera analysis: a local east/north metre frame around a point (equirectangular on the
// WGS84 mean sphere; the error stays below 0.1 % inside the few kilometres a camera sees), bearings and angles.

/** Mean earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;
/** Metres per degree of latitude. */
export const M_PER_DEG_LAT = EARTH_RADIUS_M * RAD;

/** Metres per degree of longitude at a latitude. */
export function metresPerDegLon(lat: number): number {
  return M_PER_DEG_LAT * Math.cos(lat * RAD);
}

/** East/north offset in metres of (lon, lat) from the origin (lon0, lat0). */
export function toLocal(lon0: number, lat0: number, lon: number, lat: number): { x: number; y: number } {
  return { x: (lon - lon0) * metresPerDegLon(lat0), y: (lat - lat0) * M_PER_DEG_LAT };
}

/** The lon/lat at an east/north offset in metres from the origin. */
export function fromLocal(lon0: number, lat0: number, x: number, y: number): { lon: number; lat: number } {
  return { lon: lon0 + x / metresPerDegLon(lat0), lat: lat0 + y / M_PER_DEG_LAT };
}

/** Degrees in [0, 360). */
export function normalizeBearing(deg: number): number {
  const d = deg % 360;
  return d < 0 ? d + 360 : d;
}

/** Bearing of an east/north offset: degrees clockwise from north in [0, 360). */
export function bearingOf(x: number, y: number): number {
  return normalizeBearing(Math.atan2(x, y) / RAD);
}

/** Smallest absolute difference between two bearings, in [0, 180]. */
export function bearingDelta(a: number, b: number): number {
  const d = Math.abs(normalizeBearing(a) - normalizeBearing(b));
  return d > 180 ? 360 - d : d;
}

/** The east/north unit vector of a bearing. */
export function bearingVector(deg: number): { x: number; y: number } {
  return { x: Math.sin(deg * RAD), y: Math.cos(deg * RAD) };
}

/** Area in m² of a lon/lat ring (shoelace in the local frame of its first vertex). */
export function ringAreaM2(ring: readonly (readonly number[])[]): number {
  const first = ring[0];
  if (!first || ring.length < 4) return 0;
  const lon0 = first[0]!, lat0 = first[1]!;
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = toLocal(lon0, lat0, ring[i]![0]!, ring[i]![1]!);
    const b = toLocal(lon0, lat0, ring[i + 1]![0]!, ring[i + 1]![1]!);
    sum += a.x * b.y - b.x * a.y;
  }
  return Math.abs(sum) / 2;
}
