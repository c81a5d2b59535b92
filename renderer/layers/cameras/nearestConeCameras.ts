// Which cameras get a field-of-view cone: the level of detail of the cameras layer. Pure TypeScript (no Cesium): the
// layer hands in where each camera is on screen and how far it is from the point under the eye along the ground.

/** A camera that could get a cone. */
export interface ConeCandidate {
  id: string;
  /** Window position, CSS pixels (where its icon is drawn). */
  x: number;
  y: number;
  /** Ground distance from the point under the eye, metres. */
  groundM: number;
}

export interface ConeView {
  width: number;
  height: number;
  /** Cameras this far outside the window still count as in view (their cone can reach into it), pixels. */
  marginPx: number;
  /** Height of the eye above the ground under it, metres. */
  eyeAboveGroundM: number;
  /** Cones only for cameras nearer than this to the eye, metres. */
  maxDistanceM: number;
  /** At most this many cones. */
  maxCount: number;
}

const positive = (v: number) => Number.isFinite(v) && v >= 0;

/**
 * Pure: the ids of the cameras that get a cone, nearest first — the `maxCount` nearest cameras in view (window plus
 * margin) whose distance from the eye, √(ground² + eye height above ground²), is under `maxDistanceM`. Ties go by id,
 * so the same view always gives the same set. Throws on bad input, naming the field.
 */
export function nearestConeCameras(candidates: readonly ConeCandidate[], view: ConeView): string[] {
  for (const key of ['width', 'height', 'marginPx', 'eyeAboveGroundM', 'maxDistanceM', 'maxCount'] as const) {
    if (!positive(view[key])) throw new RangeError(`nearestConeCameras: view.${key} ${view[key]} is not a number ≥ 0`);
  }
  const { width, height, marginPx: m, maxDistanceM, maxCount } = view;
  const eye2 = view.eyeAboveGroundM ** 2;
  const max2 = maxDistanceM ** 2;
  const picked: { id: string; d2: number }[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    if (typeof c.id !== 'string' || c.id === '') throw new RangeError(`nearestConeCameras: candidate ${i} has no id`);
    if (!Number.isFinite(c.x) || !Number.isFinite(c.y)) throw new RangeError(`nearestConeCameras: camera ${c.id} has no finite x/y (${c.x}, ${c.y})`);
    if (!positive(c.groundM)) throw new RangeError(`nearestConeCameras: camera ${c.id} groundM ${c.groundM} is not a number ≥ 0`);
    if (c.x < -m || c.y < -m || c.x > width + m || c.y > height + m) continue;
    const d2 = c.groundM ** 2 + eye2;
    if (d2 < max2) picked.push({ id: c.id, d2 });
  }
  picked.sort((a, b) => a.d2 - b.d2 || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return picked.slice(0, Math.floor(maxCount)).map((p) => p.id);
}
