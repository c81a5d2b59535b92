import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventRecorder, listEvents } from '../../../../../main/services/drills/eventRecorder';
import { RecordBuffer } from '../../../../../main/services/drills/recordBuffer';
import { verifyRecord } from '../../../../../main/services/drills/verifyRecord';
import { openStore } from '../../../../../main/store/openStore';
import { tempDir } from '../../../../helpers/tempStore';

describe('RecordBuffer', () => {
  it('writes queued events in one transaction per turn, keeps the order with direct appends, and the chain verifies', () => {
    const t = tempDir();
    const store = openStore(join(t.dir, 's.gpkg'));
    let now = 1_000_000;
    const recorder = new EventRecorder(store.db, { now: () => now, runId: 'unit-20260101t000000z' });
    const seen: string[] = [];
    const turns: (() => void)[] = [];
    const buf = new RecordBuffer(recorder, () => now, (es) => seen.push(...es.map((e) => `${e.seq}:${e.kind}`)), (fn) => turns.push(fn));
    let commits = 0;
    store.db.function('count_commit', () => ++commits);
    store.db.exec(`CREATE TEMP TRIGGER c AFTER INSERT ON rec_head BEGIN SELECT count_commit(); END; CREATE TEMP TRIGGER c2 AFTER UPDATE ON rec_head BEGIN SELECT count_commit(); END;`);

    buf.enqueue({ kind: 'observation', actor: 'feed:sl651', entity: 'stream:a', payload: { v: 1 }, at: now - 500 });
    now += 10;
    buf.enqueue({ kind: 'alarm', actor: 'system', entity: 'alarm:1', payload: { action: 'raise' } });
    expect(turns).toHaveLength(1);
    expect(listEvents(store.db, {}).total).toBe(0);
    turns.shift()!();
    expect(seen).toEqual(['1:observation', '2:alarm']);
    const headWrites = commits;
    expect(headWrites).toBeLessThanOrEqual(2);

    // A direct append writes what is queued first: the log keeps the order things happened in.
    buf.enqueue({ kind: 'observation', actor: 'feed:sl651', entity: 'stream:a', payload: { v: 2 } });
    now += 10;
    const note = buf.append('note', 'director', null, { text: 'x' });
    expect(note.seq).toBe(4);
    expect(listEvents(store.db, {}).events.map((e) => [e.seq, e.kind])).toEqual([[1, 'observation'], [2, 'alarm'], [3, 'observation'], [4, 'note']]);
    const ev = listEvents(store.db, {}).events;
    expect(ev[0]!.at).toBe(999_500);
    expect(ev[1]!.at).toBe(1_000_010);
    expect(ev[2]!.at).toBe(1_000_010);
    expect(ev[3]!.at).toBe(1_000_020);
    // The scheduled flush finds nothing left.
    for (const fn of turns) fn();
    expect(buf.pending).toBe(0);
    expect(verifyRecord(store.db).ok).toBe(true);
    store.close();
    t.cleanup();
  });
});
