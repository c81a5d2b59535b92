import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrillEvent, ReplayState } from '../../../../../preload/contract';
import { EventRecorder, listEvents } from '../../../../../main/services/drills/eventRecorder';
import { applyDrillEvent, emptyReplayState } from '../../../../../main/services/drills/replayReducer';
import { replaySql, replayStateAt } from '../../../../../main/services/drills/replaySeek';
import { verifyRecord } from '../../../../../main/services/drills/verifyRecord';
import { openStore } from '../../../../../main/store/openStore';
import { alarmEvent, alarmInfo, incidentEvent, incidentSummary, observationEvent, viewEvent, type EventInput } from '../../../../helpers/drillRecordFixtures';
import { tempDir } from '../../../../helpers/tempStore';

const T0 = Date.UTC(2026, 11, 8, 1, 30);
const runId = 'rainstorm-2026-20261208t013000z';
const states = ['active', 'acknowledged', 'snoozed', 'cleared'] as const;
const statuses = ['reported', 'verified', 'dispatched', 'in_progress', 'resolved', 'closed'] as const;
const levels = ['IV', 'III', 'II', 'I'] as const;

/** A migrated store, serialized once: each run opens its own in-memory copy. */
let template: Buffer;
beforeAll(() => {
  const t = tempDir();
  const s = openStore(join(t.dir, 'template.gpkg'));
  s.db.pragma('journal_mode = DELETE'); // an in-memory copy cannot be in WAL mode
  template = s.db.serialize();
  s.close();
  t.cleanup();
});
const dbs: Database.Database[] = [];
afterAll(() => dbs.forEach((d) => d.close()));
function freshDb(): Database.Database {
  const db = new Database(template);
  dbs.push(db);
  return db;
}

/** One recorded step: how far the exercise clock moves first (0 often: several events at one moment; negative: clamped), and the event. */
const eventArb: fc.Arbitrary<EventInput> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: -3, max: 40 }), fc.double({ min: -5, max: 50, noNaN: true })).map(([st, dts, v]) => observationEvent(st, T0 + dts * 300_000, v)) },
  { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom(...states), fc.integer({ min: 1, max: 4 })).map(([id, state, severity]) => alarmEvent('raise', alarmInfo(id, { state, severity }))) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom(...statuses), fc.nat(3)).map(([id, status, openTasks]) => incidentEvent('transition', incidentSummary(id, { status, openTasks }))) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.constantFrom('activated' as const, 'level' as const), fc.constantFrom(...levels)).map(([id, action, level]) => ({
      kind: 'plan' as const,
      actor: 'commander1',
      entity: `activation:${id}`,
      payload: { action, activationId: id, incidentId: id, planId: `plan-${id}`, level },
    })),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.constantFrom('a', 'b', 'c'), fc.boolean()).map(([id, itemId, done]) => ({
      kind: 'checklist' as const,
      actor: 'operator1',
      entity: `activation:${id}`,
      payload: { activationId: id, incidentId: id, planId: `plan-${id}`, itemId, done },
    })),
  },
  { weight: 3, arbitrary: fc.nat(1000).map(viewEvent) },
  { weight: 1, arbitrary: fc.constant<EventInput>({ kind: 'view', actor: 'operator1', entity: null, payload: { lon: 1 } }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }).map<EventInput>((text) => ({ kind: 'note', actor: 'evaluator1', entity: null, payload: { text, rating: null, injectId: null, objectiveId: null } })) },
  { weight: 1, arbitrary: fc.constant<EventInput>({ kind: 'drill.paused', actor: 'controller:a', entity: null, payload: {} }) },
);
const stepArb = fc.record({ dt: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 600_000 }), fc.integer({ min: -60_000, max: -1 })), event: eventArb, burst: fc.boolean() });

/** Records the steps (bursts through appendMany); returns the recorded events. */
function record(db: Database.Database, steps: { dt: number; event: EventInput; burst: boolean }[], options: { snapshotEveryEvents: number; snapshotEveryMs: number }): DrillEvent[] {
  let now = T0;
  const rec = new EventRecorder(db, { now: () => now, wallNow: () => 1_800_000_000_000, runId, ...options });
  let burst: EventInput[] = [];
  for (const s of steps) {
    if (!s.burst && burst.length) {
      rec.appendMany(burst);
      burst = [];
    }
    now += s.dt;
    if (s.burst) burst.push(s.event);
    else rec.append(s.event.kind, s.event.actor, s.event.entity, s.event.payload);
  }
  rec.appendMany(burst);
  return listEvents(db, { limit: 20_000 }).events;
}

