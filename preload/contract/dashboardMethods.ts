import { z } from 'zod';

const epochMs = z.number().int();

export const dashboardSummarySchema = z.object({
  at: epochMs,
  alarms: z.object({ bySeverity: z.record(z.string(), z.number().int()), total: z.number().int(), unacknowledged: z.number().int(), lastChange: epochMs.nullable() }),
  incidents: z.object({ byStatus: z.record(z.string(), z.number().int()), open: z.number().int(), lastChange: epochMs.nullable() }),
  stations: z.object({
    total: z.number().int(),
    reporting: z.number().int(),
    lastReport: epochMs.nullable(),
    nearestWarning: z
      .object({ stationId: z.string(), name: z.string().nullable(), value: z.number(), warning: z.number(), margin: z.number(), unit: z.string().nullable(), ts: epochMs.nullable() })
      .nullable(),
  }),
  rain: z.object({
    max1h: z.number(),
    max24h: z.number(),
    mean24h: z.number(),
    gauges: z.number().int(),
    hourly: z.array(z.object({ ts: epochMs, mean: z.number(), max: z.number() })),
    lastReport: epochMs.nullable(),
  }),
  cameras: z.object({ total: z.number().int(), online: z.number().int(), onlinePct: z.number().nullable() }),
  drainage: z.object({ pipes: z.number().int(), errors: z.number().int(), warnings: z.number().int(), checkedAt: epochMs.nullable() }),
});
export type DashboardSummaryInfo = z.infer<typeof dashboardSummarySchema>;

export const dashboardMethods = {
  /** The wall's KPI tiles in one read (aggregates only, no personal data). */
  'dashboard.summary': { input: z.object({}).strict(), output: dashboardSummarySchema },
} as const;
