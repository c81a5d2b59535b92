import { readFileSync } from 'node:fs';
import { generateDemoPack, type DemoFeature, type DemoPack } from '../../../../../main/sources/demoPack/generateDemoPack';

/** The district boundary straight from the resource file (independent of the generator's copy). */
export const boundaryParts: number[][][][] = (() => {
  const url = new URL('../../../../../resources/demo/maojian-boundary.geojson', import.meta.url);
  const fc = JSON.parse(readFileSync(url, 'utf8')) as { features: { geometry: { coordinates: number[][][][] } }[] };
  const first = fc.features[0];
  if (!first) throw new Error('boundary file has no feature');
  return first.geometry.coordinates;
})();

export const bbox = (() => {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const part of boundaryParts)
    for (const ring of part)
      for (const [x = 0, y = 0] of ring) {
        w = Math.min(w, x);
        e = Math.max(e, x);
        s = Math.min(s, y);
        n = Math.max(n, y);
      }
  return { w, s, e, n };
})();

export function inRing(ring: number[][], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function insideBoundary(lon: number, lat: number): boolean {
  return boundaryParts.some((part) => {
    const [outer, ...holes] = part;
    return !!outer && inRing(outer, lon, lat) && !holes.some((h) => inRing(h, lon, lat));
  });
}

/** Great-circle distance (m), mean Earth radius. */
export function haversine(a: number[], b: number[]): number {
  const rad = Math.PI / 180;
  const [lon1 = 0, lat1 = 0] = a;
  const [lon2 = 0, lat2 = 0] = b;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}

/** Distance (m) from a point to a polyline, in a local equirectangular frame. */
export function distanceToLine(p: number[], line: number[][]): number {
  const [px = 0, py = 0] = p;
  const kx = 111320 * Math.cos((py * Math.PI) / 180);
  const ky = 110574;
  let best = Infinity;
  for (let i = 1; i < line.length; i++) {
    const [ax = 0, ay = 0] = line[i - 1] ?? [];
    const [bx = 0, by = 0] = line[i] ?? [];
    const x1 = (ax - px) * kx;
    const y1 = (ay - py) * ky;
    const x2 = (bx - px) * kx;
    const y2 = (by - py) * ky;
    const dx = x2 - x1;
    const dy = y2 - y1;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.max(0, Math.min(1, -(x1 * dx + y1 * dy) / len2)) : 0;
    best = Math.min(best, Math.hypot(x1 + t * dx, y1 + t * dy));
  }
  return best;
}

let cached: DemoPack | undefined;
/** The default pack, generated once per test file. */
export function defaultPack(): DemoPack {
  cached ??= generateDemoPack();
  return cached;
}

export function layer(pack: DemoPack, id: string): NonNullable<DemoPack['layers'][string]> {
  const l = pack.layers[id];
  if (!l) throw new Error(`missing layer ${id}`);
  return l;
}

export function point(coords: unknown): [number, number] {
  const c = coords as number[];
  return [c[0] ?? NaN, c[1] ?? NaN];
}

/** A feature's coordinates (GeometryCollections have none here). */
export function coords(f: { geometry: DemoFeature['geometry'] } | undefined): unknown {
  if (!f) return [];
  return 'coordinates' in f.geometry ? f.geometry.coordinates : [];
}
