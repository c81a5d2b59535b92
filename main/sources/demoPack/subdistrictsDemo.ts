import type { DemoFeature } from './demoPackTypes';
import { FRAME_LAT0, FRAME_LON0, toXY, type XY } from './geoMath';
import { maojianBoundaryRings } from './maojianBoundaryRings';
import { SOURCE_DIVISIONS, subdistrictSites, type SubdistrictSite } from './maojianGeography';

interface Site {
  site: SubdistrictSite;
  xy: XY;
  /** Weight in m². */
  w: number;
}

const sites: Site[] = subdistrictSites.map((site) => ({ site, xy: toXY(site.at[0], site.at[1]), w: site.weight * 1e6 }));

/** Power distance of a point to a site (smaller wins). */
function power(s: Site, x: number, y: number): number {
  return (x - s.xy[0]) ** 2 + (y - s.xy[1]) ** 2 - s.w;
}

/** The sub-district whose approximate (power-diagram) cell contains a local point. */
export function subdistrictAt(x: number, y: number): SubdistrictSite {
  let best = sites[0] as Site;
  let bestP = Infinity;
  for (const s of sites) {
    const p = power(s, x, y);
    if (p < bestP) {
      bestP = p;
      best = s;
    }
  }
  return best.site;
}

/** A closed ring without repeated consecutive points or zero-width spikes (A, B, A). */
function cleanRing(ring: XY[]): XY[] {
  const pts: XY[] = [];
  for (const p of ring.slice(0, -1)) {
    const last = pts[pts.length - 1];
    if (last && last[0] === p[0] && last[1] === p[1]) continue;
    pts.push(p);
    while (pts.length >= 3) {
      const a = pts[pts.length - 3] as XY;
      const c = pts[pts.length - 1] as XY;
      if (a[0] !== c[0] || a[1] !== c[1]) break;
      pts.splice(pts.length - 2, 2);
    }
  }
  const same = (p: XY | undefined, q: XY | undefined): boolean => !!p && !!q && p[0] === q[0] && p[1] === q[1];
  while (pts.length > 1 && same(pts[0], pts[pts.length - 1])) pts.pop();
  pts.push(pts[0] as XY);
  return pts;
}

/** The boundary rings in lon/lat. Clipping happens in lon/lat so the original vertices are kept exactly. */
const cleanBoundary: XY[][] = maojianBoundaryRings.map((flat) => {
  const ring: XY[] = [];
  for (let i = 0; i < flat.length; i += 2) ring.push([flat[i] ?? 0, flat[i + 1] ?? 0]);
  return cleanRing(ring);
});
/** Metres per degree of the local frame (toXY is affine, so a half-plane in metres is one in degrees). */
const [KX, KY] = toXY(FRAME_LON0 + 1, FRAME_LAT0 + 1);
/**
 * Clip a simple closed ring to the half-plane a·x + b·y ≤ c. Unlike Sutherland–Hodgman this splits a concave ring
 * into separate rings instead of joining them with zero-width bridges: the crossings are sorted along the cut
 * line and paired (1–2, 3–4, …), which are exactly the stretches of the line inside the ring.
 */
function clipRing(ring: XY[], a: number, b: number, c: number): XY[][] {
  const pts = ring.slice(0, -1);
  const n = pts.length;
  const f = (p: XY): number => a * p[0] + b * p[1] - c;
  const inside = pts.map((p) => f(p) <= 0);
  if (inside.every((v) => v)) return [ring];
  if (inside.every((v) => !v)) return [];
  interface Crossing {
    p: XY;
    s: number;
    entry: boolean;
    /** Index in the crossing list of its partner along the cut line. */
    partner: number;
    /** For an entry: the inside vertices that follow it up to the next exit. */
    chain: XY[];
    next: number;
  }
  const crossings: Crossing[] = [];
  // Start the walk at an outside vertex so every inside chain is complete.
  const start = inside.findIndex((v) => !v);
  let current: Crossing | null = null;
  for (let k = 0; k < n; k++) {
    const i = (start + k) % n;
    const p = pts[i] as XY;
    const q = pts[(i + 1) % n] as XY;
    if (inside[i] && current) current.chain.push(p);
    if (inside[i] !== inside[(i + 1) % n]) {
      const fp = f(p);
      const fq = f(q);
      const t = fp / (fp - fq);
      const x: XY = [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
      const cr: Crossing = { p: x, s: -b * x[0] + a * x[1], entry: !inside[i], partner: -1, chain: [], next: -1 };
      crossings.push(cr);
      if (cr.entry) current = cr;
      else if (current) {
        current.next = crossings.length - 1;
        current = null;
      }
    }
  }
  const order = crossings.map((_, i) => i).sort((i, j) => (crossings[i] as Crossing).s - (crossings[j] as Crossing).s);
  for (let k = 0; k + 1 < order.length; k += 2) {
    const i = order[k] as number;
    const j = order[k + 1] as number;
    (crossings[i] as Crossing).partner = j;
    (crossings[j] as Crossing).partner = i;
  }
  const out: XY[][] = [];
  const used = new Set<number>();
  crossings.forEach((cr, idx) => {
    if (!cr.entry || used.has(idx)) return;
    const poly: XY[] = [];
    let e = idx;
    for (let guard = 0; guard <= crossings.length && !used.has(e); guard++) {
      used.add(e);
      const entry = crossings[e] as Crossing;
      poly.push(entry.p, ...entry.chain);
      const exit = crossings[entry.next];
      if (!exit) break;
      poly.push(exit.p);
      e = exit.partner;
      if (e < 0) break;
    }
    const cleaned = cleanRing([...poly, poly[0] as XY]);
    if (cleaned.length >= 4) out.push(cleaned);
  });
  return out;
}



/** The district rings clipped to one site's power cell (a convex intersection of half-planes). */
function cellOf(s: Site): XY[][] {
  const pieces: XY[][] = [];
  for (const part of cleanBoundary) {
    let rings = [part];
    for (const o of sites) {
      if (o === s || rings.length === 0) continue;
      // power(s) ≤ power(o)  ⇔  2(o − s)·p ≤ |o|² − |s|² + w_s − w_o
      const a = 2 * (o.xy[0] - s.xy[0]);
      const b = 2 * (o.xy[1] - s.xy[1]);
      const c = o.xy[0] ** 2 + o.xy[1] ** 2 - s.xy[0] ** 2 - s.xy[1] ** 2 + s.w - o.w;
      // x = (lon − LON0)·KX, y = (lat − LAT0)·KY
      rings = rings.flatMap((ring) => clipRing(ring, a * KX, b * KY, c + a * KX * FRAME_LON0 + b * KY * FRAME_LAT0));
    }
    pieces.push(...rings);
  }
  return pieces;
}

/** Approximate sub-district polygons: power-diagram cells around the seats, clipped to the district boundary. */
export function subdistrictFeatures(): DemoFeature[] {
  return sites.map((s) => ({
    external_id: s.site.code,
    name: s.site.name,
    geometry: {
      type: 'MultiPolygon',
      coordinates: cellOf(s).map((ring) => [ring.map(([lon, lat]) => [lon, lat])]),
    },
    columns: { demo: 0 },
    props: {
      approximate: true,
      source: SOURCE_DIVISIONS,
      method: 'weighted Voronoi (power diagram) cells around approximate seats, clipped to the 示意 boundary; not official limits',
      kind: s.site.kind,
    },
  }));
}
