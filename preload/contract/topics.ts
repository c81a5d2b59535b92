import { z } from 'zod';
import { layerIdSchema } from './methods';
import { monitoringTopics } from './monitoringMethods';
import { drillTopics } from './drillMethods';

/** Every pushed topic: 'domain.pastTense' → payload schema. */
export const topics = {
  'store.changed': z.object({
    layerIds: z.array(layerIdSchema),
    reason: z.string(),
    at: z.string(),
  }),
  /** Progress and outcome of an import started with import.start. */
  'import.progressed': z.object({
    jobId: z.string(),
    phase: z.enum(['reading', 'writing', 'done', 'failed', 'cancelled']),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    message: z.string().optional(),
    result: z
      .object({
        kind: z.enum(['features', 'timeseries']),
        layerId: z.string().optional(),
        count: z.number().int().nonnegative(),
        inserted: z.number().int().nonnegative(),
        updated: z.number().int().nonnegative(),
        warnings: z.array(z.string()),
      })
      .optional(),
  }),
  ...monitoringTopics,
  ...drillTopics,
} as const;

export type Topics = typeof topics;
export type TopicName = keyof Topics;
export type TopicPayload<T extends TopicName> = z.output<Topics[T]>;

export function isTopicName(name: unknown): name is TopicName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(topics, name);
}
