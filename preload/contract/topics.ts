import { z } from 'zod';
import { layerIdSchema } from './methods';

/** Every pushed topic: 'domain.pastTense' → payload schema. */
export const topics = {
  'store.changed': z.object({
    layerIds: z.array(layerIdSchema),
    reason: z.string(),
    at: z.string(),
  }),
} as const;

export type Topics = typeof topics;
export type TopicName = keyof Topics;
export type TopicPayload<T extends TopicName> = z.output<Topics[T]>;

export function isTopicName(name: unknown): name is TopicName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(topics, name);
}
