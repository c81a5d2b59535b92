import { z } from 'zod';

const noInput = z.object({}).strict();
const lon = z.number().min(-180).max(180);
const lat = z.number().min(-85).max(85);

export const cameraOcclusionSchema = z.object({
  lon: z.number(),
  lat: z.number(),
  /** Horizontal distance from the camera, metres. */
  distanceM: z.number(),
  /** Ground elevation there, metres. */
  groundM: z.number(),
  /** Elevation of the sight line there (earth curvature included), metres. */
  sightLineM: z.number(),
});

export const cameraSightingSchema = z.object({
  cameraId: z.string(),
  fid: z.number().int(),
  name: z.string().nullable(),
  camType: z.string().nullable(),
  status: z.string().nullable(),
  department: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
  distanceM: z.number().nonnegative(),
  /** Camera → point, degrees clockwise from north. */
  bearing: z.number().min(0).max(360),
  inFov: z.boolean(),
  /** False when no DEM was used or an end lies off the DEM. */
  terrainChecked: z.boolean(),
  occludedBy: cameraOcclusionSchema.nullable(),
  sees: z.boolean(),
});
export type CameraSightingInfo = z.infer<typeof cameraSightingSchema>;

export const cameraCoverageSchema = z.object({
  cameraId: z.string(),
  name: z.string().nullable(),
  camType: z.string().nullable(),
  status: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
  rangeM: z.number().positive(),
  allRound: z.boolean(),
  heading: z.number().nullable(),
  widthDeg: z.number().positive().max(360),
  rays: z.number().int().positive(),
  occludedRays: z.number().int().nonnegative(),
  terrain: z.boolean(),
  areaM2: z.number().nonnegative(),
  polygon: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()).min(2).max(3)).min(4)).length(1) }),
});
export type CameraCoverageInfo = z.infer<typeof cameraCoverageSchema>;

const statusCounts = {
  total: z.number().int().nonnegative(),
  online: z.number().int().nonnegative(),
  offline: z.number().int().nonnegative(),
  fault: z.number().int().nonnegative(),
  /** Status missing or not online/offline/fault. */
  unknown: z.number().int().nonnegative(),
  /** online / total × 100 (one decimal); null when there are no cameras. */
  onlinePct: z.number().min(0).max(100).nullable(),
};

export const cameraHealthSchema = z.object({
  totals: z.object(statusCounts),
  /** department null: 未填写 not given (listed last). */
  byDepartment: z.array(z.object({ department: z.string().nullable(), ...statusCounts })),
  /** area null: 未归属 unassigned (listed last). */
  byArea: z.array(z.object({ area: z.string().nullable(), ...statusCounts })),
});
export type CameraHealthInfo = z.infer<typeof cameraHealthSchema>;

export const cameraMethods = {
  /**
   * Cameras that see a point (in range, in the horizontal field of view — PTZ all round — and not hidden by the
   * store's DEM), nearest first. height: metres above the ground (default 1.5).
   */
  'cameras.seeing': {
    input: z
      .object({
        lon,
        lat,
        height: z.number().min(0).max(1000).default(1.5),
        includeOffline: z.boolean().default(false),
        includeHidden: z.boolean().default(false),
        maxResults: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
    output: z.object({
      point: z.object({ lon: z.number(), lat: z.number(), height: z.number() }),
      terrain: z.boolean(),
      searchRadiusM: z.number().nonnegative(),
      candidates: z.number().int().nonnegative(),
      cameras: z.array(cameraSightingSchema),
      skipped: z.array(z.object({ cameraId: z.string(), reason: z.string() })),
    }),
  },
  /** The area one camera covers as a GeoJSON Polygon (rays cut at the first terrain occlusion or at range). */
  'cameras.coverage': {
    input: z
      .object({
        /** The camera's external id, or its fid. */
        cameraId: z.union([z.string().min(1).max(64), z.number().int().positive()]),
      })
      .strict(),
    output: cameraCoverageSchema,
  },
  /** Online / offline / fault counts: totals, per department and per area (sub-district). */
  'cameras.health': { input: noInput, output: cameraHealthSchema },
} as const;
