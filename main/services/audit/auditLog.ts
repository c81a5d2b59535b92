import type Database from 'better-sqlite3';
import type { AuditEntry } from '../../../preload/contract/commandMethods';
import { auditHash, GENESIS_HASH } from './auditHash';
import { canonicalJson } from './canonicalJson';

interface AuditRow {
  seq: number;
  at: number;
  user: string;
  role: string;
  action: string;
  target: string | null;
  details: string;
  hash: string;
}

/**
 * The append-only, hash-chained audit log. `append` must run inside the transaction of the change it records (it
 * opens its own savepoint when called outside one), so a change and its record land together or not at all.
 */
export class AuditLog {
  private readonly q: Record<'last' | 'insert' | 'head' | 'list' | 'listTarget', Database.Statement>;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.q = {
      last: db.prepare(`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`),
      insert: db.prepare(
        `INSERT INTO audit_log (seq, at, user, role, action, target, details, prev_hash, hash) VALUES (@seq, @at, @user, @role, @action, @target, @details, @prevHash, @hash)`,
      ),
      head: db.prepare(`INSERT INTO audit_head (id, seq, hash) VALUES (1, @seq, @hash) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`),
      list: db.prepare(`SELECT seq, at, user, role, action, target, details, hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`),
      listTarget: db.prepare(`SELECT seq, at, user, role, action, target, details, hash FROM audit_log WHERE target = ? AND seq > ? ORDER BY seq LIMIT ?`),
    };
  }

  /** Appends one record chained to the last one; returns it. */
  append(actor: { username: string; role: string }, action: string, target: string | null, details: Record<string, unknown> = {}): AuditEntry {
    return this.db.transaction(() => {
      const last = this.q.last.get() as { seq: number; hash: string } | undefined;
      const record = { seq: (last?.seq ?? 0) + 1, at: this.now(), user: actor.username, role: actor.role, action, target, details };
      const prevHash = last?.hash ?? GENESIS_HASH;
      const hash = auditHash(prevHash, record);
      this.q.insert.run({ ...record, details: canonicalJson(details), prevHash, hash });
      this.q.head.run({ seq: record.seq, hash });
      return { ...record, hash };
    })();
  }

  /** Records after `afterSeq` (oldest first), optionally only those about one target (e.g. 'incident:3'). */
  list(options: { afterSeq?: number; limit?: number; target?: string } = {}): AuditEntry[] {
    const afterSeq = options.afterSeq ?? 0;
    const limit = options.limit ?? 500;
    const rows = (options.target === undefined ? this.q.list.all(afterSeq, limit) : this.q.listTarget.all(options.target, afterSeq, limit)) as AuditRow[];
    return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
  }
}
