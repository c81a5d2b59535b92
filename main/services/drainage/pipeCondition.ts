import type Database from 'better-sqlite3';
import {
  defectCode,
  defectIndex,
  densityLabels,
  functionalGradeLabels,
  maintenanceGradeLabels,
  maintenanceIndex,
  repairGradeLabels,
  repairIndex,
  structuralGradeLabels,
  type AreaClass,
  type DefectIndex,
  type IndexGrade,
  type SoilClass,
} from './cjj181Scoring';
import { DrainageError, type Localized } from './drainageTypes';
import { lineEndpoints } from './lineEndpoints';

export interface ConditionOptions {
  /** 地区重要性 (K); default: the pipe's props (area_class / 地区重要性), else 'other' (noted in assumptions). */
  area?: AreaClass;
  /** 土质 (T); default: the pipe's props (soil / 土质), else 'general' (noted in assumptions). */
  soil?: SoilClass;
}

export interface StoredDefect {
  id: number;
  distanceM: number;
  code: string;
  name: Localized;
  defectClass: 'structural' | 'functional';
  grade: number;
  score: number;
  lengthM: number | null;
  media: string | null;
  remarks: string | null;
  inspectedAt: string | null;
}

export interface ConditionIndex extends DefectIndex {
  gradeLabel: Localized;
  densityLabel: Localized;
}

export interface PipeCondition {
  pipeId: string;
  lengthM: number | null;
  diameterMm: number | null;
  area: AreaClass;
  soil: SoilClass;
  defects: StoredDefect[];
  /** F, S, Smax, S_M. */
  structural: ConditionIndex;
  /** G, Y, Ymax, Y_M. */
  functional: ConditionIndex;
  repair: { RI: number; K: number; E: number; T: number; grade: IndexGrade; label: Localized };
  maintenance: { MI: number; K: number; E: number; grade: IndexGrade; label: Localized };
  /** Values the data did not give and that were assumed. */
  assumptions: Localized[];
}

const areaAliases: Record<string, AreaClass> = {
  commercial: 'commercial', 中心商业: 'commercial', 甲类: 'commercial',
  arterial: 'arterial', 交通干道: 'arterial', 主干路: 'arterial', 乙类: 'arterial',
  road: 'road', 其他行车道路: 'road', 次干路: 'road', 支路: 'road', 丙类: 'road',
  other: 'other', 其他: 'other', 其他区域: 'other',
};
const soilAliases: Record<string, SoilClass> = {
  general: 'general', 一般土层: 'general', silty_sand: 'silty_sand', 粉砂层: 'silty_sand',
  loess_iv: 'loess_iv', loess_iii: 'loess_iii', loess_i_ii: 'loess_i_ii',
  expansive_strong: 'expansive_strong', expansive_medium: 'expansive_medium', expansive_weak: 'expansive_weak',
  silt: 'silt', 淤泥: 'silt', mucky: 'mucky', 淤泥质土: 'mucky', red_clay: 'red_clay', 红黏土: 'red_clay',
};

function fromProps<T>(props: string | null, keys: string[], aliases: Record<string, T>): T | undefined {
  if (!props) return undefined;
  try {
    const o = JSON.parse(props) as Record<string, unknown>;
    for (const k of keys) {
      const v = o[k];
      if (typeof v === 'string' && aliases[v.trim()] !== undefined) return aliases[v.trim()];
    }
  } catch {
    return undefined;
  }
  return undefined;
}

interface PipeRow {
  external_id: string;
  diameter_mm: number | null;
  length_m: number | null;
  props: string | null;
  geom: Uint8Array | null;
}

interface DefectRow {
  id: number;
  pipe_id: string;
  distance_m: number;
  code: string;
  defect_class: 'structural' | 'functional';
  grade: number;
  score: number;
  length_m: number | null;
  media: string | null;
  remarks: string | null;
  inspected_at: string | null;
}

