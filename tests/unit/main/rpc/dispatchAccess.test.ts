import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostRuntime, type HostRuntime } from '../../../../main/hostRuntime';
import { verifyAudit } from '../../../../main/services/audit/verifyAudit';
import { signIn } from '../../../helpers/signIn';
import { paths, tempDir } from '../../../helpers/tempStore';

let t: ReturnType<typeof tempDir>;
let rt: HostRuntime;
beforeAll(() => {
  t = tempDir('cityops-access-');
  rt = createHostRuntime(join(t.dir, 'store.gpkg'), 'browser', paths);
}, 60_000);
afterAll(async () => {
  await rt?.close();
  t.cleanup();
});

describe('roles enforced by dispatch', () => {
  it('the situation picture is readable without signing in; changes are not', async () => {
    expect((await rt.dispatch('stations.live', {})).ok).toBe(true);
    const r = await rt.dispatch('rules.upsert', { streamId: 'x', kind: 'level', levels: [{ name: '红', severity: 4, threshold: 1 }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(!r.ok && r.error.message).toMatch(/请先登录.*sign in first/);
    expect((await rt.dispatch('incidents.list', {})).ok).toBe(false);
  });

  it('a role without the permission is refused, the refusal is audited, nothing changes', async () => {
    const viewer = signIn(rt, 'viewer1', 'viewer');
    const before = (await rt.dispatch('rules.list', {})) as { ok: true; value: { rules: unknown[] } };
    const r = await rt.dispatch('rules.upsert', { streamId: 'x', kind: 'level', levels: [{ name: '红', severity: 4, threshold: 1 }] }, { session: viewer });
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(!r.ok && r.error.message).toMatch(/viewer/);
    const after = (await rt.dispatch('rules.list', {})) as { ok: true; value: { rules: unknown[] } };
    expect(after.value.rules.length).toBe(before.value.rules.length);
    const audit = rt.command.audit.list({ limit: 1000 });
    expect(audit.some((e) => e.action === 'denied' && e.user === 'viewer1' && JSON.stringify(e.details).includes('rules.upsert'))).toBe(true);
  });

  it('an allowed change runs as the signed-in user and lands in the audit log; the chain verifies', async () => {
    const commander = signIn(rt, 'cmd1', 'commander');
    const rules = ((await rt.dispatch('rules.list', {})) as { ok: true; value: { rules: { id: string; streamId: string; stationId: string; levels: unknown[] }[] } }).value.rules;
    const rule = rules[0]!;
    const r = await rt.dispatch('rules.upsert', { id: rule.id, streamId: rule.streamId, stationId: rule.stationId, kind: 'level', levels: rule.levels }, { session: commander });
    expect(r.ok).toBe(true);
    expect(r.ok && (r.value as { origin: string }).origin).toBe('user:cmd1');
    const audit = rt.command.audit.list({ limit: 1000 });
    expect(audit.some((e) => e.action === 'rules.upsert' && e.user === 'cmd1' && e.target === `rule:${rule.id}`)).toBe(true);
    expect(verifyAudit(rt.command.db).ok).toBe(true);
  });

  it('a made-up session token is anonymous', async () => {
    const r = await rt.dispatch('alarms.acknowledge', { id: 1 }, { session: 'forged-token' });
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });
});
