import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../../main/services/audit/canonicalJson';
import { EventRecorder, listEvents } from '../../../../../main/services/drills/eventRecorder';
import { GENESIS_HASH, recordHash, recordHashOfText } from '../../../../../main/services/drills/recordHash';
import { replayStateAt } from '../../../../../main/services/drills/replaySeek';
import { verifyRecord } from '../../../../../main/services/drills/verifyRecord';
import { openStore, type Store } from '../../../../../main/store/openStore';
import { alarmEvent, alarmInfo, observationEvent, viewEvent } from '../../../../helpers/drillRecordFixtures';
import { tempDir } from '../../../../helpers/tempStore';

const T0 = Date.UTC(2026, 11, 8, 1, 30);
const runId = 'rainstorm-2026-20261208t013000z';
let store: Store;
let cleanup: () => void;
let now: number;
let wall: number;
const open = (o: { snapshotEveryMs?: number; snapshotEveryEvents?: number } = {}) => new EventRecorder(store.db, { now: () => now, wallNow: () => wall, runId, ...o });
const snapshots = () => store.db.prepare(`SELECT seq, at FROM rec_snapshots ORDER BY seq`).all() as { seq: number; at: number }[];

beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = openStore(join(t.dir, 'drill.gpkg'));
  now = T0;
  wall = Date.UTC(2026, 11, 8, 1, 30, 5);
});
afterEach(() => {
  store.close();
  cleanup();
});

