import type { Feature } from '../../../preload/contract';
import { lineParts } from '../../map/geometryParts';

/** Where tubes are placed: the scene's vertical exaggeration (terrain is drawn exaggerated, so are the pipes). */
export interface TubePlacement {
  exaggeration: number;
  relativeHeight: number;
  /** Rendered terrain height at a place, or null while unknown (pipes without inverts hang from it). */
  groundAt(lon: number, lat: number): number | null;
}

export interface PipeTube {
  featureId: string;
  part: number;
  /** Centreline [lon, lat, height, …] at rendered height, in the digitised (upstream → downstream) order. */
  positions: number[];
  radius: number;
  /** True when an invert was missing and the tube is drawn at an assumed depth (ground − 2 m). */
  estimated: boolean;
  /** Midpoint of the part and the flow direction there (degrees, rendered height). */
  arrow: { lon: number; lat: number; height: number; toLon: number; toLat: number; toHeight: number } | null;
}

/** Depth assumed for a pipe without inverts (m below ground). */
export const ASSUMED_DEPTH_M = 2;
const DEFAULT_DIAMETER_MM = 300;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Horizontal distance in metres between two lon/lat points (equirectangular; pipes are short). */
function metres(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const k = Math.PI / 180;
  const x = (lon2 - lon1) * Math.cos(((lat1 + lat2) / 2) * k) * 6_371_000 * k;
  const y = (lat2 - lat1) * 6_371_000 * k;
  return Math.hypot(x, y);
}

/**
 * Pure: the tubes of one pipe feature at their true invert depth and diameter. The invert is the pipe's bottom, so
 * the centreline is invert + radius; inverts run linearly along the line from up_invert to down_invert. A missing
 * invert takes the other end's; with none, the pipe hangs ASSUMED_DEPTH_M below the ground and is marked estimated.
 */
export function pipeTubes(f: Feature, place: TubePlacement): PipeTube[] {
  const p = f.properties;
  const radius = Math.max(0.1, (num(p.diameter_mm) ?? DEFAULT_DIAMETER_MM) / 2000);
  const up = num(p.up_invert);
  const down = num(p.down_invert);
  const ex = place.exaggeration;
  const rendered = (h: number) => place.relativeHeight + (h - place.relativeHeight) * ex;
  const out: PipeTube[] = [];
  lineParts(f.geometry).forEach((flat, part) => {
    const n = flat.length / 2;
    if (n < 2) return;
    const along = [0];
    for (let i = 1; i < n; i++) along.push(along[i - 1]! + metres(flat[2 * i - 2]!, flat[2 * i - 1]!, flat[2 * i]!, flat[2 * i + 1]!));
    const total = along[n - 1]!;
    if (!(total > 0.01)) return;
    const positions: number[] = [];
    let estimated = false;
    for (let i = 0; i < n; i++) {
      const lon = flat[2 * i]!;
      const lat = flat[2 * i + 1]!;
      let h: number;
      if (up !== null || down !== null) {
        const a = up ?? down!;
        const b = down ?? up!;
        h = rendered(a + (b - a) * (along[i]! / total)) + radius;
        if (up === null || down === null) estimated = true;
      } else {
        estimated = true;
        h = (place.groundAt(lon, lat) ?? rendered(0)) - ASSUMED_DEPTH_M * ex + radius;
      }
      positions.push(lon, lat, h);
    }
    // The arrow sits just above the crown at the middle vertex pair, pointing downstream.
    const mid = Math.min(n - 2, Math.floor((n - 1) / 2));
    const [a, b] = [positions.slice(3 * mid, 3 * mid + 3), positions.slice(3 * mid + 3, 3 * mid + 6)];
    const lift = radius + 0.4;
    const arrow = {
      lon: (a[0]! + b[0]!) / 2,
      lat: (a[1]! + b[1]!) / 2,
      height: (a[2]! + b[2]!) / 2 + lift,
      toLon: b[0]!,
      toLat: b[1]!,
      toHeight: b[2]! + lift,
    };
    out.push({ featureId: String(f.id), part, positions, radius, estimated, arrow });
  });
  return out;
}

/** Points of a circle of `radius` (the tube's cross-section), counter-clockwise. */
export function circleShape(radius: number, sides = 8): { x: number; y: number }[] {
  const pts: { x: number; y: number }[] = [];
  for (let i = 0; i < sides; i++) {
    const a = (i / sides) * Math.PI * 2;
    pts.push({ x: radius * Math.cos(a), y: radius * Math.sin(a) });
  }
  return pts;
}
