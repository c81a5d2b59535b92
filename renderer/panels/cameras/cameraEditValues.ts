import {
  cameraCreateInput,
  cameraFields,
  cameraPlaceIssues,
  cameraUpdateInput,
  lastSeenInFuture,
  cameraMessages,
  cameraPropertyOf,
  type CameraExtent,
  type CameraField,
} from '../../../preload/contract/cameraAdminMethods';
import type { Feature } from '../../../preload/contract';

/** The edit form's inputs, as typed (text). */
export type CameraFormValues = Record<CameraField, string>;
export interface CameraFormErrors {
  fields: Partial<Record<CameraField, string>>;
  other: string[];
}

const numeric: readonly CameraField[] = ['lon', 'lat', 'heightM', 'heading', 'tilt', 'hfov', 'rangeM'];
/** The store column or props key each field is read from (a cameras-layer feature's properties). */
const propertyOf = cameraPropertyOf;

/** Pure: the form for a new camera (枪机, 在线, the rest empty). */
export function emptyCameraForm(): CameraFormValues {
  const v = Object.fromEntries(cameraFields.map((f) => [f, ''])) as CameraFormValues;
  return { ...v, camType: 'bullet', status: 'online' };
}

/** Pure: the form filled from a cameras-layer feature (features.query: columns and props as properties). */
export function cameraFormValuesOf(f: Feature): CameraFormValues {
  const v = emptyCameraForm();
  const p = f.properties;
  for (const [field, key] of Object.entries(propertyOf) as [CameraField, string][]) {
    const x = p[key];
    v[field] = typeof x === 'string' ? x : typeof x === 'number' && Number.isFinite(x) ? String(x) : '';
  }
  if (!v.externalId) v.externalId = String(f.id);
  const c = f.geometry?.type === 'Point' ? (f.geometry.coordinates as number[]) : null;
  if (c && Number.isFinite(c[0]) && Number.isFinite(c[1])) {
    v.lon = String(c[0]);
    v.lat = String(c[1]);
  }
  return v;
}

const numberOf = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s.trim()));

/** Pure: the cameras.create input of the form; empty optional fields are left out (the contract says what is missing). */
export function createInputOf(v: CameraFormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of cameraFields) {
    const s = v[f];
    if (numeric.includes(f)) {
      if (s.trim() !== '' || f === 'lon' || f === 'lat') out[f] = s.trim() === '' ? undefined : numberOf(s);
    } else if (s.trim() !== '' || f === 'externalId' || f === 'name') out[f] = s;
  }
  return out;
}

/**
 * Pure: the cameras.update input: the camera's id and only the fields that differ from what was loaded (an emptied
 * field is null: cleared). A moved position sends lon and lat together.
 */
export function updateInputOf(id: string, initial: CameraFormValues, v: CameraFormValues): Record<string, unknown> {
  const out: Record<string, unknown> = { id };
  const moved = v.lon.trim() !== initial.lon.trim() || v.lat.trim() !== initial.lat.trim();
  for (const f of cameraFields) {
    const s = v[f];
    if (f === 'lon' || f === 'lat') {
      if (moved) out[f] = s.trim() === '' ? undefined : numberOf(s);
      continue;
    }
    if (s.trim() === initial[f].trim()) continue;
    if (numeric.includes(f)) out[f] = s.trim() === '' ? null : numberOf(s);
    else out[f] = s.trim() === '' && f !== 'externalId' && f !== 'name' ? null : s;
  }
  return out;
}

/**
 * Pure: the host's rules on the form's input, with the host's messages: the contract's schema, the sane extent of
 * positions and no last-seen time in the future. Empty result: send it.
 */
export function checkCameraInput(mode: 'create' | 'update', input: Record<string, unknown>, extent: CameraExtent, now: number): CameraFormErrors {
  const errors: CameraFormErrors = { fields: {}, other: [] };
  const r = (mode === 'create' ? cameraCreateInput : cameraUpdateInput).safeParse(input);
  for (const i of r.success ? [] : r.error.issues) {
    const f = i.path[0] as CameraField | undefined;
    if (f !== undefined && (cameraFields as readonly PropertyKey[]).includes(f)) errors.fields[f] ??= i.message;
    else errors.other.push(`${i.path.join('.') || '(input)'}: ${i.message}`);
  }
  const { lon, lat, lastSeen } = input;
  if (typeof lon === 'number' && typeof lat === 'number' && !errors.fields.lon && !errors.fields.lat) {
    for (const i of cameraPlaceIssues(lon, lat, extent)) errors.fields[i.field] = i.message;
  }
  if (typeof lastSeen === 'string' && lastSeen.trim() && !errors.fields.lastSeen && lastSeenInFuture(lastSeen.trim(), now)) errors.fields.lastSeen = cameraMessages.lastSeenFuture;
  return errors;
}

export const hasErrors = (e: CameraFormErrors) => e.other.length > 0 || Object.keys(e.fields).length > 0;
