import { describe, expect, it } from 'vitest';
import { defectMarkStyle, markLabel } from '../../../../../renderer/layers/drainageDefects/drainageDefectsStyle';

const m = { id: 1, code: 'CJ', grade: 2, colour: '#ffd43b', lon: 0, lat: 0, invert: null, depthBelowGround: 2, radius: 0.3 };

describe('defect mark style', () => {
  it('labels with the code and the grade as in CJJ 181 (Ⅰ–Ⅳ)', () => {
    expect(markLabel({ code: 'PL', grade: 4 })).toBe('PL Ⅳ');
    expect(markLabel({ code: 'CJ', grade: 1 })).toBe('CJ Ⅰ');
  });

  it('a disc in the grade colour; the selected one larger, white-ringed, its label yellow', () => {
    expect(defectMarkStyle(m, false)).toEqual({ fill: '#ffd43b', stroke: '#05101c', size: 20, label: 'CJ Ⅱ', labelColour: '#e8f4ff' });
    const s = defectMarkStyle(m, true);
    expect(s).toMatchObject({ fill: '#ffd43b', stroke: '#ffffff', labelColour: '#fff200' });
    expect(s.size).toBeGreaterThan(20);
  });
});
