import { describe, expect, it } from 'vitest';
import { cameraMethods } from '../../../../preload/contract/cameraMethods';
import { commandMethods } from '../../../../preload/contract/commandMethods';
import { drainageMethods } from '../../../../preload/contract/drainageMethods';
import { methods } from '../../../../preload/contract/methods';
import { authorize, methodRoles, roleNames } from '../../../../preload/contract/methodRoles';

describe('methodRoles', () => {
  it('declares every contract method and nothing else', () => {
    const names = [...Object.keys(methods), ...Object.keys(commandMethods), ...Object.keys(cameraMethods), ...Object.keys(drainageMethods)];
    expect(Object.keys(methodRoles).sort()).toEqual([...new Set(names)].sort());
    for (const roles of Object.values(methodRoles)) expect(roles.length).toBeGreaterThan(0);
  });

  it('authorize answers null when allowed and a reason naming method and role when refused', () => {
    expect(authorize('plans.activate', 'commander')).toBeNull();
    expect(authorize('plans.activate', 'operator')).toBe("值班员无权执行 / plans.activate: role 'operator' may not call it (allowed: commander)");
    expect(authorize('users.create', 'commander')).toMatch(/users\.create: role 'commander' may not call it \(allowed: admin\)/);
    expect(authorize('incidents.list', null)).toBe('请先登录 / incidents.list: sign in first');
    expect(authorize('auth.login', null)).toBeNull();
    expect(authorize('nope.never', 'admin')).toMatch(/nope\.never: not in the permission table/);
  });

  it('viewers and analysts change no incident; admin runs no operations; the situation is readable without signing in, changes are not', () => {
    for (const m of ['incidents.create', 'incidents.transition', 'plans.activate', 'plans.setChecklistItem', 'alarms.acknowledge']) {
      expect(authorize(m, 'viewer')).not.toBeNull();
      expect(authorize(m, 'analyst')).not.toBeNull();
      expect(authorize(m, 'admin')).not.toBeNull();
    }
    for (const role of roleNames) expect(authorize('features.query', role)).toBeNull();
    // The wall on the host's own machine reads the situation anonymously; every change needs a role.
    for (const m of ['features.query', 'stations.live', 'alarms.list', 'dashboard.summary', 'linkage.analyze']) expect(authorize(m, null), m).toBeNull();
    for (const m of ['alarms.acknowledge', 'rules.upsert', 'import.start', 'incidents.list', 'incidents.create', 'audit.list', 'users.create']) expect(authorize(m, null), m).toMatch(/sign in first/);
  });
});
