/**
 * CJJ 181-2012《城镇排水管道检测与评估技术规程》: defect codes, scores and the condition indexes of §6.
 *
 * Source: /work/shared/research-data/NOTES.md §2.2 (score table, corroborated by three implementations) and §2.3.
 * The standard's own text could not be found with the search tool here, so NOTES.md is followed. Parts NOTES.md
 * marks as recalled from memory ("[memory]") and choices it leaves open are marked RECALLED / ASSUMED below.
 */
import type { Localized } from './drainageTypes';

export type DefectClass = 'structural' | 'functional';

export interface DefectCode {
  code: string;
  name: Localized;
  class: DefectClass;
  /** Score per grade (index 0 = grade 1); the array's length is the number of grades. */
  scores: number[];
  /** Recorded but not scored (FZ 浮渣). */
  scored: boolean;
}

const code = (c: string, zh: string, en: string, cls: DefectClass, scores: number[], scored = true): DefectCode => ({ code: c, name: { zh, en }, class: cls, scores, scored });

/** §2.2 of NOTES.md (CJJ 181-2012 表 8.2.3 / 8.3.3). */
export const defectCodes: readonly DefectCode[] = [
  code('PL', '破裂', 'Fracture', 'structural', [0.5, 2, 5, 10]),
  code('BX', '变形', 'Deformation', 'structural', [1, 2, 5, 10]),
  code('FS', '腐蚀', 'Corrosion', 'structural', [0.5, 2, 5]),
  code('CK', '错口', 'Offset joint', 'structural', [0.5, 2, 5, 10]),
  code('QF', '起伏', 'Sag', 'structural', [0.5, 2, 5, 10]),
  code('TJ', '脱节', 'Open joint', 'structural', [1, 3, 5, 10]),
  code('TL', '接口材料脱落', 'Joint material loss', 'structural', [1, 3]),
  code('AJ', '支管暗接', 'Concealed branch connection', 'structural', [0.5, 2, 5]),
  code('CR', '异物穿入', 'Intruding foreign object', 'structural', [0.5, 2, 5]),
  code('SL', '渗漏', 'Infiltration / leakage', 'structural', [0.5, 2, 5, 10]),
  code('CJ', '沉积', 'Deposits', 'functional', [0.5, 2, 5, 10]),
  code('JG', '结垢', 'Scale', 'functional', [0.5, 2, 5, 10]),
  code('ZW', '障碍物', 'Obstacle', 'functional', [0.1, 2, 5, 10]),
  code('CQ', '残墙、坝根', 'Residual wall / dam root', 'functional', [1, 3, 5, 10]),
  code('SG', '树根', 'Roots', 'functional', [0.5, 2, 5, 10]),
  code('FZ', '浮渣', 'Floating debris', 'functional', [0, 0, 0], false),
];

const byCode = new Map(defectCodes.map((d) => [d.code, d]));

export function defectCode(c: string): DefectCode | undefined {
  return byCode.get(c);
}

/** The score P of a defect; throws on an unknown code or a grade the code does not have. */
export function defectScore(c: string, grade: number): number {
  const d = byCode.get(c);
  if (!d) throw new RangeError(`unknown CJJ 181 defect code '${c}'`);
  if (!Number.isInteger(grade) || grade < 1 || grade > d.scores.length) throw new RangeError(`${c} has grades 1–${d.scores.length}, not ${grade}`);
  return d.scores[grade - 1]!;
}

export interface ScoredDefect {
  code: string;
  grade: number;
  /** Distance of the defect from the start of the pipe (m). */
  distanceM: number;
  /** Longitudinal length of a continuous defect (m); null/undefined for a local defect. */
  lengthM?: number | null;
}

/** Spacing coefficient α (structural) / β (functional) for defects 1.0–1.5 m apart. */
export const SPACING_COEFFICIENT = 1.1;

export type DensityClass = 'none' | 'local' | 'partial' | 'overall';

export interface DefectIndex {
  /** Scored defects of this class (n or m). */
  count: number;
  /** Mean score with the spacing coefficient (S or Y). */
  mean: number;
  /** Largest single score (Smax or Ymax). */
  max: number;
  /** The pipe parameter (F or G): max if max ≥ mean, else mean. */
  value: number;
  grade: 'I' | 'II' | 'III' | 'IV';
  /** Defect density (S_M or Y_M); 0 without defects. */
  density: number;
  densityClass: DensityClass;
}

