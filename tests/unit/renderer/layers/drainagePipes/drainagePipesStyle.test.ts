import { describe, expect, it } from 'vitest';
import { dimColour, gradeColour, networkColour, pipeColour, pipeColourModes, pipeLegend } from '../../../../../renderer/layers/drainagePipes/drainagePipesStyle';

describe('pipe colours (pure)', () => {
  it('network: 雨水 blue, 污水 orange, 合流 violet, anything else grey', () => {
    expect(pipeColour('network', { network: 'rain' }, undefined, 2025)).toBe(networkColour.rain);
    expect(pipeColour('network', { network: 'sewage' }, undefined, 2025)).toBe('#ff8c42');
    expect(pipeColour('network', { network: 'combined' }, undefined, 2025)).toBe('#c77dff');
    expect(pipeColour('network', {}, undefined, 2025)).toBe('#8a9bb0');
  });
  it('diameter, material and age ramps step at their class limits; unknown values are grey', () => {
    const d = (mm: number) => pipeColour('diameter', { diameter_mm: mm }, undefined, 2025);
    expect(d(300)).toBe(d(399));
    expect(d(399)).not.toBe(d(400));
    expect(d(1500)).not.toBe(d(1400));
    expect(pipeColour('diameter', { diameter_mm: 'big' }, undefined, 2025)).toBe('#8a9bb0');
    expect(pipeColour('material', { material: '钢筋混凝土' }, undefined, 2025)).not.toBe(pipeColour('material', { material: '混凝土' }, undefined, 2025));
    expect(pipeColour('material', { material: 'HDPE双壁波纹管' }, undefined, 2025)).toBe('#2ec4b6');
    const age = (y: number) => pipeColour('age', { install_year: y }, undefined, 2025);
    expect(age(2020)).toBe('#40c057');
    expect(age(1990)).toBe('#fa5252');
    expect(age(2006)).toBe(age(2015));
    expect(pipeColour('age', {}, undefined, 2025)).toBe('#8a9bb0');
  });
  it('RI / MI grades: I green … IV red, not inspected dark', () => {
    expect(pipeColour('ri', {}, { ri: 'IV', mi: 'I' }, 2025)).toBe(gradeColour.IV);
    expect(pipeColour('mi', {}, { ri: 'IV', mi: 'I' }, 2025)).toBe(gradeColour.I);
    expect(pipeColour('ri', {}, undefined, 2025)).toBe('#3a4a5c');
  });
  it('every mode has a legend whose colours are the ones the pipes get', () => {
    for (const m of pipeColourModes) expect(pipeLegend(m).length, m).toBeGreaterThanOrEqual(3);
    expect(pipeLegend('diameter').map((e) => e.colour)).toContain(pipeColour('diameter', { diameter_mm: 800 }, undefined, 2025));
    expect(pipeLegend('ri')[3]).toMatchObject({ colour: gradeColour.IV, zh: 'Ⅳ级' });
  });
  it('dims a colour channel by channel and leaves non-hex alone', () => {
    expect(dimColour('#ff8040', 0.5)).toBe('#804020');
    expect(dimColour('red')).toBe('red');
  });
});
