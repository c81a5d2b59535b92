import { join } from 'node:path';
import { AuditLog } from '../../main/services/audit/auditLog';
import { verifyAudit } from '../../main/services/audit/verifyAudit';
import { hashPassword, verifyPassword, defaultScryptParams } from '../../main/services/auth/passwordHash';
import { openStore } from '../../main/store/openStore';
import { tempDir } from '../helpers/tempStore';
import { medianMs, type Row } from './benchHarness';

/**
 * verifyAudit over 100,000 hash-chained records vs reading the same rows raw; and one scrypt login check with the
 * default parameters (the price of a sign-in on the host).
 */
export function auditVerifyBench(): Row[] {
  const t = tempDir('cityops-bench-audit-');
  const store = openStore(join(t.dir, 'audit.gpkg'));
  try {
    let now = Date.UTC(2026, 0, 1);
    const audit = new AuditLog(store.db, () => (now += 1000));
    const actor = { username: 'operator1', role: 'operator' };
    const n = 100_000;
    store.db.transaction(() => {
      for (let i = 0; i < n; i++) audit.append(actor, 'incidents.addNote', `incident:${i % 50}`, { noteId: i, length: 40 + (i % 17) });
    })();
    const verify = medianMs(() => verifyAudit(store.db), 5, 1);
    const raw = medianMs(() => {
      for (const _ of store.db.prepare(`SELECT * FROM audit_log ORDER BY seq`).iterate()) void _;
    }, 5, 1);
    const stored = hashPassword('a realistic password', defaultScryptParams);
    const login = medianMs(() => verifyPassword('a realistic password', stored), 5, 1);
    return [
      { name: `verifyAudit ${n.toLocaleString('en')} records`, value: verify, baselineName: 'read the same rows raw', baseline: raw, unit: 'ms', goal: 'value < 2000 ms', pass: verify < 2000 },
      { name: 'scrypt verify, default N=2^15 r=8 p=1', value: login, baselineName: 'target per sign-in', baseline: 100, unit: 'ms', goal: '20–500 ms', pass: login >= 20 && login <= 500 },
    ];
  } finally {
    store.close();
    t.cleanup();
  }
}