/**
 * S = (1/n)(ΣP_i1 + α·ΣP_i2), F = Smax when Smax ≥ S, else S (the same form for Y and G with β);
 * S_M = (ΣP_i1·L_i1 + α·ΣP_i2·L_i2) / (S·L).
 *
 * Spacing (NOTES §2.3, formula text [impl]): the defects of one class are ordered by distance from the pipe start and a
 * defect's spacing is its distance from the previous one, as in the worked case (TJ 1.3 m after PL gets α).
 * ASSUMED (NOTES.md is silent): the first defect counts as spaced > 1.5 m, and a defect ≤ 1.0 m from the previous one
 * also gets the coefficient (close defects aggravate each other at least as much).
 * RECALLED (NOTES marks it [memory]): a continuous defect counts with its recorded length, a local defect as 1 m.
 */
export function defectIndex(defects: readonly ScoredDefect[], cls: DefectClass, pipeLengthM: number): DefectIndex {
  const list = defects
    .filter((d) => byCode.get(d.code)?.class === cls && byCode.get(d.code)?.scored)
    .slice()
    .sort((a, b) => a.distanceM - b.distanceM);
  if (list.length === 0) return { count: 0, mean: 0, max: 0, value: 0, grade: 'I', density: 0, densityClass: 'none' };
  let sum = 0;
  let weightedLength = 0;
  let max = 0;
  list.forEach((d, i) => {
    const p = defectScore(d.code, d.grade);
    const spacing = i === 0 ? Infinity : d.distanceM - list[i - 1]!.distanceM;
    const coefficient = spacing <= 1.5 ? SPACING_COEFFICIENT : 1;
    const length = d.lengthM && d.lengthM > 0 ? d.lengthM : 1;
    sum += coefficient * p;
    weightedLength += coefficient * p * length;
    if (p > max) max = p;
  });
  const mean = sum / list.length;
  const value = max >= mean ? max : mean;
  const density = mean > 0 && pipeLengthM > 0 ? weightedLength / (mean * pipeLengthM) : 0;
  return { count: list.length, mean, max, value, grade: parameterGrade(value), density, densityClass: densityClass(density, mean) };
}

/** F or G → grade: I ≤ 1 < II ≤ 3 < III ≤ 6 < IV. */
export function parameterGrade(v: number): 'I' | 'II' | 'III' | 'IV' {
  return v <= 1 ? 'I' : v <= 3 ? 'II' : v <= 6 ? 'III' : 'IV';
}

/** S_M / Y_M: < 0.1 局部缺陷, 0.1–0.5 部分或整体缺陷, ≥ 0.5 整体缺陷. */
export function densityClass(density: number, mean: number): DensityClass {
  if (mean === 0) return 'none';
  return density < 0.1 ? 'local' : density < 0.5 ? 'partial' : 'overall';
}

export const densityLabels: Record<DensityClass, Localized> = {
  none: { zh: '无缺陷', en: 'No defects' },
  local: { zh: '局部缺陷', en: 'Local defects' },
  partial: { zh: '部分或整体缺陷', en: 'Partial or overall defects' },
  overall: { zh: '整体缺陷', en: 'Overall defects' },
};

/** 地区重要性 K (表 6.2.4-1). */
export type AreaClass = 'commercial' | 'arterial' | 'road' | 'other';
const areaK: Record<AreaClass, number> = { commercial: 10, arterial: 6, road: 3, other: 0 };
export const areaClassLabels: Record<AreaClass, Localized> = {
  commercial: { zh: '中心商业、附近有甲类民用建筑', en: 'Central business / near class-A buildings' },
  arterial: { zh: '交通干道、附近有乙类民用建筑', en: 'Arterial road / near class-B buildings' },
  road: { zh: '其他行车道路、附近有丙类民用建筑', en: 'Other road / near class-C buildings' },
  other: { zh: '其他区域', en: 'Other areas' },
};

/** 土质 T (表 6.2.4-3). RECALLED: NOTES gives 8 for 淤泥质土 and 红黏土 (one implementation uses 10). */
export type SoilClass =
  | 'general'
  | 'silty_sand'
  | 'loess_iv'
  | 'loess_iii'
  | 'loess_i_ii'
  | 'expansive_strong'
  | 'expansive_medium'
  | 'expansive_weak'
  | 'silt'
  | 'mucky'
  | 'red_clay';
const soilT: Record<SoilClass, number> = {
  general: 0,
  silty_sand: 10,
  loess_iv: 10,
  loess_iii: 8,
  loess_i_ii: 6,
  expansive_strong: 10,
  expansive_medium: 8,
  expansive_weak: 6,
  silt: 10,
  mucky: 8,
  red_clay: 8,
};
export const soilClassLabels: Record<SoilClass, Localized> = {
  general: { zh: '一般土层', en: 'Ordinary soil' },
  silty_sand: { zh: '粉砂层', en: 'Silty sand' },
  loess_iv: { zh: '湿陷性黄土 IV级', en: 'Collapsible loess, grade IV' },
  loess_iii: { zh: '湿陷性黄土 III级', en: 'Collapsible loess, grade III' },
  loess_i_ii: { zh: '湿陷性黄土 I、II级', en: 'Collapsible loess, grade I–II' },
  expansive_strong: { zh: '膨胀土（强）', en: 'Expansive soil, strong' },
  expansive_medium: { zh: '膨胀土（中）', en: 'Expansive soil, medium' },
  expansive_weak: { zh: '膨胀土（弱）', en: 'Expansive soil, weak' },
  silt: { zh: '淤泥', en: 'Silt (mud)' },
  mucky: { zh: '淤泥质土', en: 'Mucky soil' },
  red_clay: { zh: '红黏土', en: 'Red clay' },
};

