import type { Feature } from '../../../preload/contract';

/** What the cameras layer and the camera tool need of one camera row (the store's `cameras` columns). */
export interface CameraRecord {
  /** external_id, else the feature id: the id picks, live data and the analysis methods use. */
  id: string;
  fid: string | number;
  name: string;
  lon: number;
  lat: number;
  /** bullet | dome | ptz, or whatever the source said. */
  camType: string | null;
  /** online | offline | fault, or whatever the source said. */
  status: string | null;
  department: string | null;
  /** Degrees clockwise from north. */
  heading: number | null;
  /** Horizontal field of view, degrees. */
  hfov: number | null;
  rangeM: number | null;
  url: string | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : null);
const num = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

/** Pure: a cameras-layer feature as a record; null when it has no usable point (it cannot be drawn). */
export function cameraRecordOf(f: Feature): CameraRecord | null {
  const g = f.geometry;
  const c = g && g.type === 'Point' ? (g.coordinates as number[]) : g && g.type === 'MultiPoint' ? (g.coordinates as number[][])[0] : undefined;
  if (!c || !Number.isFinite(c[0]) || !Number.isFinite(c[1])) return null;
  const p = f.properties;
  const id = text(p.external_id) ?? String(f.id);
  return {
    id,
    fid: f.id,
    name: text(p.name) ?? id,
    lon: c[0]!,
    lat: c[1]!,
    camType: text(p.cam_type),
    status: text(p.status),
    department: text(p.department),
    heading: num(p.heading),
    hfov: num(p.hfov),
    rangeM: num(p.range_m),
    url: text(p.stream_url),
  };
}
