import { z } from 'zod';
import { incidentTypes, responseLevels } from './commandMethods';

/**
 * Drill scenario files (演练脚本): the exercise and its inject list (MSEL), as YAML, JSON or a CSV MSEL. This schema
 * checks the shape; the host then checks the scenario against the store (stations, elements, plans, checklist items,
 * cameras, inject order) before anything starts. Times are ISO 8601 durations from t0 (PT0M, PT1H30M, P1DT2H) or
 * `{ after: INJ-000, delay: PT5M }`.
 */

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds of an ISO 8601 duration with days, hours, minutes and seconds (no years/months: their length varies); null if malformed. */
export function parseIsoDuration(text: string): number | null {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return null;
  const [, d, h, min, s] = m;
  if (d === undefined && h === undefined && min === undefined && s === undefined) return null;
  return Math.round(((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(min ?? 0)) * 60_000 + Number(s ?? 0) * 1000);
}

/** An offset as T+hh:mm[:ss] (exercise time shown to people). */
export function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const a = Math.abs(Math.round(ms / 1000));
  const h = Math.floor(a / 3600);
  const m = Math.floor((a % 3600) / 60);
  const s = a % 60;
  return `T${sign}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}${s ? `:${String(s).padStart(2, '0')}` : ''}`;
}

export const isoDurationSchema = z.string().refine((s) => parseIsoDuration(s) !== null, { message: 'not an ISO 8601 duration such as PT5M, PT1H30M or P1DT2H (不是ISO 8601时长)' });
export const injectIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'inject id: letters, digits, _ . - (max 40), e.g. INJ-001');
export const exerciseIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'exercise id: lowercase letters, digits and - (2–64)');

export const injectAtSchema = z.union([isoDurationSchema, z.object({ after: injectIdSchema, delay: isoDurationSchema }).strict()]);
export type InjectAt = z.infer<typeof injectAtSchema>;

/** What players are expected to do after an inject; `within` counts from the inject's start (its `at`), in exercise time. */
export const expectedActionSchema = z.discriminatedUnion('action', [
  /** System check: the ingest path raised an alarm (should be immediate). */
  z.object({ action: z.literal('alarm.raised'), within: isoDurationSchema, station: z.string().optional() }).strict(),
  z.object({ action: z.literal('alarm.acknowledged'), within: isoDurationSchema }).strict(),
  z.object({ action: z.literal('incident.created'), within: isoDurationSchema }).strict(),
  z.object({ action: z.literal('plan.activated'), within: isoDurationSchema, plan: z.string().min(1).max(64), level: z.enum(responseLevels) }).strict(),
  z.object({ action: z.literal('checklist.done'), within: isoDurationSchema, item: z.string().min(1).max(64) }).strict(),
  /** 首报: the first report to the superior (logged with 已首报 on the drill bar). */
  z.object({ action: z.literal('report.sent'), within: isoDurationSchema }).strict(),
]);
export type ExpectedAction = z.infer<typeof expectedActionSchema>;
export const expectedActionNames = ['alarm.raised', 'alarm.acknowledged', 'incident.created', 'plan.activated', 'checklist.done', 'report.sent'] as const;

export const seriesPointSchema = z.object({ t: isoDurationSchema, value: z.number().finite() }).strict();

const injectBase = {
  id: injectIdSchema,
  at: injectAtSchema,
  synopsis: z.string().trim().min(1).max(500),
  /** MSEL only: never shown to players. */
  controllerNotes: z.string().max(2000).optional(),
  /** Who the inject comes from (a simulated person or unit, 模拟人员) and whom it is for. */
  from: z.string().max(100).optional(),
  to: z.string().max(100).optional(),
  objectives: z.array(z.string().min(1).max(40)).default([]),
  expected: z.array(expectedActionSchema).default([]),
  /** A contingency inject is not delivered on schedule: the controller delivers it if the expected actions do not happen. */
  contingency: z.boolean().default(false),
};

export const telemetryInjectSchema = z
  .object({
    ...injectBase,
    kind: z.literal('telemetry'),
    channel: z.enum(['sl651', 'mqtt']),
    /** The station's SL651 address (10 digits), as in the flood_stations layer. */
    station: z.string().regex(/^[0-9A-Fa-f]{10}$/, 'station: 10 hex/BCD digits (SL651 address)'),
    /** SL651 element id (PJ, PT, Z, ZU, …). */
    element: z.string().regex(/^[A-Z][A-Z0-9]{0,5}$/, 'element: an SL651 element id such as PJ, Z or ZU'),
    /** Values at offsets from the inject's start; one frame (or message) per point. */
    series: z.array(seriesPointSchema).min(1).max(5000),
  })
  .strict();

