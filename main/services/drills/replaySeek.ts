import type Database from 'better-sqlite3';
import type { ReplayState } from '../../../preload/contract';
import { ReplayBuilder, replayKinds, viewOf, type ReplaySnapshot } from './replayReducer';

/**
 * Seeking in a recorded drill (复盘定位): the picture at exercise time `at` is the latest snapshot at or before it,
 * then the events after that snapshot up to `at`, applied in seq order. Every query is an index seek or a rowid
 * range (rec_events_at, rec_snapshots_at, the seq primary key); only the kinds that change the picture are read, and
 * of the view events only the last one is parsed.
 */

interface Statements {
  lastSeqAt: Database.Statement<[number], { seq: number }>;
  snapshotAt: Database.Statement<[number, number], { seq: number; state: string }>;
  range: Database.Statement<[number, number], { seq: number; at: number; kind: string; payload: string }>;
}

const kindList = replayKinds.map((k) => `'${k}'`).join(', ');

/** The three queries (exported for the query-plan test). `+kind` keeps the range on the seq key, in seq order. */
export const replaySql = {
  lastSeqAt: `SELECT seq FROM rec_events WHERE at <= ? ORDER BY at DESC, seq DESC LIMIT 1`,
  snapshotAt: `SELECT seq, state FROM rec_snapshots WHERE at <= ? AND seq <= ? ORDER BY at DESC, seq DESC LIMIT 1`,
  range: `SELECT seq, at, kind, payload FROM rec_events WHERE seq > ? AND seq <= ? AND +kind IN (${kindList}) ORDER BY seq`,
} as const;

const cache = new WeakMap<Database.Database, Statements>();

function statements(db: Database.Database): Statements {
  let s = cache.get(db);
  if (!s) {
    s = { lastSeqAt: db.prepare(replaySql.lastSeqAt), snapshotAt: db.prepare(replaySql.snapshotAt), range: db.prepare(replaySql.range) };
    cache.set(db, s);
  }
  return s;
}

/**
 * The replay picture at exercise time `at`. `snapshots: false` ignores the snapshots and applies every event from
 * the first (the benchmark's baseline; the same fold over the same events).
 */
export function replayStateAt(db: Database.Database, runId: string, at: number, options: { snapshots?: boolean } = {}): ReplayState {
  const s = statements(db);
  const upto = s.lastSeqAt.get(at)?.seq ?? 0;
  let builder = new ReplayBuilder();
  if (upto > 0 && options.snapshots !== false) {
    const snap = s.snapshotAt.get(at, upto);
    if (snap) {
      builder = ReplayBuilder.from(parseSnapshot(snap.seq, snap.state));
      builder.seq = snap.seq;
    }
  }
  applyRecordedEvents(db, builder, builder.seq, upto);
  builder.seq = upto;
  return builder.state(runId, at);
}

/**
 * Applies the recorded events `afterSeq` < seq ≤ `uptoSeq` to `builder` (only those that change the picture; the
 * builder's seq is left at the last one applied). A view is superseded by the next valid one, so only the last valid
 * view of the range is parsed.
 */
export function applyRecordedEvents(db: Database.Database, builder: ReplayBuilder, afterSeq: number, uptoSeq: number): void {
  if (uptoSeq <= afterSeq) return;
  const rows = statements(db).range.all(afterSeq, uptoSeq);
  let lastView = -1;
  let view: Record<string, unknown> | null = null;
  for (let i = rows.length - 1; i >= 0 && lastView < 0; i--) {
    if (rows[i]!.kind !== 'view') continue;
    const p = tryParse(rows[i]!.payload);
    if (p && viewOf(p)) [lastView, view] = [i, p];
  }
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.kind === 'view') {
      if (i === lastView) builder.apply({ seq: r.seq, at: r.at, kind: r.kind, payload: view! });
      continue;
    }
    builder.apply({ seq: r.seq, at: r.at, kind: r.kind, payload: tryParse(r.payload) ?? {} });
  }
}

function tryParse(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function parseSnapshot(seq: number, text: string): ReplaySnapshot {
  try {
    return JSON.parse(text) as ReplaySnapshot;
  } catch {
    throw new TypeError(`replay snapshot ${seq}: not JSON`);
  }
}
