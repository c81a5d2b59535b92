import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandMethods, type CommandMethodName } from '../../../../preload/contract/commandMethods';
import { createCommandHandlers, createCommandServices } from '../../../../main/rpc/commandHandlers';
import { tempDir } from '../../../helpers/tempStore';
import { openStore, type Store } from '../../../../main/store/openStore';
import { join } from 'node:path';

let store: Store;
let cleanup: () => void;
let token: string | null;
let handlers: ReturnType<typeof createCommandHandlers>;
let bootstrap: { username: string; password: string };

beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = openStore(join(t.dir, 's.gpkg'));
  const services = createCommandServices(store.db, { bootstrapAdmin: true });
  bootstrap = services.bootstrap!;
  token = null;
  handlers = createCommandHandlers(services, () => token);
});
afterEach(() => {
  store.close();
  cleanup();
});

/** Calls a handler with contract-parsed input and checks its answer against the contract's output schema. */
async function call<M extends CommandMethodName>(method: M, input: unknown): Promise<unknown> {
  const spec = commandMethods[method];
  const parsed = spec.input.parse(input);
  const value = await (handlers[method] as (i: unknown) => unknown)(parsed);
  return spec.output.parse(value);
}

describe('createCommandHandlers', () => {
  it('refuses every call but sign-in without a session', async () => {
    await expect(call('incidents.list', {})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(call('auth.whoami', {})).rejects.toThrow(/sign in first/);
    await expect(call('auth.login', { username: 'admin', password: 'nope' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('runs a session end to end: bootstrap admin, create a commander, open and work an incident, verify the audit', async () => {
    const login = (await call('auth.login', bootstrap)) as { token: string };
    token = login.token;
    expect(await call('auth.whoami', {})).toMatchObject({ user: { username: 'admin', role: 'admin', mustChangePassword: true } });
    await call('users.create', { username: 'zhao.lei', role: 'commander', password: 'commander pw 1' });
    await expect(call('incidents.create', { origin: 'manual', type: 'fire', title: 'x', location: [110.8, 32.6], department: '区消防救援大队' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    token = ((await call('auth.login', { username: 'zhao.lei', password: 'commander pw 1' })) as { token: string }).token;
    const inc = (await call('incidents.create', { origin: 'manual', type: 'hazmat', title: '化工仓库泄漏', location: [110.8, 32.6], department: '区应急管理局', severity: 2 })) as { id: number };
    const matches = (await call('plans.match', { incidentId: inc.id })) as { matches: { planId: string; suggestedLevel: string }[] };
    expect(matches.matches[0]).toMatchObject({ planId: 'hazmat-leak', suggestedLevel: 'III' });
    const act = (await call('plans.activate', { incidentId: inc.id, planId: 'hazmat-leak', level: 'III' })) as { id: number };
    await call('plans.setChecklistItem', { activationId: act.id, itemId: 'hz-iv-assess', done: true });
    expect(await call('audit.verify', {})).toMatchObject({ ok: true });
    const entries = ((await call('audit.list', { target: `incident:${inc.id}` })) as { entries: { action: string; user: string }[] }).entries;
    expect(entries.map((e) => `${e.action}@${e.user}`)).toEqual(['incidents.create@zhao.lei', 'plans.activate@zhao.lei', 'plans.setChecklistItem@zhao.lei']);
    expect(await call('auth.logout', {})).toEqual({ loggedOut: true });
    await expect(call('incidents.list', {})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
