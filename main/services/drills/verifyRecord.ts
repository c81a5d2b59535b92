import type Database from 'better-sqlite3';
import { canonicalJson } from '../audit/canonicalJson';
import { GENESIS_HASH, recordHashOfText } from './recordHash';
import { ReplayBuilder, replayKinds } from './replayReducer';
import { parseSnapshot } from './replaySeek';

export interface RecordVerifyResult {
  ok: boolean;
  /** Events that passed, from seq 1. */
  checked: number;
  head: { seq: number; hash: string } | null;
  firstBroken?: { seq: number; reason: string };
  /** With `snapshots: true`: the snapshots compared with the picture folded from the events. */
  snapshots?: { checked: number; firstBroken?: { seq: number; reason: string } };
}

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

const pictureKinds: ReadonlySet<string> = new Set(replayKinds);

/**
 * Walks the whole event log of a drill (read-only, streaming) and reports the first event that is not what was
 * written, like verifyAudit: an edited event no longer matches its hash (the payload is hashed as stored, so any
 * change of its text shows); a deleted one leaves a gap in seq; a rehashed edit breaks the next link; an event
 * inserted after the head, a cut tail or a missing head disagree with rec_head; exercise time going back is refused.
 * The triggers are not relied on. Against a chain rewritten end to end pass an `anchor` {seq, hash} kept elsewhere.
 *
 * `snapshots: true` also folds the events and compares every snapshot with the picture at its seq (a snapshot is
 * what a replay starts from, so an edited one would show a false picture); it reads and parses every payload.
 */
export function verifyRecord(db: Database.Database, options: { anchor?: { seq: number; hash: string }; snapshots?: boolean } = {}): RecordVerifyResult {
  const { anchor } = options;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let prevAt = Number.NEGATIVE_INFINITY;
  let checked = 0;
  let anchorSeen = false;
  const snaps = options.snapshots ? new SnapshotCheck(db) : null;
  const result = (firstBroken?: { seq: number; reason: string }): RecordVerifyResult => ({
    ok: !firstBroken && !snaps?.firstBroken,
    checked,
    head: checked ? { seq: expectedSeq - 1, hash: prevHash } : null,
    ...(firstBroken ? { firstBroken } : {}),
    ...(snaps ? { snapshots: snaps.result() } : {}),
  });
  const broken = (seq: number, reason: string) => result({ seq, reason });

  for (const r of db.prepare(`SELECT * FROM rec_events ORDER BY seq`).iterate() as IterableIterator<Row>) {
    if (r.seq !== expectedSeq) {
      return broken(expectedSeq, r.seq > expectedSeq ? `记录缺失 / event ${expectedSeq} is missing (deleted): the next event is ${r.seq}` : `seq 异常 / unexpected seq ${r.seq}`);
    }
    if (r.prev_hash !== prevHash) {
      return broken(r.seq, `链接断裂 / event ${r.seq} does not chain to event ${r.seq - 1} (prev_hash differs: an event was altered, removed or inserted)`);
    }
    let hash: string;
    try {
      hash = recordHashOfText(prevHash, { seq: r.seq, at: r.at, wallAt: r.wall_at, kind: r.kind, actor: r.actor, entity: r.entity }, r.payload);
    } catch {
      hash = '';
    }
    if (hash !== r.hash) return broken(r.seq, `内容被篡改 / event ${r.seq} does not match its hash (its content was edited)`);
    if (r.at < prevAt) return broken(r.seq, `时间倒退 / event ${r.seq} is earlier (${r.at}) than event ${r.seq - 1} (${prevAt})`);
    if (anchor && anchor.seq === r.seq) {
      if (anchor.hash !== r.hash) return broken(r.seq, `与锚点不符 / event ${r.seq} differs from the anchor hash (the log was rewritten)`);
      anchorSeen = true;
    }
    snaps?.event(r);
    prevHash = r.hash;
    prevAt = r.at;
    expectedSeq++;
    checked++;
  }
  const lastSeq = expectedSeq - 1;
  snaps?.end(lastSeq);
  const head = db.prepare(`SELECT seq, hash FROM rec_head WHERE id = 1`).get() as { seq: number; hash: string } | undefined;
  if (head && head.seq > lastSeq) return broken(lastSeq + 1, `尾部记录缺失 / events ${lastSeq + 1}–${head.seq} are missing (the head says ${head.seq})`);
  if (head && head.seq < lastSeq) return broken(head.seq + 1, `头部之后有插入 / event ${head.seq + 1} was appended outside the recorder (the head says ${head.seq})`);
  if (head && head.hash !== prevHash) return broken(lastSeq, `头部哈希不符 / event ${lastSeq} differs from the head hash`);
  if (!head && lastSeq > 0) return broken(1, '缺少头部 / rec_head is missing while the log has events');
  if (anchor && !anchorSeen) return broken(Math.min(anchor.seq, lastSeq + 1), `锚点记录缺失 / the anchor event ${anchor.seq} is not in the log`);
  return result();
}

/** Folds the events as they stream past and compares each snapshot when its seq is reached. */
class SnapshotCheck {
  private readonly builder = new ReplayBuilder();
  private readonly pending: { seq: number; at: number; state: string }[];
  private checked = 0;
  firstBroken: { seq: number; reason: string } | undefined;

  constructor(db: Database.Database) {
    this.pending = db.prepare(`SELECT seq, at, state FROM rec_snapshots ORDER BY seq DESC`).all() as { seq: number; at: number; state: string }[];
  }

  event(r: Row): void {
    if (pictureKinds.has(r.kind)) this.builder.apply({ seq: r.seq, at: r.at, kind: r.kind, payload: parseObject(r.payload) });
    else this.builder.seq = r.seq;
    while (!this.firstBroken && this.pending.length > 0 && this.pending.at(-1)!.seq <= r.seq) {
      const snap = this.pending.pop()!;
      if (snap.seq === r.seq) this.compare(snap, r.at);
      else this.firstBroken = { seq: snap.seq, reason: `快照无对应记录 / snapshot ${snap.seq} has no event` };
    }
  }

  end(lastSeq: number): void {
    const next = this.pending.at(-1);
    if (!this.firstBroken && next && next.seq > lastSeq) this.firstBroken = { seq: next.seq, reason: `快照无对应记录 / snapshot ${next.seq} is after the last event (${lastSeq})` };
  }

  result(): { checked: number; firstBroken?: { seq: number; reason: string } } {
    return { checked: this.checked, ...(this.firstBroken ? { firstBroken: this.firstBroken } : {}) };
  }

  private compare(snap: { seq: number; at: number; state: string }, at: number): void {
    let same = snap.at === at;
    try {
      same &&= canonicalJson(parseSnapshot(snap.seq, snap.state)) === canonicalJson(this.builder.snapshot());
    } catch {
      same = false;
    }
    if (same) this.checked++;
    else this.firstBroken = { seq: snap.seq, reason: `快照与记录不符 / snapshot ${snap.seq} differs from the picture folded from the events` };
  }
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
