import { demHeightAt, type DemGrid } from '../../sources/terrain/demGrid';
import { bearingVector, EARTH_RADIUS_M, fromLocal, M_PER_DEG_LAT, metresPerDegLon, toLocal } from './cameraGeometry';

// Line of sight over a DEM. Heights are worked in the camera's tangent-plane frame: the ground at horizontal distance
// d is lowered by d²/(2·R') (earth curvature, R' = R / (1 − k) with atmospheric refraction coefficient k), and the
// sight line is straight in that frame. The terrain is sampled every DEM cell (the smaller of its two spacings in
// metres) strictly between the two ends; a sample above the sight line hides the target.

/** Standard atmospheric refraction coefficient (light bends back towards the ground over long sight lines). */
export const DEFAULT_REFRACTION = 0.13;

export interface SightOptions {
  /** Refraction coefficient k (0 = pure geometric curvature); default DEFAULT_REFRACTION. */
  refraction?: number;
}

/** A point of a sight line: lon/lat and its height above the ground, metres. */
export interface SightEnd {
  lon: number;
  lat: number;
  above: number;
}

/** Where the terrain first rises above the sight line. */
export interface Occlusion {
  lon: number;
  lat: number;
  /** Horizontal distance from the camera, metres. */
  distanceM: number;
  /** Ground elevation there (DEM), metres. */
  groundM: number;
  /** Elevation of the sight line above that spot (curvature included), metres; below groundM. */
  sightLineM: number;
}

export interface SightResult {
  visible: boolean;
  fromGroundM: number;
  toGroundM: number;
  occludedBy: Occlusion | null;
  /** Terrain samples tested. */
  samples: number;
}

/** Ground lowering at horizontal distance d from the viewer (curvature less refraction), metres. */
export function curvatureDrop(distanceM: number, refraction = DEFAULT_REFRACTION): number {
  return (distanceM * distanceM * (1 - refraction)) / (2 * EARTH_RADIUS_M);
}

/** The DEM's sample spacing in metres at a latitude: the smaller of its east and north spacings. */
export function demStepMetres(dem: DemGrid, lat: number): number {
  const dx = ((dem.east - dem.west) / Math.max(1, dem.width - 1)) * metresPerDegLon(lat);
  const dy = ((dem.north - dem.south) / Math.max(1, dem.height - 1)) * M_PER_DEG_LAT;
  return Math.max(0.5, Math.min(dx, dy));
}

/** Whether a point lies on the DEM (edges included). */
export function insideDem(dem: DemGrid, lon: number, lat: number): boolean {
  return lon >= dem.west && lon <= dem.east && lat >= dem.south && lat <= dem.north;
}

/** Line of sight from a camera (`from`, above = mount height) to a target point over the DEM. */
export function lineOfSight(dem: DemGrid, from: SightEnd, to: SightEnd, options: SightOptions = {}): SightResult {
  const k = options.refraction ?? DEFAULT_REFRACTION;
  const fromGroundM = demHeightAt(dem, from.lon, from.lat);
  const toGroundM = demHeightAt(dem, to.lon, to.lat);
  const { x, y } = toLocal(from.lon, from.lat, to.lon, to.lat);
  const dist = Math.hypot(x, y);
  const eye = fromGroundM + from.above;
  const target = toGroundM + to.above - curvatureDrop(dist, k);
  const step = demStepMetres(dem, from.lat);
  let samples = 0;
  for (let d = step; d < dist - 1e-6; d += step) {
    samples++;
    const t = d / dist;
    const lon = from.lon + (to.lon - from.lon) * t;
    const lat = from.lat + (to.lat - from.lat) * t;
    const groundM = demHeightAt(dem, lon, lat);
    const drop = curvatureDrop(d, k);
    const line = eye + (target - eye) * t;
    if (groundM - drop > line) {
      return { visible: false, fromGroundM, toGroundM, samples, occludedBy: { lon, lat, distanceM: d, groundM, sightLineM: line + drop } };
    }
  }
  return { visible: true, fromGroundM, toGroundM, occludedBy: null, samples };
}

export interface RayReach {
  /** How far along the ray a target `targetAbove` metres above the ground stays visible, metres. */
  reachM: number;
  /** True when terrain cut the ray before its full length. */
  occluded: boolean;
}

/**
 * Marches one ray from the camera along a bearing (samples every `step` metres and at the end) and cuts it where a
 * target `targetAbove` metres above the ground first becomes hidden: the target at distance d is visible while its
 * elevation angle is at least the largest angle of the terrain sampled before d (the same test as lineOfSight).
 * The cut is interpolated between the last visible and the first hidden sample.
 */
export function sightRayReach(
  dem: DemGrid,
  from: SightEnd,
  bearing: number,
  rangeM: number,
  targetAbove: number,
  options: SightOptions & { step?: number } = {},
): RayReach {
  const k = options.refraction ?? DEFAULT_REFRACTION;
  const step = options.step ?? demStepMetres(dem, from.lat);
  const eye = demHeightAt(dem, from.lon, from.lat) + from.above;
  const dir = bearingVector(bearing);
  let maxSlope = -Infinity;
  let prevD = 0;
  let prevMargin = Infinity;
  for (let i = 1; ; i++) {
    const d = Math.min(i * step, rangeM);
    if (d <= 0) break;
    const p = fromLocal(from.lon, from.lat, dir.x * d, dir.y * d);
    const ground = demHeightAt(dem, p.lon, p.lat) - curvatureDrop(d, k);
    const margin = (ground + targetAbove - eye) / d - maxSlope;
    if (margin < 0) {
      const f = Number.isFinite(prevMargin) ? prevMargin / (prevMargin - margin) : 0;
      return { reachM: prevD + (d - prevD) * f, occluded: true };
    }
    maxSlope = Math.max(maxSlope, (ground - eye) / d);
    prevD = d;
    prevMargin = margin;
    if (d >= rangeM) break;
  }
  return { reachM: rangeM, occluded: false };
}
