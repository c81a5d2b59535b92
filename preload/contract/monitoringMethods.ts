import { z } from 'zod';

const noInput = z.object({}).strict();
const epochMs = z.number().int();
const streamIdSchema = z.string().min(1).max(200);
const stationIdSchema = z.string().min(1).max(64);

export const alarmStateSchema = z.enum(['active', 'acknowledged', 'snoozed', 'cleared']);
export const ruleKindSchema = z.enum(['level', 'rate_of_rise', 'accumulated_rain', 'silence']);

export const alarmSchema = z.object({
  id: z.number().int(),
  ruleId: z.string(),
  ruleKind: ruleKindSchema.nullable(),
  streamId: z.string(),
  stationId: z.string().nullable(),
  stationName: z.string().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  unit: z.string().nullable(),
  level: z.string(),
  severity: z.number().int().min(1).max(4),
  state: alarmStateSchema,
  raisedAt: epochMs,
  updatedAt: epochMs,
  value: z.number().nullable(),
  ackBy: z.string().nullable(),
  ackAt: epochMs.nullable(),
  snoozeUntil: epochMs.nullable(),
  snoozeReason: z.string().nullable(),
  clearedAt: epochMs.nullable(),
});
export type AlarmInfo = z.infer<typeof alarmSchema>;

export const alarmActionSchema = z.enum(['raise', 'escalate', 'deescalate', 'clear', 'acknowledge', 'snooze', 'unsnooze', 'reject']);

export const alarmLogEntrySchema = z.object({
  id: z.number().int(),
  at: epochMs,
  ts: epochMs.nullable(),
  alarmId: z.number().int().nullable(),
  ruleId: z.string().nullable(),
  streamId: z.string().nullable(),
  stationId: z.string().nullable(),
  action: alarmActionSchema,
  fromLevel: z.string().nullable(),
  toLevel: z.string().nullable(),
  value: z.number().nullable(),
  actor: z.string(),
  reason: z.string().nullable(),
});

export const stationLiveSchema = z.object({
  stationId: z.string(),
  fid: z.number().int(),
  name: z.string().nullable(),
  type: z.enum(['reservoir', 'river', 'rain']).nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  groundElev: z.number().nullable(),
  area: z.string().nullable(),
  element: z.string().nullable(),
  streamId: z.string().nullable(),
  unit: z.string().nullable(),
  value: z.number().nullable(),
  ts: epochMs.nullable(),
  ratePerHour: z.number().nullable(),
  trend: z.enum(['rising', 'falling', 'steady']).nullable(),
  lines: z.object({ floodLimit: z.number().nullable(), warning: z.number().nullable(), guarantee: z.number().nullable() }),
  rain: z.object({ h1: z.number(), h3: z.number(), h6: z.number(), h12: z.number(), h24: z.number() }).nullable(),
  level: z.string().nullable(),
  severity: z.number().int().min(0).max(4),
  openAlarms: z.number().int().nonnegative(),
  lastReport: epochMs.nullable(),
  demo: z.boolean(),
});
export type StationLiveInfo = z.infer<typeof stationLiveSchema>;

const ruleLevelSchema = z.object({
  name: z.string().min(1).max(20),
  severity: z.number().int().min(1).max(4),
  threshold: z.number().finite(),
  windowMinutes: z.number().int().positive().max(10_080).nullable().optional(),
});

export const ruleSchema = z.object({
  id: z.string(),
  streamId: z.string(),
  stationId: z.string().nullable(),
  kind: ruleKindSchema,
  direction: z.enum(['above', 'below']),
  levels: z.array(ruleLevelSchema),
  hysteresis: z.number().nonnegative(),
  windowMinutes: z.number().int().nullable(),
  enabled: z.boolean(),
  origin: z.string(),
  lastEvalTs: epochMs.nullable(),
});
export type RuleInfo = z.infer<typeof ruleSchema>;

