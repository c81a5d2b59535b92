import type { DefectMark } from './drainageDefectsLive';

const roman = ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ'];

export interface DefectMarkStyle {
  /** Disc fill (the grade's colour) and outline: dark normally, white when selected. */
  fill: string;
  stroke: string;
  /** Disc size in px. */
  size: number;
  label: string;
  labelColour: string;
}

/** Pure: the label of a mark, the CJJ 181 code and the grade ("PL Ⅲ"). */
export function markLabel(mark: Pick<DefectMark, 'code' | 'grade'>): string {
  return `${mark.code} ${roman[mark.grade - 1] ?? mark.grade}`;
}

/** Pure: a small disc in the grade's colour with the code as its label; the selected one larger, white-ringed, its label yellow. */
export function defectMarkStyle(mark: DefectMark, selected: boolean): DefectMarkStyle {
  return {
    fill: mark.colour,
    stroke: selected ? '#ffffff' : '#05101c',
    size: selected ? 30 : 20,
    label: markLabel(mark),
    labelColour: selected ? '#fff200' : '#e8f4ff',
  };
}
