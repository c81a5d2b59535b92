const M_PER_DEG_LAT = 111_320;

/**
 * Pure: a camera's horizontal field of view as a ground polygon, flat [lon, lat, …] (not closed): the apex at the
 * camera, then the arc of `rangeM` from heading − hfov/2 to heading + hfov/2 every `stepDeg` at most. A field of
 * 360° or more is a circle without apex. Local equirectangular metres (exact enough for a few hundred metres).
 * Returns null when heading, hfov or range is missing or not usable.
 */
export function fovSector(lon: number, lat: number, heading: number | null, hfov: number | null, rangeM: number | null, stepDeg = 6): number[] | null {
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || rangeM === null || !(rangeM > 0) || hfov === null || !(hfov > 0)) return null;
  const full = hfov >= 360;
  if (!full && (heading === null || !Number.isFinite(heading))) return null;
  const mPerDegLon = M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);
  const width = full ? 360 : hfov;
  const start = full ? 0 : heading! - hfov / 2;
  const steps = Math.max(2, Math.ceil(width / stepDeg));
  const out: number[] = full ? [] : [lon, lat];
  for (let i = 0; i <= (full ? steps - 1 : steps); i++) {
    const b = ((start + (width * i) / steps) * Math.PI) / 180;
    out.push(lon + (Math.sin(b) * rangeM) / mPerDegLon, lat + (Math.cos(b) * rangeM) / M_PER_DEG_LAT);
  }
  return out;
}
