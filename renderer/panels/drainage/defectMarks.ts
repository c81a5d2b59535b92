import type { Feature, MethodOutput } from '../../../preload/contract';
import { pointAtChainage, type DefectMark } from '../../layers/drainageDefects';
import { gradeColour } from '../../layers/drainagePipes/drainagePipesStyle';
import { ASSUMED_DEPTH_M, pipeTubes, type TubePlacement } from '../../layers/drainagePipes/pipeTubes';

type Condition = Pick<MethodOutput<'drainage.condition'>, 'lengthM' | 'defects'>;

/** The tubes at true heights: no exaggeration, the ground at 0 (so a pipe without inverts gives minus its depth). */
const TRUE_HEIGHTS: TubePlacement = { exaggeration: 1, relativeHeight: 0, groundAt: () => 0 };
const grades = ['I', 'II', 'III', 'IV'] as const;
const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

/**
 * Pure: the inspected pipe's defects as marks for the defects overlay. Each lies at its chainage along the pipe's
 * tube centreline exactly as the pipes layer builds it (pipeTubes: upstream → downstream, invert linear along the
 * line, radius from the diameter), the recorded distance scaled to the drawn line by the pipe's length. The mark
 * carries the true invert there (or the assumed depth when the pipe has no inverts); the overlay applies the
 * scene's exaggeration. No geometry: no marks.
 */
export function defectMarks(pipe: Feature, condition: Condition): DefectMark[] {
  const tubes = pipeTubes(pipe, TRUE_HEIGHTS);
  if (tubes.length === 0) return [];
  const parts = tubes.map((t) => t.positions);
  const radius = tubes[0]!.radius;
  const hasInvert = num(pipe.properties.up_invert) || num(pipe.properties.down_invert);
  const marks: DefectMark[] = [];
  for (const d of condition.defects) {
    const p = pointAtChainage(parts, d.distanceM, condition.lengthM);
    if (!p) continue;
    const invert = p.height - radius;
    marks.push({
      id: d.id,
      code: d.code,
      grade: d.grade,
      colour: gradeColour[grades[d.grade - 1] ?? 'IV'],
      lon: p.lon,
      lat: p.lat,
      invert: hasInvert ? invert : null,
      depthBelowGround: hasInvert ? ASSUMED_DEPTH_M : -invert,
      radius,
    });
  }
  return marks;
}
