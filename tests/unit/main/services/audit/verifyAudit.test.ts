import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHash } from '../../../../../main/services/audit/auditHash';
import { AuditLog } from '../../../../../main/services/audit/auditLog';
import { canonicalJson } from '../../../../../main/services/audit/canonicalJson';
import { verifyAudit } from '../../../../../main/services/audit/verifyAudit';
import { openStore, type Store } from '../../../../../main/store/openStore';
import { tempDir } from '../../../../helpers/tempStore';

let store: Store;
let cleanup: () => void;
let audit: AuditLog;
let now = 1_780_000_000_000;
const op = { username: 'operator1', role: 'operator' };

beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = openStore(join(t.dir, 's.gpkg'));
  audit = new AuditLog(store.db, () => now++);
  for (let i = 1; i <= 6; i++) audit.append(op, 'incidents.addNote', `incident:${i % 2}`, { noteId: i, text: `第${i}条` });
});
afterEach(() => {
  store.close();
  cleanup();
});

const dropTriggers = () => store.db.exec(`DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;`);

describe('AuditLog', () => {
  it('chains each record to the previous one with SHA-256 over the canonical JSON', () => {
    const [first, second] = audit.list();
    const expected = createHash('sha256')
      .update('0'.repeat(64) + '\n' + canonicalJson({ seq: 1, at: first!.at, user: 'operator1', role: 'operator', action: 'incidents.addNote', target: 'incident:1', details: { noteId: 1, text: '第1条' } }))
      .digest('hex');
    expect(first!.hash).toBe(expected);
    expect(second!.hash).toBe(auditHash(first!.hash, { ...second!, seq: 2 }));
    expect(audit.list({ target: 'incident:0' }).map((e) => e.seq)).toEqual([2, 4, 6]);
    expect(audit.list({ afterSeq: 4, limit: 1 }).map((e) => e.seq)).toEqual([5]);
  });

  it('triggers refuse UPDATE and DELETE', () => {
    expect(() => store.db.prepare(`UPDATE audit_log SET user = 'mallory' WHERE seq = 3`).run()).toThrow(/append-only: UPDATE refused/);
    expect(() => store.db.prepare(`DELETE FROM audit_log WHERE seq = 3`).run()).toThrow(/append-only: DELETE refused/);
    expect(verifyAudit(store.db)).toMatchObject({ ok: true, checked: 6 });
  });

  it('a change and its record land together: a failing transaction leaves no audit record', () => {
    expect(() =>
      store.db.transaction(() => {
        audit.append(op, 'x', null, {});
        throw new Error('boom');
      })(),
    ).toThrow('boom');
    expect(audit.list()).toHaveLength(6);
    expect(verifyAudit(store.db).ok).toBe(true);
  });
});

describe('verifyAudit', () => {
  it('passes on an intact log and reports the head', () => {
    const r = verifyAudit(store.db);
    expect(r).toEqual({ ok: true, checked: 6, head: { seq: 6, hash: audit.list().at(-1)!.hash } });
  });

  it('fails at the edited record after the trigger was dropped', () => {
    dropTriggers();
    store.db.prepare(`UPDATE audit_log SET user = 'mallory' WHERE seq = 4`).run();
    expect(verifyAudit(store.db)).toMatchObject({ ok: false, checked: 3, firstBroken: { seq: 4, reason: expect.stringMatching(/record 4 does not match its hash/) } });
  });

  it('fails at an edit of the details too', () => {
    dropTriggers();
    store.db.prepare(`UPDATE audit_log SET details = json_set(details, '$.text', '改过') WHERE seq = 2`).run();
    expect(verifyAudit(store.db).firstBroken?.seq).toBe(2);
  });

  it('fails at the next record when the edited one was rehashed', () => {
    dropTriggers();
    const r = store.db.prepare(`SELECT * FROM audit_log WHERE seq = 3`).get() as { prev_hash: string; at: number; role: string; action: string; target: string };
    const forged = auditHash(r.prev_hash, { seq: 3, at: r.at, user: 'mallory', role: r.role, action: r.action, target: r.target, details: { noteId: 3, text: '第3条' } });
    store.db.prepare(`UPDATE audit_log SET user = 'mallory', hash = ? WHERE seq = 3`).run(forged);
    expect(verifyAudit(store.db).firstBroken).toEqual({ seq: 4, reason: expect.stringMatching(/record 4 does not chain to record 3/) });
  });

  it('fails at the deleted record', () => {
    dropTriggers();
    store.db.prepare(`DELETE FROM audit_log WHERE seq = 3`).run();
    expect(verifyAudit(store.db)).toMatchObject({ ok: false, checked: 2, firstBroken: { seq: 3, reason: expect.stringMatching(/record 3 is missing \(deleted\)/) } });
  });

  it('fails when the tail was cut off (the head remembers it)', () => {
    dropTriggers();
    store.db.prepare(`DELETE FROM audit_log WHERE seq >= 5`).run();
    expect(verifyAudit(store.db).firstBroken).toEqual({ seq: 5, reason: expect.stringMatching(/records 5–6 are missing/) });
  });

  it('fails at a record inserted with a correct hash but outside the audit log', () => {
    const last = audit.list().at(-1)!;
    const rec = { seq: 7, at: now, user: 'mallory', role: 'admin', action: 'users.create', target: 'user:mallory', details: {} };
    store.db
      .prepare(`INSERT INTO audit_log (seq, at, user, role, action, target, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, '{}', ?, ?)`)
      .run(rec.seq, rec.at, rec.user, rec.role, rec.action, rec.target, last.hash, auditHash(last.hash, rec));
    expect(verifyAudit(store.db).firstBroken).toEqual({ seq: 7, reason: expect.stringMatching(/record 7 was appended outside the audit log/) });
  });

  it('catches a fully rewritten chain against an anchor kept elsewhere', () => {
    const anchor = verifyAudit(store.db).head!;
    dropTriggers();
    // rewrite every record and the head consistently
    const rows = store.db.prepare(`SELECT * FROM audit_log ORDER BY seq`).all() as { seq: number; at: number; user: string; role: string; action: string; target: string; details: string }[];
    let prev = '0'.repeat(64);
    for (const r of rows) {
      const user = r.seq === 2 ? 'mallory' : r.user;
      const hash = auditHash(prev, { ...r, user, details: JSON.parse(r.details) as Record<string, unknown> });
      store.db.prepare(`UPDATE audit_log SET user = ?, prev_hash = ?, hash = ? WHERE seq = ?`).run(user, prev, hash, r.seq);
      prev = hash;
    }
    store.db.prepare(`UPDATE audit_head SET hash = ? WHERE id = 1`).run(prev);
    expect(verifyAudit(store.db).ok).toBe(true);
    expect(verifyAudit(store.db, anchor).firstBroken).toEqual({ seq: 6, reason: expect.stringMatching(/differs from the anchor/) });
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth, drops undefined and refuses non-finite numbers', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined, x: '中' }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":"中","z":1}]},"b":1}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/not a finite number/);
  });
});
