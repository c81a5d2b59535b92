/** Horizontal distance in metres between two lon/lat points (equirectangular; pipes are short). */
export function metresBetween(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const k = Math.PI / 180;
  const x = (lon2 - lon1) * Math.cos(((lat1 + lat2) / 2) * k) * 6_371_000 * k;
  const y = (lat2 - lat1) * 6_371_000 * k;
  return Math.hypot(x, y);
}

export interface ChainagePoint {
  lon: number;
  lat: number;
  /** Interpolated third coordinate of the line (its height), linear between vertices. */
  height: number;
  /** Index of the part (of a multi-part line) the point is on. */
  part: number;
}

/**
 * Pure: the point at `chainageM` metres from the start of a line given as parts of flat [lon, lat, height, …] triples
 * (a MultiLineString's parts are walked in order; gaps between parts are not counted). The chainage is the distance
 * recorded by the inspection along the real pipe: when the pipe's recorded length is given, it is scaled to the drawn
 * line (a defect at 40 % of length_m lands at 40 % of the line), and clamped to its ends. Null for a line without length.
 */
export function pointAtChainage(parts: readonly (readonly number[])[], chainageM: number, recordedLengthM: number | null = null): ChainagePoint | null {
  const segs: { part: number; i: number; from: number; len: number }[] = [];
  let total = 0;
  parts.forEach((flat, part) => {
    for (let i = 0; i + 5 < flat.length; i += 3) {
      const len = metresBetween(flat[i]!, flat[i + 1]!, flat[i + 3]!, flat[i + 4]!);
      if (len > 0) segs.push({ part, i, from: total, len });
      total += len;
    }
  });
  if (!(total > 0) || !Number.isFinite(chainageM)) return null;
  const scaled = recordedLengthM !== null && recordedLengthM > 0 ? (chainageM / recordedLengthM) * total : chainageM;
  const at = Math.min(total, Math.max(0, scaled));
  const seg = segs.find((s) => at <= s.from + s.len) ?? segs[segs.length - 1]!;
  const f = Math.min(1, Math.max(0, (at - seg.from) / seg.len));
  const flat = parts[seg.part]!;
  const lerp = (k: number) => flat[seg.i + k]! + (flat[seg.i + 3 + k]! - flat[seg.i + k]!) * f;
  return { lon: lerp(0), lat: lerp(1), height: lerp(2), part: seg.part };
}
