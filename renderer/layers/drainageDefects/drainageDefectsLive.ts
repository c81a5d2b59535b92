/**
 * What the drainage tool hands the defects overlay (ctx.setLayerLive('drainageDefects', live)): the CCTV defects of the
 * inspected pipe, already placed along it (see renderer/panels/drainage/defectMarks.ts), and the one selected.
 * `null` removes every mark.
 */
export interface DefectMark {
  /** drainage_defects.id: also the picked feature id (as a string). */
  id: number;
  /** CJJ 181 code, e.g. 'PL'. */
  code: string;
  /** 1–4 (Ⅰ–Ⅳ). */
  grade: number;
  /** CSS colour of the grade. */
  colour: string;
  lon: number;
  lat: number;
  /** True (not exaggerated) invert elevation of the pipe at the defect, m; null when the pipe has no inverts. */
  invert: number | null;
  /** Depth of the invert below the ground (m) when `invert` is null (the tube hangs there). */
  depthBelowGround: number;
  /** Pipe radius (m): the mark sits on the tube's crown. */
  radius: number;
}

/** Where a mark was drawn: `height` is the rendered height (m above the ellipsoid), null while the ground is unknown. */
export interface PlacedMark {
  id: number;
  lon: number;
  lat: number;
  height: number | null;
  /** True when drawn on the tube at depth (underground mode, close up), false when clamped to the ground. */
  atDepth: boolean;
}

export interface DrainageDefectsLive {
  pipeId: string;
  marks: DefectMark[];
  selectedId: number | null;
  /** Called after every (re)placement with where the marks are drawn (e.g. to fly the camera to one). */
  onPlaced?(placed: PlacedMark[]): void;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function readMark(v: unknown): DefectMark | null {
  const m = v as Partial<DefectMark> | null;
  if (!m || !Number.isInteger(m.id) || typeof m.code !== 'string' || !finite(m.grade) || typeof m.colour !== 'string') return null;
  if (!finite(m.lon) || !finite(m.lat) || !finite(m.radius) || !finite(m.depthBelowGround)) return null;
  if (m.invert !== null && !finite(m.invert)) return null;
  return { id: m.id!, code: m.code, grade: m.grade, colour: m.colour, lon: m.lon, lat: m.lat, invert: m.invert, depthBelowGround: m.depthBelowGround, radius: m.radius };
}

/** Pure: the live value as the overlay uses it; anything that is not a DrainageDefectsLive (null included) is no marks. */
export function readDefectsLive(data: unknown): DrainageDefectsLive | null {
  const d = data as Partial<DrainageDefectsLive> | null | undefined;
  if (!d || typeof d !== 'object' || typeof d.pipeId !== 'string' || !Array.isArray(d.marks)) return null;
  const marks = d.marks.map(readMark).filter((m): m is DefectMark => m !== null);
  const selectedId = typeof d.selectedId === 'number' && marks.some((m) => m.id === d.selectedId) ? d.selectedId : null;
  return { pipeId: d.pipeId, marks, selectedId, ...(typeof d.onPlaced === 'function' ? { onPlaced: d.onPlaced } : {}) };
}
