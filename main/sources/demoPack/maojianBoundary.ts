import { pointInFlatRing, segmentDistance, toXY, type XY } from './geoMath';
import { maojianBoundaryRings } from './maojianBoundaryRings';

/** [west, south, east, north] of the district boundary, degrees. */
export const maojianBBox: [number, number, number, number] = (() => {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const ring of maojianBoundaryRings) {
    for (let i = 0; i < ring.length; i += 2) {
      const x = ring[i] ?? 0;
      const y = ring[i + 1] ?? 0;
      w = Math.min(w, x);
      e = Math.max(e, x);
      s = Math.min(s, y);
      n = Math.max(n, y);
    }
  }
  return [w, s, e, n];
})();

/** The boundary rings in local metres (closed, first point repeated). */
export const maojianBoundaryXY: XY[][] = maojianBoundaryRings.map((ring) => {
  const out: XY[] = [];
  for (let i = 0; i < ring.length; i += 2) out.push(toXY(ring[i] ?? 0, ring[i + 1] ?? 0));
  return out;
});

/** Inside the district boundary (either part). */
export function insideMaojian(lon: number, lat: number): boolean {
  return maojianBoundaryRings.some((ring) => pointInFlatRing(ring, lon, lat));
}

/** Distance in metres from a local point to the nearest boundary edge. */
export function distanceToMaojianEdge(x: number, y: number): number {
  let best = Infinity;
  for (const ring of maojianBoundaryXY) {
    for (let i = 1; i < ring.length; i++) {
      const a = ring[i - 1] as XY;
      const b = ring[i] as XY;
      const minX = Math.min(a[0], b[0]);
      const maxX = Math.max(a[0], b[0]);
      const minY = Math.min(a[1], b[1]);
      const maxY = Math.max(a[1], b[1]);
      if (x < minX - best || x > maxX + best || y < minY - best || y > maxY + best) continue;
      const d = segmentDistance(x, y, a[0], a[1], b[0], b[1]).d;
      if (d < best) best = d;
    }
  }
  return best;
}

/** True if a local point is closer than `dist` metres to a boundary edge. */
export function nearMaojianEdge(x: number, y: number, dist: number): boolean {
  for (const ring of maojianBoundaryXY) {
    for (let i = 1; i < ring.length; i++) {
      const a = ring[i - 1] as XY;
      const b = ring[i] as XY;
      if (x < Math.min(a[0], b[0]) - dist || x > Math.max(a[0], b[0]) + dist) continue;
      if (y < Math.min(a[1], b[1]) - dist || y > Math.max(a[1], b[1]) + dist) continue;
      if (segmentDistance(x, y, a[0], a[1], b[0], b[1]).d < dist) return true;
    }
  }
  return false;
}

/** Inside the boundary and at least `buffer` metres from its edge. */
export function insideMaojianWithBuffer(lon: number, lat: number, buffer: number): boolean {
  if (!insideMaojian(lon, lat)) return false;
  const [x, y] = toXY(lon, lat);
  return !nearMaojianEdge(x, y, buffer);
}
