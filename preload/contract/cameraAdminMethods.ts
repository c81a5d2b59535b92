import { z } from 'zod';

/**
 * Camera registry editing (issue 7, item 1): an administrator creates, edits and deletes cameras of the `cameras`
 * layer. The host and the edit form check the same rules with the same messages (zh-CN first, English beside); every
 * message names its field as `field: message`, and no message contains '; ' (the separator of several).
 */

export const cameraTypes = ['bullet', 'dome', 'ptz'] as const;
export type CameraType = (typeof cameraTypes)[number];
export const cameraTypeLabels: Record<CameraType, { zh: string; en: string }> = {
  bullet: { zh: '枪机', en: 'Bullet' },
  dome: { zh: '球机', en: 'Dome' },
  ptz: { zh: '云台', en: 'PTZ' },
};

export const cameraStatuses = ['online', 'offline', 'fault'] as const;
export type CameraStatus = (typeof cameraStatuses)[number];
export const cameraStatusLabels: Record<CameraStatus, { zh: string; en: string }> = {
  online: { zh: '在线', en: 'Online' },
  offline: { zh: '离线', en: 'Offline' },
  fault: { zh: '故障', en: 'Fault' },
};

/** The editable fields, in form order. */
export const cameraFields = ['externalId', 'name', 'camType', 'status', 'lon', 'lat', 'heightM', 'heading', 'tilt', 'hfov', 'rangeM', 'department', 'streamUrl', 'subStreamUrl', 'lastSeen'] as const;
export type CameraField = (typeof cameraFields)[number];

export const cameraFieldLabels: Record<CameraField, { zh: string; en: string; unit?: string }> = {
  externalId: { zh: '编号', en: 'ID' },
  name: { zh: '名称', en: 'Name' },
  camType: { zh: '类型', en: 'Type' },
  status: { zh: '状态', en: 'Status' },
  lon: { zh: '经度', en: 'Longitude', unit: '°' },
  lat: { zh: '纬度', en: 'Latitude', unit: '°' },
  heightM: { zh: '安装高度（离地）', en: 'Height above ground', unit: 'm' },
  heading: { zh: '朝向', en: 'Heading', unit: '°' },
  tilt: { zh: '俯仰', en: 'Tilt', unit: '°' },
  hfov: { zh: '水平视场角', en: 'Horizontal FOV', unit: '°' },
  rangeM: { zh: '可视距离', en: 'Range', unit: 'm' },
  department: { zh: '权属单位', en: 'Department' },
  streamUrl: { zh: '主码流地址', en: 'Main stream URL' },
  subStreamUrl: { zh: '子码流地址', en: 'Sub stream URL' },
  lastSeen: { zh: '最后在线', en: 'Last seen' },
};

/** Numeric limits (inclusive unless said). */
export const cameraLimits = {
  heading: { min: 0, max: 360 },
  tilt: { min: -90, max: 90 },
  hfov: { min: 1, max: 180 },
  /** min is exclusive: a range must be > 0. */
  rangeM: { min: 0, max: 5000 },
  heightM: { min: 0, max: 1000 },
  lon: { min: -180, max: 180 },
  lat: { min: -90, max: 90 },
} as const;

/** The message of each rule. */
export const cameraMessages = {
  externalId: '编号须为 1–64 个字符，不含控制字符 / id must be 1–64 characters without control characters',
  name: '名称不能为空，最多 100 字 / name is required, at most 100 characters',
  camType: '类型须为 枪机 bullet、球机 dome 或 云台 ptz / type must be bullet, dome or ptz',
  status: '状态须为 在线 online、离线 offline 或 故障 fault / status must be online, offline or fault',
  lon: '经度须为 −180…180 之间的数 / lon must be a number from −180 to 180',
  lat: '纬度须为 −90…90 之间的数 / lat must be a number from −90 to 90',
  lonLatPair: '经度和纬度须同时给出 / lon and lat go together',
  heightM: '安装高度须 ≥ 0 m 且不超过 1000 m / height must be ≥ 0 m and at most 1000 m',
  heading: '朝向须在 0–360° 之间 / heading must be 0–360°',
  tilt: '俯仰须在 −90…90° 之间 / tilt must be −90…90°',
  hfov: '水平视场角须在 1–180° 之间 / hfov must be 1–180°',
  rangeM: '可视距离须大于 0 且不超过 5000 m / range must be > 0 and at most 5000 m',
  department: '权属单位最多 60 字 / department: at most 60 characters',
  streamUrl: '视频流地址须为 http(s)://、rtsp://、ws(s):// 地址或相对文件名（如 media/cam01.mp4） / stream URL must be http(s)://, rtsp://, ws(s):// or a relative file name (e.g. media/cam01.mp4)',
  lastSeen: '最后在线须为带时区的 ISO 8601 日期时间 / last seen must be an ISO 8601 date-time with a time zone',
  lastSeenFuture: '最后在线不能晚于当前时间 / last seen cannot be in the future',
  id: '摄像机编号不能为空 / camera id is required',
  nothing: '没有要修改的字段 / nothing to change',
  reason: '原因最多 200 字 / reason: at most 200 characters',
} as const;

