import type { DrillEvent, DrillEventKind } from '../../../preload/contract';
import type { DrillEventInput, EventRecorder } from './eventRecorder';

/**
 * Group commit for the recorder: what the feeds push (observations, alarm transitions) is queued and written in one
 * transaction per event-loop turn, like the receiver's own burst, instead of one commit per event. Anything recorded
 * directly (an inject delivered, a call's answer, a note) first writes what is queued, so the log keeps the order
 * things happened in; each event keeps the time it was queued at (or its own time, if earlier).
 */
export class RecordBuffer {
  private queue: DrillEventInput[] = [];
  private scheduled = false;

  constructor(
    readonly recorder: EventRecorder,
    private readonly now: () => number,
    /** Every event once written (the autoplayer reacts to them). */
    private readonly onEvents: (events: readonly DrillEvent[]) => void = () => {},
    private readonly schedule: (fn: () => void) => void = (fn) => void setImmediate(fn),
  ) {}

  /** Queues an event for the next flush (at the end of this event-loop turn). */
  enqueue(input: DrillEventInput): void {
    this.queue.push(input.at === undefined ? { ...input, at: Math.floor(this.now()) } : input);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      try {
        this.flush();
      } catch (err) {
        console.error('[record] flush failed:', err);
      }
    });
  }

  /** Writes what is queued, then this event; returns it. */
  append(kind: DrillEventKind, actor: string, entity: string | null, payload: Record<string, unknown> = {}, at?: number): DrillEvent {
    this.flush();
    const e = this.recorder.append(kind, actor, entity, payload, at);
    this.onEvents([e]);
    return e;
  }

  /** Writes the queue in one transaction. */
  flush(): readonly DrillEvent[] {
    this.scheduled = false;
    if (this.queue.length === 0) return [];
    const batch = this.queue;
    this.queue = [];
    const events = this.recorder.appendMany(batch);
    this.onEvents(events);
    return events;
  }

  get pending(): number {
    return this.queue.length;
  }
}
