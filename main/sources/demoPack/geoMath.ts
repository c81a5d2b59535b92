/**
 * Plain-arithmetic geodesy for the demo pack. Only +, −, ×, ÷ and sqrt (all correctly rounded in IEEE 754), so
 * results are bit-identical on every machine; no Math.sin/cos/atan2/exp, whose last bits may differ by engine.
 */

/** Origin of the local metric frame (near the district centre). */
export const FRAME_LON0 = 110.77;
export const FRAME_LAT0 = 32.54;
/** Metres per degree at FRAME_LAT0 on the WGS84 ellipsoid (precomputed constants). */
const M_PER_DEG_LON0 = 93935.22;
const M_PER_DEG_LAT0 = 110896.28;

export type XY = [number, number];
export type LonLat = [number, number];

/** Local metres (east, north) from lon/lat (equirectangular at FRAME_LAT0; ≤0.3 % scale error in the district). */
export function toXY(lon: number, lat: number): XY {
  return [(lon - FRAME_LON0) * M_PER_DEG_LON0, (lat - FRAME_LAT0) * M_PER_DEG_LAT0];
}

export function toLonLat(x: number, y: number): LonLat {
  return [FRAME_LON0 + x / M_PER_DEG_LON0, FRAME_LAT0 + y / M_PER_DEG_LAT0];
}

/** Round to a fixed number of decimals (7 for degrees ≈ 1 cm, 3 for metres). */
const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000];

export function round(value: number, decimals: number): number {
  const f = POW10[decimals] ?? 1;
  return Math.round(value * f) / f;
}

export function roundLonLat(p: LonLat): LonLat {
  return [round(p[0], 7), round(p[1], 7)];
}

/** cos of an angle in degrees, by Taylor series after range reduction (|error| < 1e-12). */
export function cosDeg(deg: number): number {
  let d = deg % 360;
  if (d < 0) d += 360;
  if (d > 180) d = 360 - d;
  let sign = 1;
  if (d > 90) {
    d = 180 - d;
    sign = -1;
  }
  const x = (d * Math.PI) / 180;
  const x2 = x * x;
  let term = 1;
  let sum = 1;
  for (let n = 1; n <= 10; n++) {
    term *= -x2 / ((2 * n - 1) * (2 * n));
    sum += term;
  }
  return sign * sum;
}

/** Ellipsoidal distance in metres between two nearby points (equirectangular at the mid latitude). */
export function distanceMetres(a: LonLat, b: LonLat): number {
  const mid = (a[1] + b[1]) / 2;
  const mLat = 111132.92 - 559.82 * cosDeg(2 * mid) + 1.175 * cosDeg(4 * mid);
  const mLon = 111412.84 * cosDeg(mid) - 93.5 * cosDeg(3 * mid);
  const dx = (b[0] - a[0]) * mLon;
  const dy = (b[1] - a[1]) * mLat;
  return Math.sqrt(dx * dx + dy * dy);
}

/** atan(z) for any z, via two half-angle reductions and a Taylor series. */
function atan(z: number): number {
  if (z < 0) return -atan(-z);
  if (z > 1) return Math.PI / 2 - atan(1 / z);
  let r = z / (1 + Math.sqrt(1 + z * z));
  r = r / (1 + Math.sqrt(1 + r * r));
  const r2 = r * r;
  let term = r;
  let sum = r;
  for (let n = 1; n <= 8; n++) {
    term *= -r2;
    sum += term / (2 * n + 1);
  }
  return 4 * sum;
}

/** Compass bearing in degrees [0, 360), clockwise from north, of the vector (dx east, dy north). */
export function bearingDeg(dx: number, dy: number): number {
  let rad: number;
  if (dy > 0) rad = atan(dx / dy);
  else if (dy < 0) rad = Math.PI + atan(dx / dy);
  else rad = dx >= 0 ? Math.PI / 2 : -Math.PI / 2;
  let deg = (rad * 180) / Math.PI;
  deg %= 360;
  if (deg < 0) deg += 360;
  return deg >= 360 ? 0 : deg;
}

/** Normalise degrees into [0, 360). */
export function normalizeDeg(deg: number): number {
  let d = deg % 360;
  if (d < 0) d += 360;
  return d >= 360 ? 0 : d;
}