/** '123 已存在' for the unique-id rule. */
export const duplicateIdMessage = (id: string) => `编号 ${id} 已存在 / id ${id} already exists`;
/** The NOT_FOUND message of update and delete. */
export const unknownCameraMessage = (id: string) => `没有编号为 ${id} 的摄像机 / no camera with id ${id}`;

const urlPattern = /^(https?|rtsps?|wss?):\/\/[^\s/?#@]+(@[^\s/?#]+)?([/?#]\S*)?$/i;
/** Relative: segments of letters, digits, _ - . ( ) and space; no '..', no leading '/', an extension at the end. */
const fileNamePattern = /^(?!.*(^|\/)\.\.?(\/|$))[\p{L}\p{N}_\-.() ]+(\/[\p{L}\p{N}_\-.() ]+)*\.[A-Za-z0-9]{2,5}$/u;

/** Pure: whether a stream reference is an http(s)/rtsp(s)/ws(s) URL or a relative media file name. */
export function isStreamReference(s: string): boolean {
  return s.length <= 2000 && (urlPattern.test(s) || (fileNamePattern.test(s) && !s.includes('\\')));
}

const num = (field: 'heading' | 'tilt' | 'hfov' | 'heightM' | 'lon' | 'lat') =>
  z.number({ error: cameraMessages[field] }).min(cameraLimits[field].min, cameraMessages[field]).max(cameraLimits[field].max, cameraMessages[field]);
/** Optional text: trimmed, '' means none (null). */
const optionalText = (max: number, message: string) =>
  z
    .string({ error: message })
    .trim()
    .max(max, message)
    .transform((s) => s || null)
    .nullable();
const streamRef = z
  .string({ error: cameraMessages.streamUrl })
  .trim()
  .refine((s) => s === '' || isStreamReference(s), cameraMessages.streamUrl)
  .transform((s) => s || null)
  .nullable();

export const cameraExternalIdSchema = z
  .string({ error: cameraMessages.externalId })
  .trim()
  .min(1, cameraMessages.externalId)
  .max(64, cameraMessages.externalId)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]+$/, cameraMessages.externalId);

/** Every editable field with its rule; nullable ones may be cleared with null. */
const fieldSchemas = {
  externalId: cameraExternalIdSchema,
  name: z.string({ error: cameraMessages.name }).trim().min(1, cameraMessages.name).max(100, cameraMessages.name),
  camType: z.enum(cameraTypes, { error: cameraMessages.camType }),
  status: z.enum(cameraStatuses, { error: cameraMessages.status }),
  lon: num('lon'),
  lat: num('lat'),
  heightM: num('heightM').nullable(),
  heading: num('heading').nullable(),
  tilt: num('tilt').nullable(),
  hfov: num('hfov').nullable(),
  rangeM: z.number({ error: cameraMessages.rangeM }).gt(cameraLimits.rangeM.min, cameraMessages.rangeM).max(cameraLimits.rangeM.max, cameraMessages.rangeM).nullable(),
  department: optionalText(60, cameraMessages.department),
  streamUrl: streamRef,
  subStreamUrl: streamRef,
  lastSeen: z
    .string({ error: cameraMessages.lastSeen })
    .trim()
    .refine((s) => s === '' || z.iso.datetime({ offset: true }).safeParse(s).success, cameraMessages.lastSeen)
    .transform((s) => s || null)
    .nullable(),
} satisfies Record<CameraField, z.ZodType>;

