import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventRecorder, listEvents } from '../../../../../main/services/drills/eventRecorder';
import { GENESIS_HASH, recordHashOfText } from '../../../../../main/services/drills/recordHash';
import { verifyRecord } from '../../../../../main/services/drills/verifyRecord';
import { openStore, type Store } from '../../../../../main/store/openStore';
import { alarmEvent, alarmInfo, observationEvent, viewEvent } from '../../../../helpers/drillRecordFixtures';
import { tempDir } from '../../../../helpers/tempStore';

const T0 = Date.UTC(2026, 11, 8, 1, 30);
let store: Store;
let cleanup: () => void;
let rec: EventRecorder;

interface Row {
  seq: number;
  at: number;
  wall_at: number;
  kind: string;
  actor: string;
  entity: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
}

beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = openStore(join(t.dir, 'drill.gpkg'));
  let now = T0;
  rec = new EventRecorder(store.db, { now: () => (now += 30_000), wallNow: () => 1_800_000_000_000, runId: 'r-20261208t013000z', snapshotEveryEvents: 3 });
  rec.appendMany([observationEvent(1, T0, 1.5), alarmEvent('raise', alarmInfo(1)), viewEvent(1), observationEvent(2, T0, 2.5), alarmEvent('clear', alarmInfo(1, { state: 'cleared' })), viewEvent(2), viewEvent(3)]);
});
afterEach(() => {
  store.close();
  cleanup();
});

const dropTriggers = () => store.db.exec(`DROP TRIGGER rec_events_no_update; DROP TRIGGER rec_events_no_delete;`);
const row = (seq: number) => store.db.prepare(`SELECT * FROM rec_events WHERE seq = ?`).get(seq) as Row;
const rehash = (prev: string, r: Row) => recordHashOfText(prev, { seq: r.seq, at: r.at, wallAt: r.wall_at, kind: r.kind, actor: r.actor, entity: r.entity }, r.payload);