describe('EventRecorder', () => {
  it('chains each event to the previous one with SHA-256 over the canonical JSON, and moves the head', () => {
    const rec = open();
    const first = rec.append('drill.started', 'controller:张三', null, { speed: 1, t0: T0, scenario: { name: '演示' } });
    now += 1000;
    const second = rec.append('note', 'evaluator1', 'inject:INJ-001', { text: '第一条', rating: 'S', injectId: 'INJ-001', objectiveId: null });
    const text = canonicalJson({ seq: 1, at: T0, wallAt: wall, kind: 'drill.started', actor: 'controller:张三', entity: null, payload: first.payload });
    expect(first.hash).toBe(createHash('sha256').update(`${GENESIS_HASH}\n${text}`).digest('hex'));
    expect(second.hash).toBe(recordHash(first.hash, second));
    expect(recordHashOfText(first.hash, second, canonicalJson(second.payload))).toBe(second.hash);
    expect(store.db.prepare(`SELECT seq, hash FROM rec_head`).get()).toEqual({ seq: 2, hash: second.hash });
    expect(store.db.prepare(`SELECT prev_hash FROM rec_events WHERE seq = 2`).get()).toEqual({ prev_hash: first.hash });
    expect(listEvents(store.db)).toEqual({ events: [first, second], total: 2 });
    expect(rec.head()).toEqual({ seq: 2, hash: second.hash });
  });

  it('keeps exercise time from going back, drops fractions and records the wall time', () => {
    const rec = open();
    now = T0 + 10_000.7;
    expect(rec.append('drill.paused', 'controller:a', null, {}).at).toBe(T0 + 10_000);
    now = T0 + 5_000;
    wall += 42;
    const e = rec.append('drill.resumed', 'controller:a', null, { pausedMs: 0 });
    expect(e).toMatchObject({ seq: 2, at: T0 + 10_000, wallAt: wall });
    expect(verifyRecord(store.db)).toMatchObject({ ok: true, checked: 2 });
  });

  it('triggers refuse UPDATE and DELETE', () => {
    const rec = open();
    rec.append('bookmark', 'operator1', null, { label: '首报' });
    expect(() => store.db.prepare(`UPDATE rec_events SET actor = 'mallory'`).run()).toThrow(/append-only: UPDATE refused/);
    expect(() => store.db.prepare(`DELETE FROM rec_events`).run()).toThrow(/append-only: DELETE refused/);
  });

  it('refuses an unknown kind, a missing actor and a payload that is not an object, writing nothing', () => {
    const rec = open();
    expect(() => rec.append('nope' as never, 'a', null, {})).toThrow(/unknown event kind/);
    expect(() => rec.append('note', '', null, {})).toThrow(/actor/);
    expect(() => rec.append('note', 'a', null, [] as never)).toThrow(/must be an object/);
    expect(() => rec.append('note', 'a', null, { v: Number.NaN })).toThrow(/not a finite number/);
    expect(listEvents(store.db).total).toBe(0);
  });

  it('appendMany writes a burst in one transaction: all or nothing', () => {
    const rec = open();
    const ok = rec.appendMany([observationEvent(1, T0, 1.5), observationEvent(2, T0, 2.5)]);
    expect(ok.map((e) => e.seq)).toEqual([1, 2]);
    expect(() => rec.appendMany([observationEvent(3, T0, 3.5), { kind: 'bad' as never, actor: 'x', entity: null, payload: {} }])).toThrow(/unknown event kind/);
    expect(listEvents(store.db).total).toBe(2);
    expect(rec.state().stations.map((s) => s.streamId)).toEqual(['sl651:T0001:Z', 'sl651:T0002:Z']);
    expect(rec.append('view', 'operator1', null, viewEvent(1).payload).seq).toBe(3);
    expect(verifyRecord(store.db).ok).toBe(true);
  });

  it("an event and the caller's change land together; after a rollback the picture is reloaded", () => {
    const rec = open();
    rec.append('alarm', 'system', 'alarm:1', alarmEvent('raise', alarmInfo(1)).payload);
    expect(() =>
      store.db.transaction(() => {
        rec.append('alarm', 'system', 'alarm:2', alarmEvent('raise', alarmInfo(2)).payload);
        throw new Error('boom');
      })(),
    ).toThrow('boom');
    expect(rec.state().alarms.map((a) => a.id)).toEqual([1]);
    expect(rec.append('note', 'evaluator1', null, { text: 'x', rating: null, injectId: null, objectiveId: null }).seq).toBe(2);
    expect(verifyRecord(store.db).ok).toBe(true);
  });

  it('keeps the picture of the payload as recorded, not of the caller object changed later', () => {
    const rec = open();
    const alarm = alarmInfo(5);
    rec.append('alarm', 'system', 'alarm:5', { action: 'raise', fromLevel: null, toLevel: '警戒', alarm });
    alarm.state = 'cleared';
    expect(rec.state().alarms[0]!.state).toBe('active');
  });

  it('writes a snapshot every N events and every M ms of exercise time, counted from the first event', () => {
    const rec = open({ snapshotEveryEvents: 5, snapshotEveryMs: 60_000 });
    for (let i = 1; i <= 12; i++) {
      rec.append('observation', 'system', null, observationEvent(i % 3, now, i).payload);
      now += 10_000;
    }
    expect(snapshots()).toEqual([
      { seq: 5, at: T0 + 40_000 },
      { seq: 10, at: T0 + 90_000 },
    ]);
    now += 120_000;
    rec.append('view', 'operator1', null, viewEvent(2).payload);
    expect(snapshots().at(-1)).toEqual({ seq: 13, at: now });
    const stored = store.db.prepare(`SELECT state FROM rec_snapshots WHERE seq = 13`).get() as { state: string };
    const { runId: _r, at: _a, ...picture } = rec.state();
    expect(JSON.parse(stored.state)).toEqual(picture);
    expect(picture.seq).toBe(13);
  });

  it('the time rule alone: a snapshot once 5 minutes of exercise time passed (the default)', () => {
    const rec = open();
    for (let i = 0; i < 20; i++) {
      rec.append('observation', 'system', null, observationEvent(1, now, i).payload);
      now += 60_000;
    }
    // events at T0, T0+1 min, …: the snapshot clock starts at the first event
    expect(snapshots().map((s) => (s.at - T0) / 60_000)).toEqual([5, 10, 15]);
  });

  it('reopened on an existing log, it continues the chain, the picture and the snapshot schedule', () => {
    const a = open({ snapshotEveryEvents: 4, snapshotEveryMs: 1e9 });
    for (let i = 1; i <= 10; i++) a.append('alarm', 'system', `alarm:${i % 3}`, alarmEvent('raise', alarmInfo(i % 3, { value: i })).payload);
    const b = open({ snapshotEveryEvents: 4, snapshotEveryMs: 1e9 });
    expect(b.state()).toEqual(a.state());
    expect(b.head()).toEqual(a.head());
    b.append('alarm', 'system', 'alarm:1', alarmEvent('clear', alarmInfo(1, { state: 'cleared' })).payload);
    b.append('view', 'operator1', null, viewEvent(3).payload);
    expect(snapshots().map((s) => s.seq)).toEqual([4, 8, 12]);
    expect(verifyRecord(store.db, { snapshots: true })).toMatchObject({ ok: true, checked: 12, snapshots: { checked: 3 } });
    expect(replayStateAt(store.db, runId, now)).toEqual(b.state());
  });

  it('takes the run id from the drill store meta when not given', () => {
    store.db.prepare(`INSERT INTO cityops_meta (key, value) VALUES ('drill.run_id', ?)`).run(runId);
    const rec = new EventRecorder(store.db, { now: () => now });
    expect(rec.state()).toMatchObject({ runId, seq: 0, stations: [], view: null });
  });
});

describe('listEvents', () => {
  it('pages after a seq, filters by kind and counts the total of those kinds', () => {
    const rec = open();
    rec.appendMany([observationEvent(1, T0, 1), viewEvent(1), observationEvent(2, T0, 2), alarmEvent('raise', alarmInfo(1)), viewEvent(2)]);
    expect(listEvents(store.db, { afterSeq: 1, limit: 2 }).events.map((e) => e.seq)).toEqual([2, 3]);
    expect(listEvents(store.db, { kinds: ['view', 'alarm'] })).toMatchObject({ total: 3, events: [{ seq: 2 }, { seq: 4 }, { seq: 5 }] });
    expect(listEvents(store.db, { kinds: ['view'], afterSeq: 2 })).toMatchObject({ total: 2, events: [{ seq: 5, kind: 'view', actor: 'operator1', entity: null }] });
    expect(listEvents(store.db, { kinds: [] })).toEqual({ events: [], total: 0 });
  });
});
