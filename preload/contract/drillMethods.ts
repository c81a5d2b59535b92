import { z } from 'zod';
import { alarmSchema } from './monitoringMethods';
import { incidentSummarySchema, responseLevels } from './commandMethods';
import { exerciseIdSchema, injectIdSchema, injectKinds, injectSchema, scenarioErrorSchema, scenarioFormatSchema } from './drillScenario';

/**
 * Drills (应急演练) and after-action review (复盘). A drill runs against its own store (a copy of the live store's
 * reference data); while it runs every window shows it, with the red 演练 EXERCISE banner. Times: epoch ms (UTC);
 * `at`/`t` in exercise time are scenario epoch ms (t0 + elapsed exercise time, pauses excluded).
 */

const noInput = z.object({}).strict();
const epochMs = z.number().int();
/** A drill run, or 'live': the live store's own record (what happened last night), replayable the same way. */
export const runIdSchema = z.union([z.literal('live'), z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}-\d{8}t\d{6}z$/, 'run id: <exercise id>-<yyyymmddThhmmssZ>, or live')]);
export const LIVE_RECORD = 'live' as const;

export const drillStatusSchema = z.enum(['running', 'paused', 'ended', 'terminated', 'interrupted']);
export type DrillStatus = z.infer<typeof drillStatusSchema>;

/** The clock and progress of the running drill, as every window sees it (no controller notes). */
export const drillRunStateSchema = z.object({
  runId: runIdSchema,
  exerciseId: exerciseIdSchema,
  name: z.string(),
  demo: z.boolean(),
  form: z.string(),
  scope: z.string(),
  hazard: z.string(),
  status: drillStatusSchema,
  /** Scenario time zero (epoch ms). */
  t0: epochMs,
  speed: z.number().min(1).max(600),
  /** Exercise time when this state was taken, and the wall time it was taken at: a window ticks its clock from these. */
  exerciseNow: epochMs,
  wallAt: epochMs,
  startedAt: epochMs,
  endedAt: epochMs.nullable(),
  /** Total paused wall time so far (ms). */
  pausedMs: z.number().int().nonnegative(),
  /** Exercise time the scenario ends (EndEx). */
  endAt: epochMs,
  nextInjectAt: epochMs.nullable(),
  delivered: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** The drill's own SL651 receiver (127.0.0.1), null if it could not listen. */
  sl651Port: z.number().int().nullable(),
});
export type DrillRunState = z.infer<typeof drillRunStateSchema>;

export const drillStateSchema = z.object({
  mode: z.enum(['live', 'drill']),
  run: drillRunStateSchema.nullable(),
  /**
   * The real world during a drill: live feeds keep writing the live store (never the drill); the banner shows its
   * open alarms so a real emergency is not missed.
   */
  live: z.object({ openAlarms: z.number().int().nonnegative(), worstSeverity: z.number().int().min(0).max(4), lastRaisedAt: epochMs.nullable() }),
  /** The last drill that ended, for the banner's "returned to live" notice. */
  lastEnded: z.object({ runId: runIdSchema, status: drillStatusSchema, at: epochMs, reason: z.string().nullable() }).nullable(),
});
export type DrillState = z.infer<typeof drillStateSchema>;

export const injectStatusSchema = z.enum(['pending', 'delivering', 'delivered', 'skipped']);

/** An inject as the control console (导调台) sees it. */
export const consoleInjectSchema = z.object({
  id: injectIdSchema,
  kind: z.enum(injectKinds),
  channel: z.string(),
  synopsis: z.string(),
  controllerNotes: z.string().nullable(),
  /** Planned exercise time (after shifts), and its offset from t0. */
  dueAt: epochMs.nullable(),
  offsetMs: z.number().int().nullable(),
  status: injectStatusSchema,
  contingency: z.boolean(),
  adHoc: z.boolean(),
  /** Telemetry: points sent / total. */
  points: z.number().int().nonnegative(),
  pointsSent: z.number().int().nonnegative(),
  deliveredAt: epochMs.nullable(),
  /** Exercise ms between planned and actual delivery of the first point. */
  driftMs: z.number().int().nullable(),
  station: z.string().nullable(),
  element: z.string().nullable(),
});
export type ConsoleInject = z.infer<typeof consoleInjectSchema>;