/** Even-odd point-in-polygon against a closed ring given as a flat [x0, y0, x1, y1, …] array. */
export function pointInFlatRing(ring: readonly number[], x: number, y: number): boolean {
  let inside = false;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[2 * i] ?? 0;
    const yi = ring[2 * i + 1] ?? 0;
    const xj = ring[2 * j] ?? 0;
    const yj = ring[2 * j + 1] ?? 0;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Even-odd point-in-polygon against a ring of [x, y] pairs. */
export function pointInRing(ring: readonly XY[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (!a || !b) continue;
    if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

/** Distance from p to segment ab and the parameter t ∈ [0,1] of the closest point (planar). */
export function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): { d: number; t: number } {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const cx = ax + t * dx - px;
  const cy = ay + t * dy - py;
  return { d: Math.sqrt(cx * cx + cy * cy), t };
}

/** A polyline in local metres with cumulative lengths, for distance/along queries. */
export interface Polyline {
  pts: XY[];
  cum: number[];
  length: number;
}

export function makePolyline(pts: XY[]): Polyline {
  const cum = [0];
  let total = 0;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1] as XY;
    const b = pts[i] as XY;
    total += Math.sqrt((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2);
    cum.push(total);
  }
  return { pts, cum, length: total };
}

/**
 * Nearest distance from (x, y) to the polyline and the distance along it of the nearest point. `hint` (a segment
 * index, e.g. the previous answer's `index`) is tried first, which makes the box rejection effective.
 */
export function polylineDistance(line: Polyline, x: number, y: number, hint = 1): { d: number; along: number; index: number } {
  let best = Infinity;
  let along = 0;
  let index = 1;
  const n = line.pts.length;
  const first = hint >= 1 && hint < n ? hint : 1;
  const visit = (i: number): void => {
    const a = line.pts[i - 1] as XY;
    const b = line.pts[i] as XY;
    // Cheap reject: the segment's box is already farther than the best hit.
    if (x < (a[0] < b[0] ? a[0] : b[0]) - best || x > (a[0] > b[0] ? a[0] : b[0]) + best) return;
    if (y < (a[1] < b[1] ? a[1] : b[1]) - best || y > (a[1] > b[1] ? a[1] : b[1]) + best) return;
    const r = segmentDistance(x, y, a[0], a[1], b[0], b[1]);
    if (r.d < best || (r.d === best && i < index)) {
      best = r.d;
      index = i;
      const c0 = line.cum[i - 1] ?? 0;
      const c1 = line.cum[i] ?? 0;
      along = c0 + r.t * (c1 - c0);
    }
  };
  visit(first);
  for (let i = 1; i < n; i++) if (i !== first) visit(i);
  return { d: best, along, index };
}

/** True if (x, y) lies within `dist` of the polyline. */
export function polylineWithin(line: Polyline, x: number, y: number, dist: number): boolean {
  for (let i = 1; i < line.pts.length; i++) {
    const a = line.pts[i - 1] as XY;
    const b = line.pts[i] as XY;
    if (x < (a[0] < b[0] ? a[0] : b[0]) - dist || x > (a[0] > b[0] ? a[0] : b[0]) + dist) continue;
    if (y < (a[1] < b[1] ? a[1] : b[1]) - dist || y > (a[1] > b[1] ? a[1] : b[1]) + dist) continue;
    if (segmentDistance(x, y, a[0], a[1], b[0], b[1]).d < dist) return true;
  }
  return false;
}

/** The point at a distance along the polyline (clamped) and the unit direction there. */
export function polylinePointAt(line: Polyline, along: number): { p: XY; dir: XY } {
  const s = Math.max(0, Math.min(line.length, along));
  let i = 1;
  while (i < line.pts.length - 1 && (line.cum[i] ?? 0) < s) i++;
  const a = line.pts[i - 1] as XY;
  const b = line.pts[i] as XY;
  const c0 = line.cum[i - 1] ?? 0;
  const c1 = line.cum[i] ?? 0;
  const segLen = c1 - c0;
  const t = segLen > 0 ? (s - c0) / segLen : 0;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.sqrt(dx * dx + dy * dy) || 1;
  return { p: [a[0] + t * dx, a[1] + t * dy], dir: [dx / len, dy / len] };
}

/** Chaikin corner cutting (keeps the end points). */
export function chaikin(pts: XY[], iterations: number): XY[] {
  let cur = pts;
  for (let k = 0; k < iterations; k++) {
    const out: XY[] = [cur[0] as XY];
    for (let i = 0; i < cur.length - 1; i++) {
      const a = cur[i] as XY;
      const b = cur[i + 1] as XY;
      out.push([0.75 * a[0] + 0.25 * b[0], 0.75 * a[1] + 0.25 * b[1]]);
      out.push([0.25 * a[0] + 0.75 * b[0], 0.25 * a[1] + 0.75 * b[1]]);
    }
    out.push(cur[cur.length - 1] as XY);
    cur = out;
  }
  return cur;
}

/** Hermite smoothstep on [0, 1]. */
export function smoothstep(t: number): number {
  const c = t < 0 ? 0 : t > 1 ? 1 : t;
  return c * c * (3 - 2 * c);
}
