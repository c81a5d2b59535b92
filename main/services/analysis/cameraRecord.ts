import { readGpkgHeader, decodeGpkgGeometry } from '../../store/gpkgGeometry';

/** The columns camera analysis reads from the `cameras` layer. */
export const CAMERA_COLUMNS = `fid, external_id, name, cam_type, heading, hfov, range_m, height_m, department, status, props, geom`;

export interface CameraRow {
  fid: number;
  external_id: string | null;
  name: string | null;
  cam_type: string | null;
  heading: number | null;
  hfov: number | null;
  range_m: number | null;
  height_m: number | null;
  department: string | null;
  status: string | null;
  props: string | null;
  geom: Uint8Array | null;
}

/** One camera as analysis sees it. `id` is the external id, or the fid as text when the row has none. */
export interface CameraRecord {
  fid: number;
  id: string;
  name: string | null;
  camType: string | null;
  heading: number | null;
  hfov: number | null;
  rangeM: number | null;
  heightM: number | null;
  department: string | null;
  status: string | null;
  props: Record<string, unknown>;
  lon: number;
  lat: number;
}

/** Parses a props JSON column; a value that is not a JSON object reads as {}. */
export function parseCameraProps(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The position of a point geometry blob (from the GeoPackage envelope when present); null when empty or not a point. */
export function pointOf(blob: Uint8Array | null): [number, number] | null {
  if (!blob) return null;
  const h = readGpkgHeader(blob);
  if (h.empty) return null;
  if (h.envelope && h.envelope[0] === h.envelope[1] && h.envelope[2] === h.envelope[3]) return [h.envelope[0], h.envelope[2]];
  const g = decodeGpkgGeometry(blob);
  if (g?.type !== 'Point') return null;
  const [lon, lat] = g.coordinates as number[];
  return lon !== undefined && lat !== undefined ? [lon, lat] : null;
}

/** A row as a CameraRecord; null when it has no point geometry. */
export function toCameraRecord(r: CameraRow): CameraRecord | null {
  const p = pointOf(r.geom);
  if (!p) return null;
  return {
    fid: r.fid,
    id: r.external_id ?? String(r.fid),
    name: r.name,
    camType: r.cam_type,
    heading: r.heading,
    hfov: r.hfov,
    rangeM: r.range_m,
    heightM: r.height_m,
    department: r.department,
    status: r.status,
    props: parseCameraProps(r.props),
    lon: p[0],
    lat: p[1],
  };
}
