import { cameraPropertyOf, type CameraAdminRecord, type CameraField } from '../../../preload/contract/cameraAdminMethods';
import { parseCameraProps, pointOf } from '../analysis/cameraRecord';

/** The columns the camera editor reads from the `cameras` layer. */
export const CAMERA_ADMIN_COLUMNS = 'fid, external_id, name, cam_type, status, heading, tilt, hfov, range_m, height_m, department, stream_url, last_seen, demo, props, geom';

export interface CameraAdminRow {
  fid: number;
  external_id: string;
  name: unknown;
  cam_type: unknown;
  status: unknown;
  heading: unknown;
  tilt: unknown;
  hfov: unknown;
  range_m: unknown;
  height_m: unknown;
  department: unknown;
  stream_url: unknown;
  last_seen: unknown;
  demo: number;
  props: string | null;
  geom: Uint8Array | null;
}

/** Where the sub stream URL lives: the row's props JSON (the layer has one stream_url column, the main stream). */
export const SUB_STREAM_PROP = 'sub_stream_url';

/** Field → its column in the `cameras` table (lon/lat are the geom, subStreamUrl a key of props). */
export const cameraColumnOf: Partial<Record<CameraField, string>> = Object.fromEntries(
  Object.entries(cameraPropertyOf).filter(([field]) => field !== 'subStreamUrl'),
);

// Imported rows may hold anything: a value of the wrong type reads as none.
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

/** Pure: a row of the `cameras` table as the editor's record. */
export function toCameraAdminRecord(r: CameraAdminRow): CameraAdminRecord {
  const p = pointOf(r.geom);
  const sub = parseCameraProps(r.props)[SUB_STREAM_PROP];
  return {
    fid: r.fid,
    externalId: r.external_id,
    name: text(r.name),
    camType: text(r.cam_type),
    status: text(r.status),
    lon: p ? p[0] : null,
    lat: p ? p[1] : null,
    heightM: num(r.height_m),
    heading: num(r.heading),
    tilt: num(r.tilt),
    hfov: num(r.hfov),
    rangeM: num(r.range_m),
    department: text(r.department),
    streamUrl: text(r.stream_url),
    subStreamUrl: typeof sub === 'string' ? sub : null,
    lastSeen: text(r.last_seen),
    demo: r.demo === 1,
  };
}
