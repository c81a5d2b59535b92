import { describe, expect, it } from 'vitest';
import type { Feature } from '../../../../../preload/contract';
import { gradeColour } from '../../../../../renderer/layers/drainagePipes/drainagePipesStyle';
import { pipeTubes } from '../../../../../renderer/layers/drainagePipes/pipeTubes';
import { defectMarks } from '../../../../../renderer/panels/drainage/defectMarks';

const line: [number, number][] = [[110.8, 32.6], [110.801, 32.6], [110.801, 32.6005]];
const pipe = (props: Record<string, unknown>): Feature => ({ type: 'Feature', id: 'P1', geometry: { type: 'LineString', coordinates: line }, properties: { diameter_mm: 600, ...props } });
const defect = (id: number, distanceM: number, grade: number) => ({
  id, distanceM, code: 'PL', name: { zh: '破裂', en: 'Fracture' }, defectClass: 'structural' as const, grade, score: 2, lengthM: null, media: null, remarks: null, inspectedAt: null,
});

describe('defectMarks', () => {
  it('places each defect on the tube centreline the pipes layer builds, at its chainage, with the invert there', () => {
    const f = pipe({ up_invert: 250, down_invert: 249 });
    const [tube] = pipeTubes(f, { exaggeration: 1, relativeHeight: 0, groundAt: () => 0 });
    const length = 150;
    const marks = defectMarks(f, { lengthM: length, defects: [defect(1, 0, 1), defect(2, length, 4), defect(3, 75, 3)] });
    expect(marks).toHaveLength(3);
    expect(marks[0]).toMatchObject({ id: 1, code: 'PL', grade: 1, colour: gradeColour.I, lon: 110.8, lat: 32.6, radius: 0.3 });
    expect(marks[0]!.invert).toBeCloseTo(250, 6);
    expect(marks[1]).toMatchObject({ colour: gradeColour.IV });
    expect([marks[1]!.lon, marks[1]!.lat]).toEqual([tube!.positions[6], tube!.positions[7]]);
    expect(marks[1]!.invert).toBeCloseTo(249, 6);
    // Half of the recorded length is half of the drawn line, where the invert has fallen half-way.
    expect(marks[2]!.invert).toBeCloseTo(249.5, 6);
    expect(marks[2]!.colour).toBe(gradeColour.III);
  });

  it('a pipe without inverts: no invert, the depth the pipes layer assumes; no geometry: no marks', () => {
    const [m] = defectMarks(pipe({}), { lengthM: 150, defects: [defect(1, 30, 2)] });
    expect(m).toMatchObject({ invert: null });
    expect(m!.depthBelowGround).toBeCloseTo(2, 6);
    expect(defectMarks({ ...pipe({}), geometry: null }, { lengthM: 150, defects: [defect(1, 30, 2)] })).toEqual([]);
  });
});
