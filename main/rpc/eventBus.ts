import { topics, type TopicName, type TopicPayload } from '../../preload/contract';

type Listener = (topic: TopicName, payload: unknown) => void;

/** Typed topic bus: payloads are validated against the contract before any window sees them. */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<T extends TopicName>(topic: T, payload: TopicPayload<T>): void {
    const checked = topics[topic].parse(payload);
    for (const l of [...this.listeners]) {
      try {
        l(topic, checked);
      } catch (err) {
        console.error(`[events] listener failed on ${topic}:`, err);
      }
    }
  }

  /** Receives every topic; returns the unsubscribe function. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
