import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../../../../main/services/audit/verifyAudit';
import { auditCount, commandTestStore, PASSWORD, snapshot, type CommandTestStore } from './commandTestStore';

let t: CommandTestStore;
beforeEach(() => {
  t = commandTestStore({ plans: false });
});
afterEach(() => t.cleanup());

describe('AuthService', () => {
  it('logs in, resolves the session, expires it after the TTL and logs out', () => {
    const { token, expiresAt, user } = t.auth.login('operator1', PASSWORD);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(user).toMatchObject({ username: 'operator1', role: 'operator', disabled: false });
    expect(t.auth.session(token)?.actor).toMatchObject({ username: 'operator1', role: 'operator' });
    // only the token's hash is stored
    const stored = t.store.db.prepare(`SELECT token_hash FROM cmd_sessions`).all() as { token_hash: string }[];
    expect(stored.some((s) => s.token_hash === token)).toBe(false);
    t.clock.now = expiresAt;
    expect(t.auth.session(token)).toBeNull();
    t.clock.now = expiresAt - 1;
    expect(t.auth.logout(token)).toBe(true);
    expect(t.auth.session(token)).toBeNull();
    expect(t.auth.logout(token)).toBe(false);
    expect(t.audit.list().map((e) => e.action).slice(-2)).toEqual(['auth.login', 'auth.logout']);
  });

  it('a wrong password or an unknown user answers the same, is audited and opens no session', () => {
    const sessions = () => (t.store.db.prepare(`SELECT count(*) AS n FROM cmd_sessions`).get() as { n: number }).n;
    const before = sessions();
    expect(() => t.auth.login('operator1', 'wrong password!')).toThrow(/用户名或密码错误 \/ wrong username or password/);
    expect(() => t.auth.login('nobody', PASSWORD)).toThrow(/用户名或密码错误 \/ wrong username or password/);
    expect(sessions()).toBe(before);
    expect(t.audit.list().slice(-2).map((e) => [e.action, e.target, e.details.why])).toEqual([
      ['auth.loginFailed', 'user:operator1', 'wrong password'],
      ['auth.loginFailed', 'user:nobody', 'unknown user'],
    ]);
  });

  it('only admin creates users; a refusal is audited and changes nothing else', () => {
    const before = snapshot(t.store);
    const n = auditCount(t.store);
    expect(() => t.auth.createUser(t.actors.commander, { username: 'eve', role: 'admin', password: 'long enough pw' })).toThrow(/users\.create: role 'commander' may not call it/);
    expect(snapshot(t.store)).toBe(before);
    expect(auditCount(t.store)).toBe(n + 1);
    expect(t.audit.list().at(-1)).toMatchObject({ action: 'denied', user: 'commander1', role: 'commander', target: 'user:eve', details: { method: 'users.create' } });
    const u = t.auth.createUser(t.actors.admin, { username: 'zhang.wei', displayName: '张伟', role: 'operator', password: 'long enough pw' });
    expect(u).toMatchObject({ username: 'zhang.wei', displayName: '张伟', role: 'operator' });
    expect(t.audit.list().at(-1)).toMatchObject({ action: 'users.create', user: 'admin1', target: 'user:zhang.wei' });
  });

  it('refuses bad user input naming the field, and duplicates', () => {
    const admin = t.actors.admin;
    expect(() => t.auth.createUser(admin, { username: 'Bad Name', role: 'viewer', password: 'long enough pw' })).toThrow(/^username: /);
    expect(() => t.auth.createUser(admin, { username: 'ok', role: 'root', password: 'long enough pw' })).toThrow(/^role: /);
    expect(() => t.auth.createUser(admin, { username: 'ok', role: 'viewer', password: 'short' })).toThrow(/password: at least 10 characters/);
    expect(() => t.auth.createUser(admin, { username: 'viewer1', role: 'viewer', password: 'long enough pw' })).toThrow(/username: 'viewer1' already exists/);
  });

  it('disabling ends the sessions and blocks sign-in; the last admin cannot be disabled', () => {
    const { token } = t.auth.login('viewer1', PASSWORD);
    t.auth.setDisabled(t.actors.admin, 'viewer1', true);
    expect(t.auth.session(token)).toBeNull();
    expect(() => t.auth.login('viewer1', PASSWORD)).toThrow(/账号已停用 \/ this account is disabled/);
    expect(() => t.auth.setDisabled(t.actors.admin, 'admin1', true)).toThrow(/last enabled administrator/);
    expect(() => t.auth.setDisabled(t.actors.operator, 'viewer1', false)).toThrow(/role 'operator' may not call it/);
    t.auth.setDisabled(t.actors.admin, 'viewer1', false);
    expect(t.auth.login('viewer1', PASSWORD).user.disabled).toBe(false);
  });

  it('a user changes their own password with the current one; only admin sets another', () => {
    expect(() => t.auth.setPassword(t.actors.operator, 'operator1', 'new password 22', 'wrong')).toThrow(/currentPassword: does not match/);
    t.auth.setPassword(t.actors.operator, 'operator1', 'new password 22', PASSWORD);
    expect(() => t.auth.login('operator1', PASSWORD)).toThrow(/wrong username or password/);
    expect(t.auth.login('operator1', 'new password 22').user.mustChangePassword).toBe(false);
    const before = snapshot(t.store);
    expect(() => t.auth.setPassword(t.actors.operator, 'viewer1', 'new password 22')).toThrow(/may change only its own password/);
    expect(snapshot(t.store)).toBe(before);
    const u = t.auth.setPassword(t.actors.admin, 'viewer1', 'reset password 3');
    expect(u.mustChangePassword).toBe(true);
  });

  it('bootstraps one admin with a generated password on an empty store, once', () => {
    const e = commandTestStore({ users: false, plans: false });
    try {
      const first = e.auth.bootstrapAdmin();
      expect(first?.username).toBe('admin');
      expect(first!.password).toMatch(/^[A-Za-z0-9_-]{20}$/);
      expect(e.auth.bootstrapAdmin()).toBeNull();
      const login = e.auth.login('admin', first!.password);
      expect(login.user).toMatchObject({ role: 'admin', mustChangePassword: true });
      expect(e.audit.list().map((a) => [a.action, a.user])).toEqual([
        ['users.bootstrap', 'system'],
        ['auth.login', 'admin'],
      ]);
      expect(JSON.stringify(e.audit.list())).not.toContain(first!.password);
      expect(verifyAudit(e.store.db).ok).toBe(true);
    } finally {
      e.cleanup();
    }
  });
});
