// The shadow volume a field-of-view cone is draped with. Cesium's GroundPrimitive sizes every volume from its coarse
// world table of terrain heights (for Maojian: −5,508 m … 3,076 m), so each cone became an 8.6 km tall prism that the
// GPU fills at close range — hundreds of them overlapping most of the screen. The layer samples the terrain under each
// cone instead and gives the volume the sampled range plus a margin: the same draped sector, a fraction of the fill.
// Pure TypeScript (no Cesium).

/**
 * Sampled heights may miss a ridge or a hollow inside the sector: this much (m) plus 10 % of the range is added each
 * way (a 260 m cone: 41 m). The GPU fills the volume's sides too, so every metre here costs frame time at close range.
 */
export const CONE_VOLUME_PAD_M = 15;
export const CONE_VOLUME_PAD_OF_RANGE = 0.1;

/**
 * Pure: where to sample the terrain under a cone ring (flat [lon, lat, …], from fovSector): its vertices (the apex
 * and the arc) thinned to at most `max`, always with the first and the last, then the centroid of the vertices, then
 * the midpoints between the first vertex (the apex) and each other kept vertex. Flat [lon, lat, …].
 */
export function coneSamplePoints(ring: readonly number[], max = 8): number[] {
  const n = Math.floor(ring.length / 2);
  if (n === 0 || ring.length % 2 !== 0) throw new RangeError(`coneSamplePoints: ring has ${ring.length} numbers, expected pairs of lon, lat`);
  if (!(max >= 2)) throw new RangeError(`coneSamplePoints: max ${max} is below 2`);
  const out: number[] = [];
  const step = n <= max ? 1 : (n - 1) / (max - 1);
  let last = -1;
  for (let k = 0; k < Math.min(n, max); k++) {
    const i = k === Math.min(n, max) - 1 ? n - 1 : Math.round(k * step);
    if (i === last) continue;
    last = i;
    out.push(ring[2 * i]!, ring[2 * i + 1]!);
  }
  let sx = 0, sy = 0;
  for (let i = 0; i < n; i++) {
    sx += ring[2 * i]!;
    sy += ring[2 * i + 1]!;
  }
  out.push(sx / n, sy / n);
  const kept = out.length / 2 - 1;
  for (let k = 1; k < kept; k++) out.push((out[0]! + out[2 * k]!) / 2, (out[1]! + out[2 * k + 1]!) / 2);
  return out;
}

/**
 * Pure: the bottom and top (m above the ellipsoid) of a cone's shadow volume from the terrain heights sampled under
 * it: the lowest minus and the highest plus CONE_VOLUME_PAD_M + CONE_VOLUME_PAD_OF_RANGE × rangeM. Heights the globe
 * could not tell (undefined, not finite) are skipped; null when none is left.
 */
export function coneVolume(heights: readonly (number | undefined)[], rangeM: number): { bottom: number; top: number } | null {
  if (!Number.isFinite(rangeM) || rangeM <= 0) throw new RangeError(`coneVolume: rangeM ${rangeM} is not a positive number`);
  let lo = Infinity, hi = -Infinity;
  for (const h of heights) {
    if (h === undefined || !Number.isFinite(h)) continue;
    if (h < lo) lo = h;
    if (h > hi) hi = h;
  }
  if (lo === Infinity) return null;
  const pad = CONE_VOLUME_PAD_M + CONE_VOLUME_PAD_OF_RANGE * rangeM;
  return { bottom: lo - pad, top: hi + pad };
}