/**
 * Where each field lives in a cameras-layer feature: its column in the `cameras` table, except subStreamUrl, a key of
 * the row's props (the layer has one stream_url column); lon/lat are the geometry.
 */
export const cameraPropertyOf: Readonly<Record<Exclude<CameraField, 'lon' | 'lat'>, string>> = {
  externalId: 'external_id',
  name: 'name',
  camType: 'cam_type',
  status: 'status',
  heightM: 'height_m',
  heading: 'heading',
  tilt: 'tilt',
  hfov: 'hfov',
  rangeM: 'range_m',
  department: 'department',
  streamUrl: 'stream_url',
  subStreamUrl: 'sub_stream_url',
  lastSeen: 'last_seen',
};

/** cameras.create: id, name, type, status and position are required; the rest may be left out (none). */
export const cameraCreateInput = z
  .object({
    externalId: fieldSchemas.externalId,
    name: fieldSchemas.name,
    camType: fieldSchemas.camType,
    status: fieldSchemas.status,
    lon: fieldSchemas.lon,
    lat: fieldSchemas.lat,
    heightM: fieldSchemas.heightM.optional(),
    heading: fieldSchemas.heading.optional(),
    tilt: fieldSchemas.tilt.optional(),
    hfov: fieldSchemas.hfov.optional(),
    rangeM: fieldSchemas.rangeM.optional(),
    department: fieldSchemas.department.optional(),
    streamUrl: fieldSchemas.streamUrl.optional(),
    subStreamUrl: fieldSchemas.subStreamUrl.optional(),
    lastSeen: fieldSchemas.lastSeen.optional(),
  })
  .strict();
export type CameraCreateInput = z.input<typeof cameraCreateInput>;

/**
 * cameras.update: the camera by its current id, and only the fields to change (externalId renames it). lon and lat
 * go together.
 */
export const cameraUpdateInput = z
  .object({
    id: z.string({ error: cameraMessages.id }).min(1, cameraMessages.id).max(200, cameraMessages.id),
    ...cameraCreateInput.partial().shape,
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.lon === undefined) !== (v.lat === undefined)) ctx.addIssue({ code: 'custom', path: [v.lon === undefined ? 'lon' : 'lat'], message: cameraMessages.lonLatPair });
    if (Object.keys(v).length === 1) ctx.addIssue({ code: 'custom', path: [], message: cameraMessages.nothing });
  });
export type CameraUpdateInput = z.input<typeof cameraUpdateInput>;

export const cameraDeleteInput = z
  .object({
    id: z.string({ error: cameraMessages.id }).min(1, cameraMessages.id).max(200, cameraMessages.id),
    /** Why (kept in the audit record). */
    reason: z.string().trim().max(200, cameraMessages.reason).optional(),
  })
  .strict();
export type CameraDeleteInput = z.input<typeof cameraDeleteInput>;

/** A camera as stored. Imported rows may hold values the editor would refuse (and null), so this only types them. */
export const cameraAdminRecordSchema = z.object({
  fid: z.number().int(),
  externalId: z.string(),
  name: z.string().nullable(),
  camType: z.string().nullable(),
  status: z.string().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  heightM: z.number().nullable(),
  heading: z.number().nullable(),
  tilt: z.number().nullable(),
  hfov: z.number().nullable(),
  rangeM: z.number().nullable(),
  department: z.string().nullable(),
  streamUrl: z.string().nullable(),
  subStreamUrl: z.string().nullable(),
  lastSeen: z.string().nullable(),
  demo: z.boolean(),
});
export type CameraAdminRecord = z.infer<typeof cameraAdminRecordSchema>;