/** "Apply every event from scratch up to at", with the pure reducer: the picture after each event, and the moment. */
function expectedAt(events: DrillEvent[], after: ReplayState[], at: number): ReplayState {
  let lo = 0;
  let hi = events.length; // first index with at > target
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid]!.at <= at) lo = mid + 1;
    else hi = mid;
  }
  return { ...(lo === 0 ? emptyReplayState(runId) : after[lo - 1]!), at };
}
function foldAll(events: DrillEvent[]): ReplayState[] {
  const out: ReplayState[] = [];
  let s = emptyReplayState(runId);
  for (const e of events) out.push((s = applyDrillEvent(s, e)));
  return out;
}

describe('replayStateAt', () => {
  it('equals applying every event from scratch up to `at`, for any log, snapshot schedule and moment', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { minLength: 0, maxLength: 160 }),
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 1, max: 3_600_000 }),
        fc.array(fc.double({ min: -0.05, max: 1.05, noNaN: true }), { minLength: 1, maxLength: 15 }),
        (steps, snapshotEveryEvents, snapshotEveryMs, fractions) => {
          const db = freshDb();
          try {
            const events = record(db, steps, { snapshotEveryEvents, snapshotEveryMs });
            const after = foldAll(events);
            const first = events[0]?.at ?? T0;
            const last = events.at(-1)?.at ?? T0;
            // random moments, and every recorded moment and snapshot moment (and one ms before each)
            const snapAts = (db.prepare(`SELECT at FROM rec_snapshots`).all() as { at: number }[]).map((r) => r.at);
            const targets = [...fractions.map((f) => Math.round(first + f * (last - first))), ...events.map((e) => e.at), ...snapAts.flatMap((a) => [a, a - 1])];
            for (const at of targets) expect(replayStateAt(db, runId, at)).toEqual(expectedAt(events, after, at));
            expect(verifyRecord(db, { snapshots: true }).ok).toBe(true);
          } finally {
            db.close();
            dbs.pop();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('on a longer drill with the default schedule: 200 random moments, and with the snapshots ignored', () => {
    const db = freshDb();
    const steps = fc.sample(stepArb, { numRuns: 5000, seed: 14 });
    const events = record(db, steps, { snapshotEveryEvents: 2000, snapshotEveryMs: 5 * 60_000 });
    const after = foldAll(events);
    const n = (db.prepare(`SELECT count(*) AS n FROM rec_snapshots`).get() as { n: number }).n;
    expect(n).toBeGreaterThan(10);
    const first = events[0]!.at;
    const span = events.at(-1)!.at - first;
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: span + 1000 }), (offset) => {
        const at = first + offset;
        const expected = expectedAt(events, after, at);
        expect(replayStateAt(db, runId, at)).toEqual(expected);
        expect(replayStateAt(db, runId, at, { snapshots: false })).toEqual(expected);
      }),
      { numRuns: 200, seed: 14 },
    );
  });

  it('before the first event: the empty picture at that moment; on an empty log too', () => {
    const db = freshDb();
    expect(replayStateAt(db, runId, T0)).toEqual({ ...emptyReplayState(runId), at: T0 });
    record(db, [{ dt: 1000, event: viewEvent(1), burst: false }], { snapshotEveryEvents: 1, snapshotEveryMs: 1 });
    expect(replayStateAt(db, runId, T0 + 999)).toEqual({ ...emptyReplayState(runId), at: T0 + 999 });
    expect(replayStateAt(db, runId, T0 + 1000)).toMatchObject({ seq: 1, at: T0 + 1000, view: viewEvent(1).payload });
  });

  it('uses the indexes: no full scan of the events or the snapshots', () => {
    const db = freshDb();
    const plans = [replaySql.lastSeqAt, replaySql.snapshotAt, replaySql.range].map((sql) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...sql.split('?').slice(1).map(() => 1)) as { detail: string }[]).map((r) => r.detail).join('; '),
    );
    expect(plans[0]).toMatch(/USING COVERING INDEX rec_events_at/);
    expect(plans[1]).toMatch(/USING INDEX rec_snapshots_at/);
    expect(plans[2]).toMatch(/USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/);
    for (const p of plans) expect(p).not.toMatch(/TEMP B-TREE/);
  });
});