export const cameraStatusInjectSchema = z
  .object({
    ...injectBase,
    kind: z.literal('camera-status'),
    channel: z.literal('in-app').default('in-app'),
    camera: z.string().min(1).max(100),
    status: z.enum(['online', 'offline', 'fault']),
  })
  .strict();

export const fieldReportInjectSchema = z
  .object({
    ...injectBase,
    kind: z.literal('field-report'),
    channel: z.literal('in-app').default('in-app'),
    report: z
      .object({
        type: z.enum(incidentTypes),
        title: z.string().trim().min(1).max(200),
        description: z.string().max(4000).optional(),
        /** [lon, lat] */
        location: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
        address: z.string().max(300).optional(),
        severity: z.number().int().min(1).max(4).optional(),
        department: z.string().trim().min(1).max(60).default('区应急管理局'),
        callerName: z.string().max(50).optional(),
        callerPhone: z.string().regex(/^[0-9+\-() ]{5,30}$/).optional(),
      })
      .strict(),
  })
  .strict();

export const messageInjectSchema = z
  .object({
    ...injectBase,
    /** phone: a call the players receive (shown to them); manual-reminder: a prompt for the controller only. */
    kind: z.enum(['phone', 'manual-reminder']),
    channel: z.literal('in-app').default('in-app'),
    message: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();

export const injectSchema = z.discriminatedUnion('kind', [telemetryInjectSchema, cameraStatusInjectSchema, fieldReportInjectSchema, messageInjectSchema]);
export type DrillInject = z.infer<typeof injectSchema>;
export const injectKinds = ['telemetry', 'camera-status', 'field-report', 'phone', 'manual-reminder'] as const;
export type InjectKind = (typeof injectKinds)[number];

export const objectiveSchema = z.union([
  z.string().min(1).max(500),
  z.object({ id: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/), text: z.string().min(1).max(500), capability: z.string().max(100).optional() }).strict(),
]);

export const exerciseSchema = z
  .object({
    id: exerciseIdSchema,
    name: z.string().trim().min(1).max(200),
    form: z.enum(['实战', '桌面']),
    scope: z.enum(['单项', '综合']),
    purpose: z.enum(['检验', '示范', '研究']).default('检验'),
    hazard: z.enum(['rainstorm', 'flood', 'waterlogging', 'pipe-burst', 'hazmat', 'other']),
    /** Scenario time zero, ISO 8601 with its offset (2026-07-15T08:00:00+08:00). */
    t0: z.iso.datetime({ offset: true, message: 't0: an ISO 8601 date-time with offset, e.g. 2026-07-15T08:00:00+08:00' }),
    /** When the exercise ends (EndEx), from t0; default: one hour after the last scheduled point. */
    duration: isoDurationSchema.optional(),
    description: z.string().max(4000).optional(),
    organizer: z.string().max(200).optional(),
    /** 演示: demo scenario, shown as such. */
    demo: z.boolean().default(false),
    objectives: z.array(objectiveSchema).min(1),
    plans: z.array(z.object({ plan: z.string().min(1).max(64), expectedLevel: z.enum(responseLevels) }).strict()).default([]),
  })
  .strict();
export type ExerciseInfo = z.infer<typeof exerciseSchema>;

export const drillScenarioSchema = z
  .object({
    exercise: exerciseSchema,
    injects: z.array(injectSchema).min(1).max(20_000),
  })
  .strict();
export type DrillScenario = z.infer<typeof drillScenarioSchema>;
export type DrillScenarioInput = z.input<typeof drillScenarioSchema>;

/** One error of a scenario: which inject (or none for the exercise block), which field, what is wrong (zh / en). */
export const scenarioErrorSchema = z.object({
  injectId: z.string().nullable(),
  /** Path inside the scenario, e.g. injects[3].series[2].value, or a CSV row/column: row 5, column at. */
  field: z.string(),
  message: z.string(),
  /** CSV MSEL: the 1-based row (header = 1); YAML/JSON: the 1-based line when known. */
  line: z.number().int().positive().optional(),
});
export type ScenarioError = z.infer<typeof scenarioErrorSchema>;

export const scenarioFormatSchema = z.enum(['yaml', 'json', 'csv']);
export type ScenarioFormat = z.infer<typeof scenarioFormatSchema>;
