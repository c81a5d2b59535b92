import type { CameraFilter } from './cameraFilter';

/** A GeoJSON Polygon (e.g. the output of cameras.coverage). */
export interface CoveragePolygon {
  type: 'Polygon';
  coordinates: number[][][];
}

/** The cameras layer's live state (ctx.setLayerLive('cameras', …)). Every field is optional. */
export interface CamerasLive {
  filter?: CameraFilter | null;
  /** One camera's coverage drawn on the ground; null clears it. */
  coverage?: CoveragePolygon | null;
  /** The selected camera (external_id): drawn larger, never clustered. */
  selected?: string | null;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function stringList(v: unknown, where: string): Parsed<string[] | undefined> {
  if (v === undefined) return { ok: true, value: undefined };
  if (!Array.isArray(v)) return { ok: false, error: `${where}: 应为字符串数组 expected an array of strings` };
  const i = v.findIndex((x) => typeof x !== 'string');
  if (i >= 0) return { ok: false, error: `${where}[${i}]: 应为字符串 expected a string, got ${JSON.stringify(v[i])}` };
  return { ok: true, value: v as string[] };
}

function polygon(v: unknown): Parsed<CoveragePolygon | null> {
  if (v === null) return { ok: true, value: null };
  if (!isRecord(v) || v.type !== 'Polygon') return { ok: false, error: 'cameras.coverage: 应为 GeoJSON Polygon expected a GeoJSON Polygon' };
  const rings = v.coordinates;
  if (!Array.isArray(rings) || rings.length === 0) return { ok: false, error: 'cameras.coverage.coordinates: 应为环数组 expected an array of rings' };
  for (let r = 0; r < rings.length; r++) {
    const ring: unknown = rings[r];
    if (!Array.isArray(ring) || ring.length < 4) return { ok: false, error: `cameras.coverage.coordinates[${r}]: 至少 4 个点 expected at least 4 positions` };
    for (let i = 0; i < ring.length; i++) {
      const p: unknown = ring[i];
      if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1]) || Math.abs(p[0] as number) > 180 || Math.abs(p[1] as number) > 90) {
        return { ok: false, error: `cameras.coverage.coordinates[${r}][${i}]: 应为 [经度, 纬度] expected [lon, lat], got ${JSON.stringify(p)}` };
      }
    }
  }
  return { ok: true, value: { type: 'Polygon', coordinates: rings as number[][][] } };
}

/** Pure: checks the live state handed to the layer; the error names the field. Absent fields stay absent. */
export function parseCamerasLive(v: unknown): Parsed<CamerasLive> {
  if (!isRecord(v)) return { ok: false, error: 'cameras: 应为对象 expected an object {filter?, coverage?, selected?}' };
  const out: CamerasLive = {};
  if (v.filter !== undefined && v.filter !== null) {
    if (!isRecord(v.filter)) return { ok: false, error: 'cameras.filter: 应为对象 expected an object {statuses?, types?, departments?}' };
    const filter: CameraFilter = {};
    for (const key of ['statuses', 'types', 'departments'] as const) {
      const p = stringList(v.filter[key], `cameras.filter.${key}`);
      if (!p.ok) return p;
      if (p.value) filter[key] = p.value;
    }
    out.filter = filter;
  } else if (v.filter === null) out.filter = null;
  if (v.coverage !== undefined) {
    const p = polygon(v.coverage);
    if (!p.ok) return p;
    out.coverage = p.value;
  }
  if (v.selected !== undefined) {
    if (v.selected !== null && typeof v.selected !== 'string') return { ok: false, error: `cameras.selected: 应为字符串 expected a string, got ${JSON.stringify(v.selected)}` };
    out.selected = v.selected;
  }
  return { ok: true, value: out };
}
