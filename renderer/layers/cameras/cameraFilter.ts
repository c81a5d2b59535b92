import type { CameraRecord } from './cameraRecord';

/**
 * Which cameras show: each list, when given, keeps only the cameras whose value is in it (an empty list hides
 * all). Missing values match the entry '' (e.g. a camera with no department, listed as 未填写).
 */
export interface CameraFilter {
  statuses?: string[];
  types?: string[];
  departments?: string[];
}

const inList = (list: string[] | undefined, v: string | null) => !list || list.includes(v ?? '');

/** Pure: whether a camera passes the filter. */
export function matchesCameraFilter(c: Pick<CameraRecord, 'status' | 'camType' | 'department'>, f: CameraFilter | null | undefined): boolean {
  if (!f) return true;
  return inList(f.statuses, c.status) && inList(f.types, c.camType) && inList(f.departments, c.department);
}

/** Pure: the values present in the cameras, for the filter UI (sorted; '' for missing, listed last). */
export function cameraFilterOptions(cameras: readonly Pick<CameraRecord, 'status' | 'camType' | 'department'>[]): { statuses: string[]; types: string[]; departments: string[] } {
  const collect = (pick: (c: Pick<CameraRecord, 'status' | 'camType' | 'department'>) => string | null) => {
    const s = new Set<string>();
    for (const c of cameras) s.add(pick(c) ?? '');
    return [...s].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'zh-CN')));
  };
  return { statuses: collect((c) => c.status), types: collect((c) => c.camType), departments: collect((c) => c.department) };
}
