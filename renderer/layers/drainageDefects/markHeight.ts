import type { DefectMark } from './drainageDefectsLive';

/** How far above the tube's crown a mark floats (m), so the disc is not half inside the tube. */
export const MARK_LIFT_M = 0.3;

export interface MarkScene {
  /** The scene's vertical exaggeration and its relative height (the pipes layer draws tubes the same way). */
  exaggeration: number;
  relativeHeight: number;
  /** Rendered ground height at the mark, or null while unknown. */
  ground: number | null;
}

/**
 * Pure: the rendered height of a mark on the crown of its tube, as the pipes layer places the tube (pipeTubes: the
 * centreline is the exaggerated invert plus the radius; without inverts, the exaggerated depth below the rendered
 * ground). Null when the pipe has no inverts and the ground is not known yet (the mark is then clamped to the ground).
 */
export function markHeight(mark: DefectMark, s: MarkScene): number | null {
  const crown = 2 * mark.radius + MARK_LIFT_M;
  if (mark.invert !== null) return s.relativeHeight + (mark.invert - s.relativeHeight) * s.exaggeration + crown;
  return s.ground === null ? null : s.ground - mark.depthBelowGround * s.exaggeration + crown;
}