/** K: 0 for other areas or when F < 4 (repair index only; see maintenanceIndex). */
export function areaImportance(area: AreaClass, F: number | null): number {
  return F !== null && F < 4 ? 0 : areaK[area];
}

/** E (表 6.2.4-2): D > 1500 → 10; 1000 < D ≤ 1500 → 6; 600 ≤ D ≤ 1000 → 3; D < 600 or F < 4 → 0. */
export function pipeImportance(diameterMm: number, F: number | null): number {
  if (F !== null && F < 4) return 0;
  return diameterMm > 1500 ? 10 : diameterMm > 1000 ? 6 : diameterMm >= 600 ? 3 : 0;
}

/** T: 0 for ordinary soil or when F = 0. */
export function soilFactor(soil: SoilClass, F: number): number {
  return F === 0 ? 0 : soilT[soil];
}

export type IndexGrade = 'I' | 'II' | 'III' | 'IV';

/** RI and MI → grade: I ≤ 1 < II ≤ 4 < III ≤ 7 < IV. */
export function indexGrade(v: number): IndexGrade {
  return v <= 1 ? 'I' : v <= 4 ? 'II' : v <= 7 ? 'III' : 'IV';
}

export const structuralGradeLabels: Record<IndexGrade, Localized> = {
  I: { zh: '无或有轻微缺陷', en: 'No or slight defects' },
  II: { zh: '有缺陷', en: 'Defects present' },
  III: { zh: '严重缺陷', en: 'Severe defects' },
  IV: { zh: '重大缺陷', en: 'Critical defects' },
};
export const functionalGradeLabels: Record<IndexGrade, Localized> = {
  I: { zh: '无或有轻微影响', en: 'No or slight obstruction' },
  II: { zh: '管道过流有一定的受阻', en: 'Flow somewhat obstructed' },
  III: { zh: '管道过流受阻比较严重', en: 'Flow seriously obstructed' },
  IV: { zh: '管道过流受阻很严重', en: 'Flow very seriously obstructed' },
};
export const repairGradeLabels: Record<IndexGrade, Localized> = {
  I: { zh: '不修复', en: 'No repair needed' },
  II: { zh: '做修复计划', en: 'Plan a repair' },
  III: { zh: '尽快修复', en: 'Repair soon' },
  IV: { zh: '立即修复', en: 'Repair immediately' },
};
export const maintenanceGradeLabels: Record<IndexGrade, Localized> = {
  I: { zh: '没有明显需要处理的缺陷', en: 'Nothing needs attention' },
  II: { zh: '宜安排处理计划', en: 'Schedule maintenance' },
  III: { zh: '尽快处理', en: 'Maintain soon' },
  IV: { zh: '立即处理', en: 'Maintain immediately' },
};

/** RI = 0.7·F + 0.1·K + 0.05·E + 0.15·T, with K and E zero when F < 4 and T zero when F = 0. */
export function repairIndex(F: number, area: AreaClass, diameterMm: number, soil: SoilClass): { RI: number; K: number; E: number; T: number; grade: IndexGrade } {
  const K = areaImportance(area, F);
  const E = pipeImportance(diameterMm, F);
  const T = soilFactor(soil, F);
  const RI = round4(0.7 * F + 0.1 * K + 0.05 * E + 0.15 * T);
  return { RI, K, E, T, grade: indexGrade(RI) };
}

/**
 * MI = 0.8·G + 0.15·K + 0.05·E. ASSUMED: K and E take their area/diameter values without the "F < 4 → 0" rule of
 * the repair index — the worked case (G = 2, K = 6, E = 3, MI = 2.65) needs them, and NOTES.md states that rule only
 * in the repair-index tables.
 */
export function maintenanceIndex(G: number, area: AreaClass, diameterMm: number): { MI: number; K: number; E: number; grade: IndexGrade } {
  const K = areaImportance(area, null);
  const E = pipeImportance(diameterMm, null);
  const MI = round4(0.8 * G + 0.15 * K + 0.05 * E);
  return { MI, K, E, grade: indexGrade(MI) };
}

function round4(v: number): number {
  return Math.round(v * 10_000) / 10_000;
}
