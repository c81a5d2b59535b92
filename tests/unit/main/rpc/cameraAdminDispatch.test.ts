import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostRuntime, type HostRuntime } from '../../../../main/hostRuntime';
import { verifyAudit } from '../../../../main/services/audit/verifyAudit';
import { signIn } from '../../../helpers/signIn';
import { paths, tempDir } from '../../../helpers/tempStore';

let t: ReturnType<typeof tempDir>;
let rt: HostRuntime;
beforeAll(() => {
  t = tempDir('cityops-camadmin-');
  rt = createHostRuntime(join(t.dir, 'store.gpkg'), 'browser', paths);
}, 60_000);
afterAll(async () => {
  await rt?.close();
  t.cleanup();
});

interface Row {
  fid: number;
  external_id: string;
  heading: number;
}
const camera = (externalId: string) => rt.ctx.store.db.prepare(`SELECT fid, external_id, heading FROM cameras WHERE external_id = ?`).get(externalId) as Row | undefined;

describe('camera registry edits through the host (dispatch, roles, audit, layer refresh)', () => {
  it('an operator is refused and nothing changes; an admin moves a demo camera and the map hears of it', async () => {
    const first = rt.ctx.store.db.prepare(`SELECT fid, external_id, heading FROM cameras ORDER BY fid LIMIT 1`).get() as Row;
    const heading = (first.heading + 90) % 360;
    const operator = signIn(rt, 'op1', 'operator');
    const refused = await rt.dispatch('cameras.update', { id: first.external_id, heading }, { session: operator });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(camera(first.external_id)?.heading).toBe(first.heading);

    const topics: { topic: string; payload: unknown }[] = [];
    const stop = rt.bus.listen((topic, payload) => topics.push({ topic, payload }));
    const admin = signIn(rt, 'admin1', 'admin');
    const r = await rt.dispatch('cameras.update', { id: first.external_id, heading }, { session: admin });
    stop();
    expect(r.ok).toBe(true);
    expect(camera(first.external_id)?.heading).toBe(heading);
    expect(topics.some((x) => x.topic === 'store.changed' && JSON.stringify(x.payload).includes('cameras'))).toBe(true);
    const audit = rt.command.audit.list({ limit: 1000 });
    expect(audit.some((e) => e.user === 'admin1' && e.action.startsWith('cameras.update'))).toBe(true);
    expect(verifyAudit(rt.command.db).ok).toBe(true);
  });

  it('a bad field is refused with its name and changes nothing', async () => {
    const admin = signIn(rt, 'admin1', 'admin');
    const first = rt.ctx.store.db.prepare(`SELECT fid, external_id, heading FROM cameras ORDER BY fid LIMIT 1`).get() as Row;
    const r = await rt.dispatch('cameras.update', { id: first.external_id, heading: 400 }, { session: admin });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(!r.ok && r.error.message).toMatch(/heading/);
    expect(camera(first.external_id)?.heading).toBe(first.heading);
  });
});
