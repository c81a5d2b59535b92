import { z } from 'zod';

// Drainage network analysis (issue 5): trace, 纵断面 profile, topology check, CJJ 181-2012 condition.
// Merged into `methods` by the integrator; ids are the pipes'/nodes' external_id.

const localized = z.object({ zh: z.string(), en: z.string() });
const featureId = z.string().min(1).max(200);
const lonLat = z.tuple([z.number(), z.number()]);
const hostPath = z.string().min(1).max(4096).refine((p) => !p.includes('\0') && (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p)), 'an absolute path on the host');
const grade = z.enum(['I', 'II', 'III', 'IV']);
const areaClass = z.enum(['commercial', 'arterial', 'road', 'other']);
const soilClass = z.enum(['general', 'silty_sand', 'loess_iv', 'loess_iii', 'loess_i_ii', 'expansive_strong', 'expansive_medium', 'expansive_weak', 'silt', 'mucky', 'red_clay']);
const findingKind = z.enum(['disconnected_pipe', 'pipe_end_not_at_node', 'reverse_slope', 'diameter_decrease', 'invert_above_ground', 'duplicate_id', 'loop', 'missing_invert', 'isolated_node']);

export const traceResultSchema = z.object({
  start: z.object({ kind: z.enum(['node', 'pipe']), id: z.string() }),
  direction: z.enum(['down', 'up', 'connected']),
  nodeIds: z.array(z.string()),
  pipeIds: z.array(z.string()),
  pipeCount: z.number().int().nonnegative(),
  totalLengthM: z.number().nonnegative(),
  outfalls: z.array(z.string()),
  plants: z.array(z.string()),
  pumps: z.array(z.string()),
  storages: z.array(z.string()),
  stoppedAt: z.array(z.object({ kind: z.enum(['node', 'pipe']), id: z.string(), reason: z.string() })),
  warnings: z.array(
    z.object({
      kind: z.enum(['cycle', 'dangling', 'dead_end', 'undeclared_node', 'missing_invert', 'missing_length', 'ambiguous_id']),
      ids: z.array(z.string()),
      message: localized,
    }),
  ),
});

const nullableNumber = z.number().nullable();
export const profileResultSchema = z.object({
  method: z.enum(['downstream', 'undirected', 'pipes', 'main_line']),
  stations: z.array(
    z.object({
      nodeId: z.string(),
      nodeType: z.string().nullable(),
      chainageM: z.number(),
      groundElev: nullableNumber,
      invertElev: nullableNumber,
      position: lonLat.nullable(),
    }),
  ),
  segments: z.array(
    z.object({
      pipeId: z.string(),
      fromNode: z.string(),
      toNode: z.string(),
      reversed: z.boolean(),
      startChainageM: z.number(),
      endChainageM: z.number(),
      lengthM: nullableNumber,
      diameterMm: nullableNumber,
      startInvert: nullableNumber,
      endInvert: nullableNumber,
      startCrown: nullableNumber,
      endCrown: nullableNumber,
      slopePermille: nullableNumber,
    }),
  ),
  totalLengthM: z.number(),
  missing: z.array(z.object({ kind: z.enum(['node', 'pipe']), id: z.string(), field: z.string(), derivedFrom: z.string().nullable() })),
  warnings: z.array(localized),
});

export const topologyFindingSchema = z.object({
  kind: findingKind,
  severity: z.enum(['error', 'warning', 'info']),
  pipeId: z.string().nullable(),
  nodeId: z.string().nullable(),
  message: localized,
  location: lonLat.nullable(),
});

const conditionIndex = z.object({
  count: z.number().int().nonnegative(),
  mean: z.number(),
  max: z.number(),
  value: z.number(),
  grade,
  density: z.number(),
  densityClass: z.enum(['none', 'local', 'partial', 'overall']),
  gradeLabel: localized,
  densityLabel: localized,
});

export const pipeConditionSchema = z.object({
  pipeId: z.string(),
  lengthM: nullableNumber,
  diameterMm: nullableNumber,
  area: areaClass,
  soil: soilClass,
  defects: z.array(
    z.object({
      id: z.number().int(),
      distanceM: z.number(),
      code: z.string(),
      name: localized,
      defectClass: z.enum(['structural', 'functional']),
      grade: z.number().int().min(1).max(4),
      score: z.number(),
      lengthM: nullableNumber,
      media: z.string().nullable(),
      remarks: z.string().nullable(),
      inspectedAt: z.string().nullable(),
    }),
  ),
  structural: conditionIndex,
  functional: conditionIndex,
  repair: z.object({ RI: z.number(), K: z.number(), E: z.number(), T: z.number(), grade, label: localized }),
  maintenance: z.object({ MI: z.number(), K: z.number(), E: z.number(), grade, label: localized }),
  assumptions: z.array(localized),
});

