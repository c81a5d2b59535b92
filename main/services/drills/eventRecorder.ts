import type Database from 'better-sqlite3';
import type { DrillEvent, DrillEventKind, ReplayState } from '../../../preload/contract';
import { drillEventKinds } from '../../../preload/contract/drillMethods';
import { canonicalJson } from '../audit/canonicalJson';
import { GENESIS_HASH, recordHashOfText } from './recordHash';
import { ReplayBuilder, replayKinds } from './replayReducer';
import { applyRecordedEvents, parseSnapshot } from './replaySeek';

/**
 * The drill's event recorder (演练记录): an append-only, hash-chained log in rec_events (migration 10), like the audit
 * log. Each event is chained to the previous one (see recordHash) and rec_head follows the last one. The recorder
 * keeps the replay picture in memory (replayReducer) and writes it to rec_snapshots every `snapshotEveryMs` of
 * exercise time or every `snapshotEveryEvents` events, so a replay seeks without applying the whole log.
 *
 * `append` runs in its own transaction, or in a savepoint of the caller's (an event and the change it records land
 * together). If the caller's transaction rolls back, the next append or `state()` sees that the log's last event is not
 * the one it remembers and reloads the picture from the store.
 */

export interface EventRecorderOptions {
  /** Exercise time (scenario epoch ms); fractions are dropped, and an event is never earlier than the one before. */
  now: () => number;
  /** Wall time (epoch ms); default Date.now. */
  wallNow?: () => number;
  /** Exercise ms between snapshots (default 5 min). */
  snapshotEveryMs?: number;
  /** Events between snapshots (default 2000). */
  snapshotEveryEvents?: number;
  /** The run id in the pictures (default: cityops_meta drill.run_id). */
  runId?: string;
}

export interface DrillEventInput {
  kind: DrillEventKind;
  actor: string;
  entity: string | null;
  payload: Record<string, unknown>;
  /** When it happened (exercise time), if earlier than now: e.g. an alarm's transition time. Never before the last event. */
  at?: number;
}

const knownKinds: ReadonlySet<string> = new Set(drillEventKinds);
const pictureKinds: ReadonlySet<string> = new Set(replayKinds);