describe('verifyRecord', () => {
  it('passes on an intact log and reports the head', () => {
    expect(verifyRecord(store.db)).toEqual({ ok: true, checked: 7, head: rec.head() });
    expect(verifyRecord(store.db, { snapshots: true })).toEqual({ ok: true, checked: 7, head: rec.head(), snapshots: { checked: 2 } });
  });

  it('passes on an empty log', () => {
    const t = tempDir();
    const empty = openStore(join(t.dir, 'empty.gpkg'));
    try {
      expect(verifyRecord(empty.db, { snapshots: true })).toEqual({ ok: true, checked: 0, head: null, snapshots: { checked: 0 } });
    } finally {
      empty.close();
      t.cleanup();
    }
  });

  it('fails at an edited payload after the trigger was dropped', () => {
    dropTriggers();
    store.db.prepare(`UPDATE rec_events SET payload = json_set(payload, '$.value', 9.9) WHERE seq = 4`).run();
    expect(verifyRecord(store.db)).toMatchObject({ ok: false, checked: 3, firstBroken: { seq: 4, reason: expect.stringMatching(/event 4 does not match its hash/) } });
  });

  it('fails at an edited actor, time or kind too', () => {
    dropTriggers();
    store.db.prepare(`UPDATE rec_events SET actor = 'mallory' WHERE seq = 2`).run();
    expect(verifyRecord(store.db).firstBroken?.seq).toBe(2);
    store.db.prepare(`UPDATE rec_events SET actor = 'system', at = at - 1 WHERE seq = 2`).run();
    expect(verifyRecord(store.db).firstBroken?.seq).toBe(2);
    store.db.prepare(`UPDATE rec_events SET at = at + 1, kind = 'note' WHERE seq = 2`).run();
    expect(verifyRecord(store.db).firstBroken?.seq).toBe(2);
  });

  it('fails at the next event when the edited one was rehashed', () => {
    dropTriggers();
    const r = { ...row(3), payload: '{"heading":0,"height":1,"lat":0,"lon":0,"pitch":0}' };
    store.db.prepare(`UPDATE rec_events SET payload = ?, hash = ? WHERE seq = 3`).run(r.payload, rehash(r.prev_hash, r));
    expect(verifyRecord(store.db).firstBroken).toEqual({ seq: 4, reason: expect.stringMatching(/event 4 does not chain to event 3/) });
  });

  it('fails at a deleted event', () => {
    dropTriggers();
    store.db.prepare(`DELETE FROM rec_events WHERE seq = 3`).run();
    expect(verifyRecord(store.db)).toMatchObject({ ok: false, checked: 2, firstBroken: { seq: 3, reason: expect.stringMatching(/event 3 is missing \(deleted\)/) } });
  });

  it('fails when the tail was cut off (the head remembers it)', () => {
    dropTriggers();
    store.db.prepare(`DELETE FROM rec_events WHERE seq >= 6`).run();
    expect(verifyRecord(store.db).firstBroken).toEqual({ seq: 6, reason: expect.stringMatching(/events 6–7 are missing/) });
  });

  it('fails at an event inserted with a correct hash but outside the recorder', () => {
    const last = row(7);
    const forged = { ...last, seq: 8, actor: 'mallory', prev_hash: last.hash };
    store.db
      .prepare(`INSERT INTO rec_events (seq, at, wall_at, kind, actor, entity, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(8, forged.at, forged.wall_at, forged.kind, forged.actor, forged.entity, forged.payload, last.hash, rehash(last.hash, forged));
    expect(verifyRecord(store.db).firstBroken).toEqual({ seq: 8, reason: expect.stringMatching(/event 8 was appended outside the recorder/) });
  });

  it('fails at an event inserted in the middle (the later ones renumbered and rehashed, the head too)', () => {
    dropTriggers();
    const rows = store.db.prepare(`SELECT * FROM rec_events ORDER BY seq`).all() as Row[];
    store.db.exec(`DELETE FROM rec_events`);
    const forged = [...rows.slice(0, 4), { ...rows[3]!, actor: 'mallory' }, ...rows.slice(4)].map((r, i) => ({ ...r, seq: i + 1 }));
    const insert = store.db.prepare(`INSERT INTO rec_events VALUES (@seq, @at, @wall_at, @kind, @actor, @entity, @payload, @prev_hash, @hash)`);
    // only the inserted record and those after it are rehashed, the ones before stay as written
    let prev = rows[3]!.hash;
    for (const r of forged) {
      if (r.seq <= 4) insert.run(r);
      else {
        const hash = rehash(prev, r);
        insert.run({ ...r, prev_hash: prev, hash });
        prev = hash;
      }
    }
    store.db.prepare(`UPDATE rec_head SET seq = 8, hash = ?`).run(prev);
    // the rewritten chain is self-consistent: only an anchor kept elsewhere catches it
    expect(verifyRecord(store.db).ok).toBe(true);
    expect(verifyRecord(store.db, { anchor: { seq: 7, hash: rows[6]!.hash } }).firstBroken).toEqual({ seq: 7, reason: expect.stringMatching(/differs from the anchor/) });
    // without rehashing, the inserted record breaks the chain where it stands
    store.db.prepare(`UPDATE rec_events SET prev_hash = ? WHERE seq = 5`).run(GENESIS_HASH);
    expect(verifyRecord(store.db).firstBroken?.seq).toBe(5);
  });

  it('refuses exercise time going back, even in a chain rewritten consistently', () => {
    dropTriggers();
    let prev = GENESIS_HASH;
    for (const r of store.db.prepare(`SELECT * FROM rec_events ORDER BY seq`).all() as Row[]) {
      const at = r.seq === 5 ? T0 : r.at;
      const hash = rehash(prev, { ...r, at });
      store.db.prepare(`UPDATE rec_events SET at = ?, prev_hash = ?, hash = ? WHERE seq = ?`).run(at, prev, hash, r.seq);
      prev = hash;
    }
    store.db.prepare(`UPDATE rec_head SET hash = ?`).run(prev);
    expect(verifyRecord(store.db).firstBroken).toEqual({ seq: 5, reason: expect.stringMatching(/event 5 is earlier/) });
  });

  it('fails when the head is missing while there are events', () => {
    store.db.exec(`DELETE FROM rec_head`);
    expect(verifyRecord(store.db).firstBroken).toEqual({ seq: 1, reason: expect.stringMatching(/rec_head is missing/) });
  });

  it('with snapshots: catches an edited snapshot (a false replay picture)', () => {
    expect(store.db.prepare(`SELECT seq FROM rec_snapshots`).all()).toEqual([{ seq: 3 }, { seq: 6 }]);
    store.db.prepare(`UPDATE rec_snapshots SET state = json_set(state, '$.alarms[0].state', 'active') WHERE seq = 6`).run();
    expect(verifyRecord(store.db).ok).toBe(true);
    expect(verifyRecord(store.db, { snapshots: true })).toMatchObject({
      ok: false,
      checked: 7,
      snapshots: { checked: 1, firstBroken: { seq: 6, reason: expect.stringMatching(/snapshot 6 differs/) } },
    });
    store.db.prepare(`INSERT INTO rec_snapshots (seq, at, state) VALUES (99, ?, '{}')`).run(T0);
    store.db.prepare(`DELETE FROM rec_snapshots WHERE seq = 6`).run();
    expect(verifyRecord(store.db, { snapshots: true }).snapshots?.firstBroken).toEqual({ seq: 99, reason: expect.stringMatching(/after the last event/) });
  });

  it('the listed events are the verified ones', () => {
    expect(listEvents(store.db).events.at(-1)!.hash).toBe(verifyRecord(store.db).head!.hash);
  });
});
