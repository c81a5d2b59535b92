import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cameraAdminMethods } from '../../../../preload/contract/cameraAdminMethods';
import type { Actor } from '../../../../main/services/auth/actor';
import { CameraAdmin } from '../../../../main/services/cameras/cameraAdmin';
import { createCameraAdminHandlers } from '../../../../main/rpc/cameraAdminHandlers';
import { toErrorBody } from '../../../../main/rpc/dispatch';
import { commandTestStore, type CommandTestStore } from '../services/auth/commandTestStore';

let t: CommandTestStore;
beforeEach(() => {
  t = commandTestStore({ plans: false });
});
afterEach(() => t.cleanup());

/** What dispatch does: the contract parses the input, the handler runs, a thrown error becomes a typed body. */
function call(handlers: ReturnType<typeof createCameraAdminHandlers>, method: keyof typeof cameraAdminMethods, raw: unknown) {
  const input = cameraAdminMethods[method].input.parse(raw);
  try {
    const value = (handlers[method] as (i: unknown) => unknown)(input);
    return { ok: true as const, value: cameraAdminMethods[method].output.parse(value) };
  } catch (err) {
    return { ok: false as const, error: toErrorBody(err, method) };
  }
}

describe('createCameraAdminHandlers', () => {
  it('runs as the signed-in caller; with no caller the call is refused as UNAUTHORIZED', () => {
    let who: Actor | null = null;
    const handlers = createCameraAdminHandlers(new CameraAdmin(t.store.db, t.audit), () => who);
    const input = { externalId: 'H1', name: '测试枪机', camType: 'bullet', status: 'online', lon: 110.8, lat: 32.6 };
    expect(call(handlers, 'cameras.create', input)).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: '请先登录 / sign in first (no session or it expired)' } });
    who = t.actors.analyst;
    expect(call(handlers, 'cameras.create', input)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    who = t.actors.admin;
    const created = call(handlers, 'cameras.create', input);
    expect(created).toMatchObject({ ok: true, value: { camera: { externalId: 'H1', camType: 'bullet' } } });
    expect(call(handlers, 'cameras.update', { id: 'H1', heading: 45 })).toMatchObject({ ok: true, value: { changed: ['heading'], camera: { heading: 45 } } });
    expect(call(handlers, 'cameras.update', { id: 'H1', externalId: 'H1' })).toMatchObject({ ok: true, value: { changed: [], auditSeq: null } });
    expect(call(handlers, 'cameras.delete', { id: 'H1' })).toMatchObject({ ok: true, value: { deleted: { externalId: 'H1' } } });
    expect(call(handlers, 'cameras.delete', { id: 'H1' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'id: 没有编号为 H1 的摄像机 / no camera with id H1' } });
    expect(t.audit.list().filter((e) => e.target === 'camera:H1').map((e) => `${e.user} ${e.action}`)).toEqual([
      'analyst1 denied',
      'admin1 cameras.create',
      'admin1 cameras.update',
      'admin1 cameras.delete',
    ]);
  });

  it("a rule the contract cannot check (the district extent) comes back as BAD_INPUT naming the field", () => {
    const handlers = createCameraAdminHandlers(new CameraAdmin(t.store.db, t.audit), () => t.actors.admin);
    const r = call(handlers, 'cameras.create', { externalId: 'H2', name: '北京的摄像机', camType: 'dome', status: 'online', lon: 10, lat: 32.6 });
    expect(r).toEqual({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/^cameras\.create: lon: 经度 10 超出合理范围 73…136/) } });
  });
});
