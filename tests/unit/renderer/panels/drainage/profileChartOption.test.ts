import { describe, expect, it } from 'vitest';
import { profileChartOption, profileLines, type ProfileResult } from '../../../../../renderer/panels/drainage/profileChartOption';

const labels = { ground: '地面线', crown: '管顶', invert: '管底', manholes: '检查井', slope: '坡度', chainage: '里程', elevation: '高程' };
const seg = (pipeId: string, a: number, b: number, si: number | null, ei: number | null, slope: number | null) => ({
  pipeId, fromNode: '', toNode: '', reversed: false, startChainageM: a, endChainageM: b, lengthM: b - a, diameterMm: 500,
  startInvert: si, endInvert: ei, startCrown: si === null ? null : si + 0.5, endCrown: ei === null ? null : ei + 0.5, slopePermille: slope,
});
const profile: ProfileResult = {
  method: 'main_line',
  stations: [
    { nodeId: 'J1', nodeType: 'manhole', chainageM: 0, groundElev: 200, invertElev: 197, position: [110.8, 32.6] },
    { nodeId: 'J2', nodeType: 'manhole', chainageM: 50, groundElev: 199, invertElev: null, position: [110.8005, 32.6] },
    { nodeId: 'J3', nodeType: 'outfall', chainageM: 90, groundElev: null, invertElev: 196, position: [110.801, 32.6] },
  ],
  segments: [seg('P1', 0, 50, 197, 196.8, 4), seg('P2', 50, 90, 196.7, null, null)],
  totalLengthM: 90,
  missing: [],
  warnings: [],
};

describe('profile chart option (pure)', () => {
  it('ground per station, crown and invert per segment end, gaps where a value is missing', () => {
    const l = profileLines(profile);
    expect(l.ground).toEqual([[0, 200], [50, 199], [90, '-']]);
    expect(l.invert).toEqual([[0, 197], [50, 196.8], [50, 196.7], [90, '-']]);
    expect(l.crown[1]).toEqual([50, 197.3]);
    expect(l.slopes).toEqual([{ x: 25, y: 197.4, permille: 4 }]);
  });
  it('manholes are vertical lines from invert (or the lowest pipe end) to ground; none without ground', () => {
    const l = profileLines(profile);
    expect(l.manholes).toEqual([[0, 197], [0, 200], [0, '-'], [50, 196.7], [50, 199], [50, '-']]);
  });
  it('five named series, the y range covers every elevation, x spans the length', () => {
    const o = profileChartOption(profile, labels) as { series: { name: string }[]; yAxis: { min: number; max: number }; xAxis: { max: number } };
    expect(o.series.map((s) => s.name)).toEqual(['地面线', '管顶', '管底', '检查井', '坡度']);
    expect(o.yAxis.min).toBeLessThan(196.7);
    expect(o.yAxis.max).toBeGreaterThan(200);
    expect(o.xAxis.max).toBe(90);
  });
});