export const ruleInputSchema = z
  .object({
    id: z.string().min(1).max(200).optional(),
    streamId: streamIdSchema,
    stationId: stationIdSchema.nullable().optional(),
    kind: ruleKindSchema,
    direction: z.enum(['above', 'below']).optional(),
    levels: z
      .array(ruleLevelSchema)
      .min(1)
      .max(6)
      .refine((ls) => ls.every((l, i) => i === 0 || l.severity >= ls[i - 1]!.severity), 'levels: order them from the mildest to the most severe'),
    hysteresis: z.number().nonnegative().max(1000).optional(),
    windowMinutes: z.number().int().positive().max(10_080).nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export const feedStatusSchema = z.object({
  sl651: z.object({
    enabled: z.boolean(),
    listening: z.boolean(),
    host: z.string().nullable(),
    port: z.number().int().nullable(),
    connections: z.number().int().nonnegative(),
    frames: z.number().int().nonnegative(),
    rejected: z.number().int().nonnegative(),
    lastFrameAt: epochMs.nullable(),
    error: z.string().nullable(),
  }),
  mqtt: z.object({
    enabled: z.boolean(),
    url: z.string().nullable(),
    connected: z.boolean(),
    messages: z.number().int().nonnegative(),
    rejected: z.number().int().nonnegative(),
    lastMessageAt: epochMs.nullable(),
    error: z.string().nullable(),
  }),
});
export type FeedStatus = z.infer<typeof feedStatusSchema>;

export const unregisteredStationSchema = z.object({
  stationAddr: z.string(),
  firstSeen: epochMs,
  lastSeen: epochMs,
  frames: z.number().int(),
  lastFunc: z.string().nullable(),
  lastFrameHex: z.string(),
});

export const monitoringMethods = {
  /** Every flood station with its live value, trend, lines, rainfall windows and alarm level. */
  'stations.live': { input: noInput, output: z.object({ at: epochMs, stations: z.array(stationLiveSchema) }) },
  /** One stream for a chart: downsampled (min/max buckets, extremes kept) to at most maxPoints. */
  'series.query': {
    input: z
      .object({
        streamId: streamIdSchema,
        from: epochMs,
        to: epochMs,
        maxPoints: z.number().int().min(2).max(10_000).default(1000),
      })
      .strict()
      .refine((v) => v.to >= v.from, 'to: must not be before from'),
    output: z.object({
      streamId: z.string(),
      unit: z.string().nullable(),
      source: z.string().nullable(),
      points: z.array(z.object({ ts: epochMs, value: z.number() })),
    }),
  },
  'alarms.list': {
    input: z.object({ open: z.boolean().default(true), limit: z.number().int().min(1).max(5000).default(500) }).strict(),
    output: z.object({
      alarms: z.array(alarmSchema),
      counts: z.record(z.string(), z.number().int()),
      /** The most severe open level per sub-district (from the station's props, else the sub-district layer), worst first. */
      areas: z.array(
        z.object({ area: z.string().nullable(), level: z.string(), severity: z.number().int(), stations: z.number().int().nonnegative() }),
      ),
    }),
  },
  'alarms.acknowledge': { input: z.object({ id: z.number().int().positive() }).strict(), output: alarmSchema },
  'alarms.snooze': {
    input: z
      .object({
        id: z.number().int().positive(),
        minutes: z.number().int().min(1).max(1440),
        reason: z.string().trim().min(2, 'reason: say why (at least 2 characters)').max(500),
      })
      .strict(),
    output: alarmSchema,
  },
  'alarms.log': {
    input: z.object({ alarmId: z.number().int().positive().optional(), limit: z.number().int().min(1).max(5000).default(200) }).strict(),
    output: z.object({ entries: z.array(alarmLogEntrySchema) }),
  },
  'rules.list': {
    input: z.object({ stationId: stationIdSchema.optional() }).strict(),
    output: z.object({ rules: z.array(ruleSchema) }),
  },
  'rules.upsert': { input: ruleInputSchema, output: ruleSchema },
  'monitoring.status': {
    input: noInput,
    output: z.object({
      feeds: feedStatusSchema,
      unregistered: z.array(unregisteredStationSchema),
      rejections: z.array(alarmLogEntrySchema),
    }),
  },
} as const;

export const monitoringTopics = {
  /** New observations stored (after the commit). */
  'observations.added': z.object({
    source: z.string(),
    streams: z.array(z.object({ streamId: z.string(), stationId: z.string().nullable(), ts: epochMs, value: z.number() })),
  }),
  /** A value screened out as impossible (never stored), with the reason. */
  'observations.rejected': z.object({
    streamId: z.string(),
    stationId: z.string().nullable(),
    ts: z.number().nullable(),
    value: z.number().nullable(),
    reason: z.string(),
  }),
  /** An alarm was raised, escalated, de-escalated, cleared, acknowledged, snoozed or un-snoozed. */
  'alarms.changed': z.object({ action: alarmActionSchema, fromLevel: z.string().nullable(), toLevel: z.string().nullable(), alarm: alarmSchema }),
  /** Feed receivers' state (listening, connected, counters). */
  'feeds.changed': feedStatusSchema,
} as const;