export class EventRecorder {
  readonly runId: string;
  private readonly wallNow: () => number;
  private readonly everyMs: number;
  private readonly everyEvents: number;
  private readonly q: {
    last: Database.Statement<[], { seq: number; at: number; hash: string }>;
    first: Database.Statement<[], { at: number }>;
    insert: Database.Statement<[number, number, number, string, string, string | null, string, string, string]>;
    head: Database.Statement<[number, string]>;
    snapshot: Database.Statement<[number, number, string]>;
    lastSnapshot: Database.Statement<[number], { seq: number; at: number; state: string }>;
  };
  private readonly tx: (inputs: readonly DrillEventInput[]) => DrillEvent[];
  private seq = 0;
  private hash = GENESIS_HASH;
  private lastAt = Number.NEGATIVE_INFINITY;
  private builder = new ReplayBuilder();
  private snapSeq = 0;
  /** Exercise time the snapshot clock counts from: the last snapshot, or the first event (null: no event yet). */
  private snapAt: number | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly options: EventRecorderOptions,
  ) {
    this.wallNow = options.wallNow ?? Date.now;
    this.everyMs = options.snapshotEveryMs ?? 5 * 60_000;
    this.everyEvents = options.snapshotEveryEvents ?? 2000;
    if (!(this.everyMs > 0) || !(this.everyEvents >= 1)) throw new RangeError('EventRecorder: snapshotEveryMs and snapshotEveryEvents must be positive');
    this.runId = options.runId ?? (db.prepare(`SELECT value FROM cityops_meta WHERE key = 'drill.run_id'`).get() as { value: string } | undefined)?.value ?? '';
    this.q = {
      last: db.prepare(`SELECT seq, at, hash FROM rec_events ORDER BY seq DESC LIMIT 1`),
      first: db.prepare(`SELECT at FROM rec_events ORDER BY seq LIMIT 1`),
      insert: db.prepare(`INSERT INTO rec_events (seq, at, wall_at, kind, actor, entity, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      head: db.prepare(`INSERT INTO rec_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`),
      snapshot: db.prepare(`INSERT INTO rec_snapshots (seq, at, state) VALUES (?, ?, ?)`),
      lastSnapshot: db.prepare(`SELECT seq, at, state FROM rec_snapshots WHERE seq <= ? ORDER BY seq DESC LIMIT 1`),
    };
    this.tx = db.transaction((inputs: readonly DrillEventInput[]) => {
      this.sync();
      try {
        return inputs.map((i) => this.appendOne(i));
      } catch (err) {
        this.seq = -1; // the savepoint rolls back: reload on next use
        throw err;
      }
    });
    this.reload();
  }

  /** Records one event; returns it (its payload is the object given). */
  append(kind: DrillEventKind, actor: string, entity: string | null, payload: Record<string, unknown> = {}, at?: number): DrillEvent {
    return this.tx([{ kind, actor, entity, payload, ...(at !== undefined ? { at } : {}) }])[0]!;
  }

  /** Records a burst of events in one transaction. */
  appendMany(events: readonly DrillEventInput[]): DrillEvent[] {
    return events.length === 0 ? [] : this.tx(events);
  }

  /** The last event's seq and hash (null: nothing recorded). */
  head(): { seq: number; hash: string } | null {
    this.sync();
    return this.seq > 0 ? { seq: this.seq, hash: this.hash } : null;
  }

  /** The replay picture after the last event. */
  state(): ReplayState {
    this.sync();
    return this.builder.state(this.runId, this.seq > 0 ? this.lastAt : 0);
  }

  private appendOne({ kind, actor, entity, payload, at: happened }: DrillEventInput): DrillEvent {
    if (!knownKinds.has(kind)) throw new TypeError(`EventRecorder: unknown event kind '${String(kind)}'`);
    if (typeof actor !== 'string' || actor === '') throw new TypeError('EventRecorder: actor is required');
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new TypeError(`EventRecorder: the payload of a ${kind} event must be an object`);
    const seq = this.seq + 1;
    const now = Math.floor(this.options.now());
    const at = Math.max(happened === undefined ? now : Math.min(Math.floor(happened), now), this.lastAt);
    const wallAt = Math.floor(this.wallNow());
    const payloadJson = canonicalJson(payload);
    const prevHash = this.hash;
    const hash = recordHashOfText(prevHash, { seq, at, wallAt, kind, actor, entity }, payloadJson);
    this.q.insert.run(seq, at, wallAt, kind, actor, entity, payloadJson, prevHash, hash);
    this.q.head.run(seq, hash);
    this.seq = seq;
    this.hash = hash;
    this.lastAt = at;
    // the picture gets the payload as stored (a copy: later changes to the caller's object do not move it)
    this.builder.apply({ seq, at, kind, payload: pictureKinds.has(kind) ? (JSON.parse(payloadJson) as Record<string, unknown>) : payload });
    this.snapAt ??= at;
    if (seq - this.snapSeq >= this.everyEvents || at - this.snapAt >= this.everyMs) {
      this.q.snapshot.run(seq, at, JSON.stringify(this.builder.snapshot()));
      this.snapSeq = seq;
      this.snapAt = at;
    }
    return { seq, at, wallAt, kind, actor, entity, payload, hash };
  }

  /** Reloads when the log's last event is not the one this recorder wrote last (a rolled-back transaction). */
  private sync(): void {
    const last = this.q.last.get();
    if ((last?.seq ?? 0) !== this.seq || (last?.hash ?? GENESIS_HASH) !== this.hash) this.reload();
  }

  /** The picture from the last snapshot and the events after it. */
  private reload(): void {
    const last = this.q.last.get();
    this.seq = last?.seq ?? 0;
    this.hash = last?.hash ?? GENESIS_HASH;
    this.lastAt = last?.at ?? Number.NEGATIVE_INFINITY;
    const snap = this.q.lastSnapshot.get(this.seq);
    this.builder = snap ? ReplayBuilder.from(parseSnapshot(snap.seq, snap.state)) : new ReplayBuilder();
    this.builder.seq = snap?.seq ?? 0;
    applyRecordedEvents(this.db, this.builder, this.builder.seq, this.seq);
    this.builder.seq = this.seq;
    this.snapSeq = snap?.seq ?? 0;
    this.snapAt = snap?.at ?? this.q.first.get()?.at ?? null;
  }
}

interface EventRow {
  seq: number;
  at: number;
  wall_at: number;
  kind: DrillEventKind;
  actor: string;
  entity: string | null;
  payload: string;
  hash: string;
}

const columns = `seq, at, wall_at, kind, actor, entity, payload, hash`;
const listCache = new WeakMap<Database.Database, Record<'all' | 'kinds' | 'count' | 'countKinds', Database.Statement>>();

/**
 * Recorded events after `afterSeq` (oldest first, at most `limit`, default 5000), optionally of some kinds only;
 * `total` counts every event of those kinds in the log.
 */
export function listEvents(db: Database.Database, options: { afterSeq?: number; limit?: number; kinds?: readonly DrillEventKind[] } = {}): { events: DrillEvent[]; total: number } {
  let q = listCache.get(db);
  if (!q) {
    q = {
      all: db.prepare(`SELECT ${columns} FROM rec_events WHERE seq > ? ORDER BY seq LIMIT ?`),
      kinds: db.prepare(`SELECT ${columns} FROM rec_events WHERE seq > ? AND kind IN (SELECT value FROM json_each(?)) ORDER BY seq LIMIT ?`),
      count: db.prepare(`SELECT count(*) AS n FROM rec_events`),
      countKinds: db.prepare(`SELECT count(*) AS n FROM rec_events WHERE kind IN (SELECT value FROM json_each(?))`),
    };
    listCache.set(db, q);
  }
  const afterSeq = options.afterSeq ?? 0;
  const limit = options.limit ?? 5000;
  const kinds = options.kinds === undefined ? null : JSON.stringify([...new Set(options.kinds)]);
  const rows = (kinds === null ? q.all.all(afterSeq, limit) : q.kinds.all(afterSeq, kinds, limit)) as EventRow[];
  const total = ((kinds === null ? q.count.get() : q.countKinds.get(kinds)) as { n: number }).n;
  const events = rows.map((r) => ({ seq: r.seq, at: r.at, wallAt: r.wall_at, kind: r.kind, actor: r.actor, entity: r.entity, payload: JSON.parse(r.payload) as Record<string, unknown>, hash: r.hash }));
  return { events, total };
}
