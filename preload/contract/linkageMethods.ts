import { z } from 'zod';

const part = <T extends z.ZodTypeAny>(data: T) =>
  z.discriminatedUnion('available', [z.object({ available: z.literal(true), data }), z.object({ available: z.literal(false), reason: z.string() })]);

export const linkageResultSchema = z.object({
  point: z.object({ lon: z.number(), lat: z.number() }),
  radiusM: z.number(),
  cameras: part(
    z.array(z.object({ cameraId: z.string(), name: z.string().nullable(), status: z.string().nullable(), distanceM: z.number(), bearing: z.number(), streamUrl: z.string().nullable() })),
  ),
  drainage: part(
    z.object({
      node: z.object({ id: z.string(), nodeType: z.string().nullable(), distanceM: z.number(), lon: z.number(), lat: z.number() }),
      downstream: z.object({ pipeCount: z.number().int(), totalLengthM: z.number(), outfalls: z.array(z.string()), plants: z.array(z.string()), pipeIds: z.array(z.string()) }),
      upstream: z.object({ pipeCount: z.number().int(), totalLengthM: z.number(), pipeIds: z.array(z.string()) }),
      warnings: z.array(z.string()),
    }),
  ),
  stations: part(
    z.array(
      z.object({
        stationId: z.string(),
        name: z.string().nullable(),
        type: z.string().nullable(),
        distanceM: z.number(),
        value: z.number().nullable(),
        unit: z.string().nullable(),
        level: z.string().nullable(),
        severity: z.number().int(),
        streamId: z.string().nullable(),
      }),
    ),
  ),
  facilities: part(
    z.object({
      counts: z.record(z.string(), z.number().int()),
      items: z.array(z.object({ id: z.string(), name: z.string().nullable(), category: z.string().nullable(), distanceM: z.number(), lon: z.number(), lat: z.number(), capacity: z.number().nullable() })),
    }),
  ),
});
export type LinkageResultInfo = z.infer<typeof linkageResultSchema>;

export const linkageMethods = {
  /** Cross-domain linkage of one place: cameras that see it, drainage trace from the nearest manhole, stations, facilities. */
  'linkage.analyze': {
    input: z
      .object({
        lon: z.number().min(-180).max(180),
        lat: z.number().min(-90).max(90),
        radiusM: z.number().min(50).max(20_000).default(1000),
      })
      .strict(),
    output: linkageResultSchema,
  },
} as const;
