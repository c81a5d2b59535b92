import type Database from 'better-sqlite3';
import type { AuditVerifyResult } from '../../../preload/contract/commandMethods';
import { auditHash, GENESIS_HASH } from './auditHash';

interface Row {
  seq: number;
  at: number;
  user: string;
  role: string;
  action: string;
  target: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

/**
 * Walks the whole audit chain (read-only, streaming) and reports the first record that is not what was written:
 *  - a record whose content was edited no longer matches its hash;
 *  - a deleted record leaves a gap in seq (and the next record no longer chains);
 *  - a record whose hash was recomputed after an edit breaks the link of the next one;
 *  - a truncated tail or a record appended outside AuditLog disagrees with audit_head.
 * It does not rely on the triggers, which an attacker with the file can drop. An attacker who rewrites every hash
 * and the head is caught only against an anchor kept elsewhere: pass the {seq, hash} printed by an earlier
 * `cityops audit verify` (or sent off-site) as `anchor`.
 */
export function verifyAudit(db: Database.Database, anchor?: { seq: number; hash: string }): AuditVerifyResult {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let anchorSeen = false;
  const broken = (seq: number, reason: string): AuditVerifyResult => ({ ok: false, checked, head: checked ? { seq: expectedSeq - 1, hash: prevHash } : null, firstBroken: { seq, reason } });

  for (const r of db.prepare(`SELECT * FROM audit_log ORDER BY seq`).iterate() as IterableIterator<Row>) {
    if (r.seq !== expectedSeq) {
      return broken(expectedSeq, r.seq > expectedSeq ? `记录缺失 / record ${expectedSeq} is missing (deleted): the next record is ${r.seq}` : `seq 异常 / unexpected seq ${r.seq}`);
    }
    let details: Record<string, unknown>;
    try {
      details = JSON.parse(r.details) as Record<string, unknown>;
    } catch {
      return broken(r.seq, `details 不是 JSON / details of record ${r.seq} are not valid JSON (edited)`);
    }
    if (r.prev_hash !== prevHash) {
      return broken(r.seq, `链接断裂 / record ${r.seq} does not chain to record ${r.seq - 1} (prev_hash differs: a record was altered, removed or inserted)`);
    }
    const hash = auditHash(prevHash, { seq: r.seq, at: r.at, user: r.user, role: r.role, action: r.action, target: r.target, details });
    if (hash !== r.hash) return broken(r.seq, `内容被篡改 / record ${r.seq} does not match its hash (its content was edited)`);
    if (anchor && anchor.seq === r.seq) {
      if (anchor.hash !== r.hash) return broken(r.seq, `与锚点不符 / record ${r.seq} differs from the anchor hash (the chain was rewritten)`);
      anchorSeen = true;
    }
    prevHash = r.hash;
    expectedSeq++;
    checked++;
  }
  const lastSeq = expectedSeq - 1;
  const head = db.prepare(`SELECT seq, hash FROM audit_head WHERE id = 1`).get() as { seq: number; hash: string } | undefined;
  if (head && head.seq > lastSeq) return broken(lastSeq + 1, `尾部记录缺失 / records ${lastSeq + 1}–${head.seq} are missing (the head says ${head.seq})`);
  if (head && head.seq < lastSeq) return broken(head.seq + 1, `头部之后有插入 / record ${head.seq + 1} was appended outside the audit log (the head says ${head.seq})`);
  if (head && head.hash !== prevHash) return broken(lastSeq, `头部哈希不符 / record ${lastSeq} differs from the head hash`);
  if (!head && lastSeq > 0) return broken(1, '缺少头部 / audit_head is missing while the log has records');
  if (anchor && !anchorSeen) return broken(Math.min(anchor.seq, lastSeq + 1), `锚点记录缺失 / the anchor record ${anchor.seq} is not in the log`);
  return { ok: true, checked, head: lastSeq ? { seq: lastSeq, hash: prevHash } : null };
}