export const drillEventKinds = [
  'drill.started',
  'drill.paused',
  'drill.resumed',
  'drill.speed',
  'drill.jumped',
  'drill.ended',
  'drill.terminated',
  'inject.delivered',
  'inject.skipped',
  'inject.shifted',
  'inject.added',
  'observation',
  'observation.rejected',
  'alarm',
  'incident',
  'plan',
  'checklist',
  'report.sent',
  'message',
  'view',
  'layer',
  'camera.opened',
  'camera.status',
  'note',
  'bookmark',
  'action.refused',
] as const;
export type DrillEventKind = (typeof drillEventKinds)[number];

/**
 * One record of the append-only, hash-chained event log. `payload` by kind:
 *  observation    { streamId, stationId, ts, value, source }
 *  alarm          { action, fromLevel, toLevel, alarm: AlarmInfo }
 *  incident       { action: 'created'|'transition'|'note'|'task', incident: IncidentSummary, to?, text? }
 *  plan           { action: 'activated'|'level', activationId, incidentId, planId, level, fromLevel? }
 *  checklist      { activationId, planId, itemId, done }
 *  inject.*       { injectId, kind, synopsis, plannedAt?, driftMs?, point?, of?, byMs? }
 *  drill.*        { speed?, reason?, fromAt?, toAt? }
 *  note           { text, rating: P|S|M|U|null, injectId: string|null, objectiveId: string|null }
 *  view           { lon, lat, height, heading, pitch } · layer { layerId, visible } · camera.opened { cameraId }
 */