/** Whether the store has the defects table (migration 7); a read-only older store has none. */
export function hasDefectsTable(db: Database.Database): boolean {
  return !!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'drainage_defects'`).get();
}

const toDefect = (r: DefectRow): StoredDefect => ({
  id: r.id,
  distanceM: r.distance_m,
  code: r.code,
  name: defectCode(r.code)?.name ?? { zh: r.code, en: r.code },
  defectClass: r.defect_class,
  grade: r.grade,
  score: r.score,
  lengthM: r.length_m,
  media: r.media,
  remarks: r.remarks,
  inspectedAt: r.inspected_at,
});

/** CJJ 181 condition of one pipe from its stored defects (F, S_M, RI, G, Y_M, MI and grades). */
export function computeCondition(pipe: PipeRow, rows: DefectRow[], opts: ConditionOptions = {}): PipeCondition {
  const assumptions: Localized[] = [];
  let lengthM = typeof pipe.length_m === 'number' && pipe.length_m > 0 ? pipe.length_m : null;
  if (lengthM === null) {
    const g = lineEndpoints(pipe.geom);
    if (g && g.lengthM > 0) {
      lengthM = Math.round(g.lengthM * 100) / 100;
      assumptions.push({ zh: `管长缺失，按几何长度 ${lengthM} m 计算缺陷密度`, en: `length_m missing; the geometry's ${lengthM} m is used for the defect density` });
    } else assumptions.push({ zh: '管长未知，缺陷密度记为 0', en: 'pipe length unknown; defect density reported as 0' });
  }
  const diameterMm = typeof pipe.diameter_mm === 'number' && pipe.diameter_mm > 0 ? pipe.diameter_mm : null;
  if (diameterMm === null) assumptions.push({ zh: '管径未知，管道重要性参数 E 取 0', en: 'diameter unknown; pipe importance E taken as 0' });
  let area = opts.area ?? fromProps(pipe.props, ['area_class', 'area_importance', '地区重要性', '区域类别'], areaAliases);
  if (!area) {
    area = 'other';
    assumptions.push({ zh: '地区重要性未知，按“其他区域”（K=0）计算', en: "area importance unknown; 'other areas' (K = 0) assumed" });
  }
  let soil = opts.soil ?? fromProps(pipe.props, ['soil', 'soil_class', '土质'], soilAliases);
  if (!soil) {
    soil = 'general';
    assumptions.push({ zh: '土质未知，按“一般土层”（T=0）计算', en: "soil unknown; 'ordinary soil' (T = 0) assumed" });
  }
  const scored = rows.map((r) => ({ code: r.code, grade: r.grade, distanceM: r.distance_m, lengthM: r.length_m }));
  const s = defectIndex(scored, 'structural', lengthM ?? 0);
  const f = defectIndex(scored, 'functional', lengthM ?? 0);
  const ri = repairIndex(s.value, area, diameterMm ?? 0, soil);
  const mi = maintenanceIndex(f.value, area, diameterMm ?? 0);
  return {
    pipeId: pipe.external_id,
    lengthM,
    diameterMm,
    area,
    soil,
    defects: rows.map(toDefect),
    structural: { ...s, gradeLabel: structuralGradeLabels[s.grade], densityLabel: densityLabels[s.densityClass] },
    functional: { ...f, gradeLabel: functionalGradeLabels[f.grade], densityLabel: densityLabels[f.densityClass] },
    repair: { ...ri, label: repairGradeLabels[ri.grade] },
    maintenance: { ...mi, label: maintenanceGradeLabels[mi.grade] },
    assumptions,
  };
}

/** The condition of one pipe by external id; NOT_FOUND when the pipe does not exist. */
export function pipeCondition(db: Database.Database, pipeId: string, opts: ConditionOptions = {}): PipeCondition {
  const pipe = db.prepare(`SELECT external_id, diameter_mm, length_m, props, geom FROM drainage_pipes WHERE external_id = ?`).get(pipeId) as PipeRow | undefined;
  if (!pipe) throw new DrainageError('NOT_FOUND', `管段 ${pipeId} 不存在 / no pipe '${pipeId}' in drainage_pipes`);
  const rows = hasDefectsTable(db) ? (db.prepare(`SELECT * FROM drainage_defects WHERE pipe_id = ? ORDER BY distance_m, id`).all(pipeId) as DefectRow[]) : [];
  return computeCondition(pipe, rows, opts);
}

export interface WorstPipe {
  pipeId: string;
  defectCount: number;
  F: number;
  structuralGrade: IndexGrade;
  RI: number;
  repairGrade: IndexGrade;
  G: number;
  functionalGrade: IndexGrade;
  MI: number;
  maintenanceGrade: IndexGrade;
}

/** Pipes with stored defects, worst first by RI (or MI), ties by the other index and then the id. */
export function worstPipes(db: Database.Database, opts: { limit?: number; by?: 'RI' | 'MI' } = {}): WorstPipe[] {
  if (!hasDefectsTable(db)) return [];
  const by = opts.by ?? 'RI';
  const rows = db.prepare(`SELECT * FROM drainage_defects ORDER BY pipe_id, distance_m, id`).all() as DefectRow[];
  const pipeStmt = db.prepare(`SELECT external_id, diameter_mm, length_m, props, geom FROM drainage_pipes WHERE external_id = ?`);
  const out: WorstPipe[] = [];
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j < rows.length && rows[j]!.pipe_id === rows[i]!.pipe_id) j++;
    const pipe = pipeStmt.get(rows[i]!.pipe_id) as PipeRow | undefined;
    if (pipe) {
      const c = computeCondition(pipe, rows.slice(i, j));
      out.push({
        pipeId: c.pipeId,
        defectCount: c.defects.length,
        F: c.structural.value,
        structuralGrade: c.structural.grade,
        RI: c.repair.RI,
        repairGrade: c.repair.grade,
        G: c.functional.value,
        functionalGrade: c.functional.grade,
        MI: c.maintenance.MI,
        maintenanceGrade: c.maintenance.grade,
      });
    }
    i = j;
  }
  out.sort((a, b) => (by === 'RI' ? b.RI - a.RI || b.MI - a.MI : b.MI - a.MI || b.RI - a.RI) || (a.pipeId < b.pipeId ? -1 : a.pipeId > b.pipeId ? 1 : 0));
  return out.slice(0, opts.limit ?? 50);
}
