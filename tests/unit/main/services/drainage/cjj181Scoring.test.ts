import { describe, expect, it } from 'vitest';
import {
  defectCodes,
  defectIndex,
  defectScore,
  indexGrade,
  maintenanceIndex,
  parameterGrade,
  pipeImportance,
  repairIndex,
} from '../../../../../main/services/drainage/cjj181Scoring';
import { computeCondition } from '../../../../../main/services/drainage/pipeCondition';

// NOTES.md §2.3 worked case: L = 40 m, D = 800 mm, 交通干道 (K = 6), 一般土层 (T = 0);
// PL grade 3 (5 points, local) and TJ grade 2 (3 points) 1.3 m further (α = 1.1); CJ grade 2 over 5 m.
const worked = [
  { code: 'PL', grade: 3, distanceM: 10 },
  { code: 'TJ', grade: 2, distanceM: 11.3 },
  { code: 'CJ', grade: 2, distanceM: 20, lengthM: 5 },
];

describe('CJJ 181-2012 scoring', () => {
  it('scores per code and grade; unknown codes and grades are refused', () => {
    expect(defectScore('PL', 3)).toBe(5);
    expect(defectScore('ZW', 1)).toBe(0.1);
    expect(defectScore('TJ', 2)).toBe(3);
    expect(() => defectScore('XX', 1)).toThrow(/unknown/);
    expect(() => defectScore('FS', 4)).toThrow(/grades 1–3/);
    expect(defectCodes.filter((d) => d.class === 'structural').map((d) => d.code)).toEqual(['PL', 'BX', 'FS', 'CK', 'QF', 'TJ', 'TL', 'AJ', 'CR', 'SL']);
  });

  it('the worked case: S 4.15, F 5 (III), S_M 0.05 local, RI 4.25 → III; G 2 (II), Y_M 0.125, MI 2.65 → II', () => {
    const s = defectIndex(worked, 'structural', 40);
    expect(s.count).toBe(2);
    expect(s.mean).toBeCloseTo(4.15, 10);
    expect(s.max).toBe(5);
    expect(s.value).toBe(5);
    expect(s.grade).toBe('III');
    expect(s.density).toBeCloseTo(0.05, 10);
    expect(s.densityClass).toBe('local');
    const ri = repairIndex(s.value, 'arterial', 800, 'general');
    expect(ri).toEqual({ RI: 4.25, K: 6, E: 3, T: 0, grade: 'III' });
    const f = defectIndex(worked, 'functional', 40);
    expect(f.value).toBe(2);
    expect(f.grade).toBe('II');
    expect(f.density).toBeCloseTo(0.125, 10);
    expect(f.densityClass).toBe('partial');
    expect(maintenanceIndex(f.value, 'arterial', 800)).toEqual({ MI: 2.65, K: 6, E: 3, grade: 'II' });
  });

  it('the worked case through computeCondition, with labels', () => {
    const rows = worked.map((d, i) => ({
      id: i + 1,
      pipe_id: 'W',
      distance_m: d.distanceM,
      code: d.code,
      defect_class: (d.code === 'CJ' ? 'functional' : 'structural') as 'functional' | 'structural',
      grade: d.grade,
      score: defectScore(d.code, d.grade),
      length_m: d.lengthM ?? null,
      media: null,
      remarks: null,
      inspected_at: null,
    }));
    const c = computeCondition({ external_id: 'W', diameter_mm: 800, length_m: 40, props: JSON.stringify({ area_class: '交通干道', soil: '一般土层' }), geom: null }, rows);
    expect(c.repair).toMatchObject({ RI: 4.25, grade: 'III', label: { zh: '尽快修复' } });
    expect(c.maintenance).toMatchObject({ MI: 2.65, grade: 'II', label: { zh: '宜安排处理计划' } });
    expect(c.assumptions).toEqual([]);
    const unknown = computeCondition({ external_id: 'W', diameter_mm: 800, length_m: 40, props: null, geom: null }, rows);
    expect(unknown.repair.K).toBe(0);
    expect(unknown.assumptions.map((a) => a.en)).toEqual(["area importance unknown; 'other areas' (K = 0) assumed", "soil unknown; 'ordinary soil' (T = 0) assumed"]);
  });

  it('spacing: defects more than 1.5 m apart get no coefficient; FZ is recorded but not scored', () => {
    const far = defectIndex([{ code: 'PL', grade: 3, distanceM: 0 }, { code: 'TJ', grade: 2, distanceM: 1.6 }], 'structural', 40);
    expect(far.mean).toBe(4);
    expect(defectIndex([{ code: 'FZ', grade: 3, distanceM: 0 }], 'functional', 40)).toMatchObject({ count: 0, value: 0, grade: 'I', densityClass: 'none' });
  });

  it('grade thresholds and the F < 4 rule of K and E', () => {
    expect([1, 1.01, 3, 3.01, 6, 6.01].map(parameterGrade)).toEqual(['I', 'II', 'II', 'III', 'III', 'IV']);
    expect([1, 1.01, 4, 4.01, 7, 7.01].map(indexGrade)).toEqual(['I', 'II', 'II', 'III', 'III', 'IV']);
    expect([1600, 1500, 1000, 600, 599].map((d) => pipeImportance(d, 5))).toEqual([10, 6, 3, 3, 0]);
    expect(pipeImportance(1600, 3.9)).toBe(0);
    expect(repairIndex(3, 'commercial', 1600, 'silt')).toEqual({ RI: 3.6, K: 0, E: 0, T: 10, grade: 'II' });
    expect(repairIndex(0, 'commercial', 1600, 'silt').T).toBe(0);
  });
});