export const cameraAdminMethods = {
  /** A new camera (admin only). Audited with the new record. */
  'cameras.create': {
    input: cameraCreateInput,
    output: z.object({ camera: cameraAdminRecordSchema, auditSeq: z.number().int().positive() }),
  },
  /** Changes some fields of a camera (admin only). Audited with before/after of the changed fields; no change, no record. */
  'cameras.update': {
    input: cameraUpdateInput,
    output: z.object({ camera: cameraAdminRecordSchema, changed: z.array(z.enum(cameraFields)), auditSeq: z.number().int().positive().nullable() }),
  },
  /** Removes a camera (admin only). The audit record keeps the whole camera as it was. */
  'cameras.delete': {
    input: cameraDeleteInput,
    output: z.object({ deleted: z.object({ fid: z.number().int(), externalId: z.string() }), auditSeq: z.number().int().positive() }),
  },
} as const;
export type CameraAdminMethods = typeof cameraAdminMethods;
export type CameraAdminMethodName = keyof CameraAdminMethods;

/** Who may call them: the administrator only (the entries for methodRoles). */
export const cameraAdminRoles = ['admin'] as const;

/**
 * A typed call of the camera admin methods. Until they are merged into `methods`, the renderer views its
 * Client.call through this type; afterwards Client.call is this exactly.
 */
export type CameraAdminCall = <M extends CameraAdminMethodName>(method: M, input: z.input<CameraAdminMethods[M]['input']>) => Promise<z.output<CameraAdminMethods[M]['output']>>;

/** [west, south, east, north]. */
export type CameraExtent = [number, number, number, number];
/** Where a camera may stand when the district is not known: China and its islands. */
export const chinaExtent: CameraExtent = [73, 3, 136, 54];
/** How far outside the district a camera may stand, degrees (~50 km). */
export const districtMarginDeg = 0.5;

/** Pure: the sane extent for camera positions: the district's extent grown by districtMarginDeg, else China. */
export function cameraExtent(district: readonly [number, number, number, number] | null | undefined): CameraExtent {
  if (!district || !district.every(Number.isFinite)) return [...chinaExtent];
  const [w, s, e, n] = district;
  const m = districtMarginDeg;
  // To 0.01° (the store keeps extents as float32 R-tree bounds: 110.69999694…): well inside the margin.
  const r = (v: number) => Math.round(v * 100) / 100;
  return [r(Math.max(-180, w - m)), r(Math.max(-90, s - m)), r(Math.min(180, e + m)), r(Math.min(90, n + m))];
}

/** Pure: `field: message` issues of a position outside the extent (none when inside). */
export function cameraPlaceIssues(lon: number, lat: number, extent: CameraExtent): { field: 'lon' | 'lat'; message: string }[] {
  const [w, s, e, n] = extent;
  const out: { field: 'lon' | 'lat'; message: string }[] = [];
  if (!(lon >= w && lon <= e)) out.push({ field: 'lon', message: `经度 ${lon} 超出合理范围 ${w}…${e}（经纬度是否颠倒？） / lon ${lon} is outside the sane range ${w}…${e} (lon and lat swapped?)` });
  if (!(lat >= s && lat <= n)) out.push({ field: 'lat', message: `纬度 ${lat} 超出合理范围 ${s}…${n} / lat ${lat} is outside the sane range ${s}…${n}` });
  return out;
}

/** Slack for clocks that disagree a little (ms): lastSeen may be this much after "now". */
export const lastSeenSkewMs = 5 * 60_000;

/** Pure: whether a lastSeen date-time lies in the future (beyond lastSeenSkewMs). */
export function lastSeenInFuture(iso: string, now: number): boolean {
  const t = Date.parse(iso);
  return Number.isFinite(t) && t > now + lastSeenSkewMs;
}

/**
 * Pure: an error message of the camera methods split by field: 'cameras.update: heading: …; lon: …' (or with the RPC
 * code in front) → { heading: '…', lon: '…' }; parts that name no field stay in `other`.
 */
export function cameraFieldErrors(message: string): { fields: Partial<Record<CameraField, string>>; other: string[] } {
  const body = message.replace(/^[A-Z_]+: /, '').replace(/^cameras\.[a-z]+: /, '');
  const fields: Partial<Record<CameraField, string>> = {};
  const other: string[] = [];
  for (const part of body.split('; ')) {
    const m = /^([A-Za-z]+): ([\s\S]+)$/.exec(part);
    const field = m?.[1] as CameraField | undefined;
    if (m && field && (cameraFields as readonly string[]).includes(field)) fields[field] = fields[field] ? `${fields[field]} ${m[2]!}` : m[2]!;
    else if (part.trim()) other.push(part);
  }
  return { fields, other };
}