export const worstPipeSchema = z.object({
  pipeId: z.string(),
  defectCount: z.number().int().nonnegative(),
  F: z.number(),
  structuralGrade: grade,
  RI: z.number(),
  repairGrade: grade,
  G: z.number(),
  functionalGrade: grade,
  MI: z.number(),
  maintenanceGrade: grade,
});

export const defectMediaReasons = ['no_media', 'not_local', 'video_frame', 'not_found', 'not_a_file', 'unreadable', 'too_large', 'not_an_image'] as const;

/** A defect's photo as a data URL (JPEG/PNG/WebP/GIF by magic bytes, at most 8 MB), or why there is none. */
export const defectMediaSchema = z
  .object({
    defectId: z.number().int().positive(),
    mime: z.enum(['image/jpeg', 'image/png', 'image/webp', 'image/gif']).nullable(),
    dataUrl: z.string().startsWith('data:image/').nullable(),
    bytes: z.number().int().nonnegative().nullable(),
    reason: z.enum(defectMediaReasons).nullable(),
    message: localized.nullable(),
  })
  .refine((m) => (m.dataUrl === null) === (m.reason !== null) && (m.dataUrl === null || m.dataUrl.startsWith(`data:${m.mime};base64,`)), 'either a photo (mime and dataUrl) or a reason');

export const drainageMethods = {
  'drainage.trace': {
    input: z
      .object({
        id: featureId,
        direction: z.enum(['down', 'up', 'connected']),
        stopAtPumps: z.boolean().default(false),
        startKind: z.enum(['node', 'pipe']).optional(),
      })
      .strict(),
    output: traceResultSchema,
  },
  'drainage.profile': {
    input: z.union([
      z.object({ from: featureId, to: featureId.optional() }).strict(),
      z.object({ pipeIds: z.array(featureId).min(1).max(10_000) }).strict(),
    ]),
    output: profileResultSchema,
  },
  'drainage.check': {
    input: z
      .object({
        kinds: z.array(findingKind).optional(),
        endToleranceM: z.number().positive().max(1000).optional(),
        csvPath: hostPath.optional(),
        gpkgPath: hostPath.optional(),
        overwrite: z.boolean().default(false),
      })
      .strict(),
    output: z.object({
      pipeCount: z.number().int().nonnegative(),
      nodeCount: z.number().int().nonnegative(),
      findings: z.array(topologyFindingSchema),
      counts: z.record(findingKind, z.number().int().nonnegative()),
      exported: z.object({ csv: z.string().optional(), gpkg: z.string().optional() }),
    }),
  },
  'drainage.condition': {
    input: z.object({ pipeId: featureId, area: areaClass.optional(), soil: soilClass.optional() }).strict(),
    output: pipeConditionSchema,
  },
  'drainage.worstPipes': {
    input: z.object({ limit: z.number().int().min(1).max(1000).default(50), by: z.enum(['RI', 'MI']).default('RI') }).strict(),
    output: z.object({ pipes: z.array(worstPipeSchema) }),
  },
  'drainage.neighbours': {
    input: z.object({ id: featureId, kind: z.enum(['node', 'pipe']).optional() }).strict(),
    output: z.object({
      kind: z.enum(['node', 'pipe']),
      id: z.string(),
      upNodes: z.array(z.string()),
      downNodes: z.array(z.string()),
      upPipes: z.array(z.string()),
      downPipes: z.array(z.string()),
    }),
  },
  'drainage.importDefects': {
    input: z.object({ path: hostPath }).strict(),
    output: z.object({ file: z.string(), rows: z.number().int().positive(), pipes: z.number().int().positive(), replaced: z.number().int().nonnegative() }),
  },
  /** The photo of one stored defect: the host reads only the media path recorded with that defect by its import. */
  'drainage.defectMedia': {
    input: z.object({ defectId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) }).strict(),
    output: defectMediaSchema,
  },
} as const;

export type DrainageMethods = typeof drainageMethods;
export type DrainageMethodName = keyof DrainageMethods;