export const drillEventSchema = z.object({
  seq: z.number().int().positive(),
  /** Exercise time (scenario epoch ms) and wall time (epoch ms). */
  at: epochMs,
  wallAt: epochMs,
  kind: z.enum(drillEventKinds),
  /** Who caused it: a username, 'system', 'controller:<name>', 'sim:<persona>'. */
  actor: z.string(),
  /** The entity it concerns, e.g. alarm:12, incident:3, inject:INJ-001, stream:sl651:0061300004:PJ. */
  entity: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type DrillEvent = z.infer<typeof drillEventSchema>;

export const drillRunSummarySchema = z.object({
  runId: runIdSchema,
  exerciseId: exerciseIdSchema,
  name: z.string(),
  demo: z.boolean(),
  status: drillStatusSchema,
  t0: epochMs,
  startedAt: epochMs,
  endedAt: epochMs.nullable(),
  events: z.number().int().nonnegative(),
  /** The drill store file on the host. */
  path: z.string(),
});
export type DrillRunSummary = z.infer<typeof drillRunSummarySchema>;

/** The picture at one moment of a recorded drill: what every replay pane shows. */
export const replayStateSchema = z.object({
  runId: runIdSchema,
  at: epochMs,
  /** The last event applied (0: none yet). */
  seq: z.number().int().nonnegative(),
  stations: z.array(z.object({ stationId: z.string().nullable(), streamId: z.string(), ts: epochMs, value: z.number() })),
  /** Alarms as they stood at `at` (cleared ones included until their clear). */
  alarms: z.array(alarmSchema),
  incidents: z.array(incidentSummarySchema),
  activations: z.array(z.object({ activationId: z.number().int(), incidentId: z.number().int(), planId: z.string(), level: z.enum(responseLevels), done: z.array(z.string()) })),
  /** The last recorded map view at or before `at`. */
  view: z.object({ lon: z.number(), lat: z.number(), height: z.number(), heading: z.number(), pitch: z.number() }).nullable(),
});
export type ReplayState = z.infer<typeof replayStateSchema>;

export const metricSchema = z.object({
  id: z.string(),
  label: z.object({ zh: z.string(), en: z.string() }),
  /** The inject the expectation belongs to (null for whole-drill metrics). */
  injectId: z.string().nullable(),
  /** Exercise ms from the start event to the end event; null = not done. */
  valueMs: z.number().int().nullable(),
  /** The deadline from the scenario (ms), null if none. */
  limitMs: z.number().int().nullable(),
  met: z.boolean().nullable(),
  /** Exercise time of the start and end events, and the end event's seq (its replay moment). */
  startAt: epochMs.nullable(),
  endAt: epochMs.nullable(),
  seq: z.number().int().nullable(),
  detail: z.string().nullable(),
});
export type DrillMetric = z.infer<typeof metricSchema>;

export const observationRatingSchema = z.enum(['P', 'S', 'M', 'U']);

export const drillEvaluationSchema = z.object({
  runId: runIdSchema,
  status: drillStatusSchema,
  metrics: z.array(metricSchema),
  /** Expected actions not done (or done after their deadline: see met=false). */
  missed: z.array(z.object({ injectId: z.string(), action: z.string(), detail: z.string() })),
  control: z.object({
    injectsDelivered: z.number().int().nonnegative(),
    injectsSkipped: z.number().int().nonnegative(),
    adHocInjects: z.number().int().nonnegative(),
    /** Planned vs actual delivery in exercise ms: the worst and the mean. */
    maxDriftMs: z.number().int(),
    meanDriftMs: z.number(),
    totalPauseMs: z.number().int().nonnegative(),
    exerciseDurationMs: z.number().int().nonnegative(),
    wallDurationMs: z.number().int().nonnegative(),
  }),
  objectives: z.array(z.object({ id: z.string(), text: z.string(), rating: observationRatingSchema.nullable(), metricsMet: z.number().int(), metricsTotal: z.number().int() })),
  observations: z.array(
    z.object({ seq: z.number().int(), at: epochMs, evaluator: z.string(), text: z.string(), rating: observationRatingSchema.nullable(), injectId: z.string().nullable(), objectiveId: z.string().nullable() }),
  ),
});
export type DrillEvaluation = z.infer<typeof drillEvaluationSchema>;

const scenarioSource = z.discriminatedUnion('source', [
  z.object({ source: z.literal('demo'), id: z.string().regex(/^[a-z0-9-]{2,64}$/) }).strict(),
  z.object({ source: z.literal('text'), text: z.string().min(1).max(2_000_000), format: scenarioFormatSchema, fileName: z.string().max(300).optional() }).strict(),
]);

const validationOutput = z.object({
  ok: z.boolean(),
  errors: z.array(scenarioErrorSchema),
  summary: z
    .object({ exerciseId: z.string(), name: z.string(), injects: z.number().int(), points: z.number().int(), durationMs: z.number().int(), stations: z.number().int() })
    .nullable(),
});

const hostPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0') && (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p)), 'path: an absolute path on the host');

export const drillMethods = {
  /** The demo scenarios shipped with CityOps (演示). */
  'drill.scenarios': { input: noInput, output: z.object({ scenarios: z.array(z.object({ id: z.string(), name: z.string(), hazard: z.string(), injects: z.number().int(), demo: z.boolean() })) }) },
  'drill.validate': { input: scenarioSource, output: validationOutput },
  'drill.state': { input: noInput, output: drillStateSchema },
  /** Starts a drill (refused while one runs, or if the scenario has any error). */
  'drill.start': { input: z.object({ scenario: scenarioSource, speed: z.number().min(1).max(60).default(1) }).strict(), output: drillStateSchema },
  /** The exercise clock: pause, resume, speed ×1–×60, jump to the next inject, end (EndEx), real-world emergency stop (意外终止). */
  'drill.control': {
    input: z
      .object({ action: z.enum(['pause', 'resume', 'speed', 'next', 'end', 'emergencyStop']), speed: z.number().min(1).max(60).optional(), reason: z.string().trim().max(500).optional() })
      .strict()
      .refine((i) => i.action !== 'speed' || i.speed !== undefined, { message: 'speed: required with action speed', path: ['speed'] }),
    output: drillStateSchema,
  },
  /** The control console's inject list, with controller notes. */
  'drill.injects': { input: noInput, output: z.object({ injects: z.array(consoleInjectSchema) }) },
  'drill.injectAction': { input: z.object({ injectId: injectIdSchema, action: z.enum(['deliver', 'skip']) }).strict(), output: z.object({ inject: consoleInjectSchema }) },
  /** Moves every pending inject from `fromInjectId` on (in planned order) by `byMinutes`, keeping their spacing. */
  'drill.shift': { input: z.object({ fromInjectId: injectIdSchema, byMinutes: z.number().int().min(-1440).max(1440).refine((v) => v !== 0, 'byMinutes: not 0') }).strict(), output: z.object({ shifted: z.number().int() }) },
  /** An ad-hoc inject, logged like a scripted one; `at` is from now (PT0M = at once). */
  'drill.addInject': { input: z.object({ inject: injectSchema }).strict(), output: z.object({ inject: consoleInjectSchema }) },
  /** Evaluator observation (评估记录) tied to an inject and the current exercise time. */
  'drill.note': {
    input: z.object({ text: z.string().trim().min(1).max(4000), rating: observationRatingSchema.optional(), injectId: injectIdSchema.optional(), objectiveId: z.string().max(40).optional() }).strict(),
    output: z.object({ seq: z.number().int() }),
  },
  /** Players log what has no method of its own: 首报 (first report upward) to the superior. */
  'drill.logAction': { input: z.object({ kind: z.literal('report.sent'), text: z.string().trim().min(1).max(2000) }).strict(), output: z.object({ seq: z.number().int() }) },
  /** What a window shows during a drill (map view, layer toggles, camera opened): recorded, for the replay. */
  'drill.recordView': {
    input: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('view'), lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90), height: z.number(), heading: z.number(), pitch: z.number() }).strict(),
      z.object({ kind: z.literal('layer'), layerId: z.string().max(64), visible: z.boolean() }).strict(),
      z.object({ kind: z.literal('camera.opened'), cameraId: z.string().max(100) }).strict(),
      z.object({ kind: z.literal('bookmark'), label: z.string().trim().min(1).max(200) }).strict(),
    ]),
    output: z.object({ recorded: z.boolean() }),
  },
  'drill.list': { input: noInput, output: z.object({ runs: z.array(drillRunSummarySchema) }) },
  'drill.events': {
    input: z.object({ runId: runIdSchema, afterSeq: z.number().int().nonnegative().default(0), limit: z.number().int().min(1).max(20_000).default(5000), kinds: z.array(z.enum(drillEventKinds)).optional() }).strict(),
    output: z.object({ events: z.array(drillEventSchema), total: z.number().int().nonnegative() }),
  },
  'drill.replayState': { input: z.object({ runId: runIdSchema, at: epochMs }).strict(), output: replayStateSchema },
  /** A stream's recorded points in a drill (the station chart of the replay). */
  'drill.replaySeries': {
    input: z.object({ runId: runIdSchema, streamId: z.string().min(1).max(200) }).strict(),
    output: z.object({ points: z.array(z.object({ ts: epochMs, value: z.number() })), unit: z.string().nullable(), name: z.string().nullable() }),
  },
  'drill.evaluation': { input: z.object({ runId: runIdSchema }).strict(), output: drillEvaluationSchema },
  /** Writes the 演练评估报告 / 总结报告 (AAR/IP): PDF, or HTML to edit (opens in WPS/Word). */
  'drill.exportReport': {
    input: z.object({ runId: runIdSchema, format: z.enum(['pdf', 'html']), path: hostPath, overwrite: z.boolean().default(false) }).strict(),
    output: z.object({ path: z.string(), bytes: z.number().int().nonnegative() }),
  },
} as const;

export const drillTopics = {
  /** The drill started, paused, changed speed, ended or was stopped: every window follows (banner, live ↔ drill). */
  'drill.changed': drillStateSchema,
  /** An inject reached the players (no controller notes): a phone call, a field report, a camera status. */
  'drill.injected': z.object({ runId: runIdSchema, injectId: z.string(), kind: z.enum(injectKinds), synopsis: z.string(), message: z.string().nullable(), at: epochMs }),
  /** The console's list changed (delivered, skipped, shifted, added). */
  'drill.injectsChanged': z.object({ runId: runIdSchema }),
} as const;
