import type Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { passwordSchema, roleSchema, usernameSchema, type Role, type UserInfo } from '../../../preload/contract/commandMethods';
import type { AuditLog } from '../audit/auditLog';
import type { Actor } from './actor';
import { systemActor } from './actor';
import { CommandError } from './commandError';
import { defaultScryptParams, hashPassword, needsRehash, verifyPassword, type ScryptParams } from './passwordHash';
import { requirePermission } from './requirePermission';

export interface AuthOptions {
  now?: () => number;
  /** How long a session lives (default 12 h: one duty shift). */
  sessionTtlMs?: number;
  scrypt?: ScryptParams;
}

export interface LoginResult {
  token: string;
  expiresAt: number;
  user: UserInfo;
}

export interface SessionInfo {
  actor: Actor;
  user: UserInfo;
  expiresAt: number;
}

interface UserRow {
  id: number;
  username: string;
  display_name: string | null;
  role: Role;
  password_hash: string;
  disabled: number;
  must_change_password: number;
  created_at: number;
}

const toUser = (r: UserRow): UserInfo => ({
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  disabled: r.disabled === 1,
  mustChangePassword: r.must_change_password === 1,
  createdAt: r.created_at,
});

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const WRONG = '用户名或密码错误 / wrong username or password';

/** Parses with a contract schema; a failure names the field. */
function check<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, value: unknown, field: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new CommandError('BAD_INPUT', `${field}: ${r.error.issues.map((i) => i.message).join('; ')}`);
  return r.data;
}

/**
 * Local users, roles and sessions. Passwords are scrypt hashes (random salt, parameters stored with the hash,
 * constant-time compare); sessions are random 256-bit tokens of which only the SHA-256 is stored. Every change and
 * every failed sign-in goes to the audit log in the same transaction.
 */
export class AuthService {
  private readonly now: () => number;
  private readonly ttl: number;
  private readonly scrypt: ScryptParams;
  /** Hash checked when the user does not exist, so the answer takes as long as for a wrong password. */
  private dummyHash: string | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    options: AuthOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.ttl = options.sessionTtlMs ?? 12 * 3600_000;
    this.scrypt = options.scrypt ?? defaultScryptParams;
  }

  private row(username: string): UserRow | undefined {
    return this.db.prepare(`SELECT * FROM cmd_users WHERE username = ?`).get(username) as UserRow | undefined;
  }

  private mustRow(username: string): UserRow {
    const r = this.row(username);
    if (!r) throw new CommandError('NOT_FOUND', `username: no user '${username}'`);
    return r;
  }

  userCount(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM cmd_users`).get() as { n: number }).n;
  }

  getUser(username: string): UserInfo | null {
    const r = this.row(username);
    return r ? toUser(r) : null;
  }

  /** A known, enabled user (e.g. a task assignee). */
  isActiveUser(username: string): boolean {
    const r = this.row(username);
    return !!r && r.disabled === 0;
  }

  listUsers(actor: Actor): UserInfo[] {
    requirePermission(this.audit, actor, 'users.list');
    return (this.db.prepare(`SELECT * FROM cmd_users ORDER BY username`).all() as UserRow[]).map(toUser);
  }

  createUser(actor: Actor, input: { username: string; displayName?: string | null; role: string; password: string; mustChangePassword?: boolean }): UserInfo {
    requirePermission(this.audit, actor, 'users.create', `user:${input.username}`);
    const username = check(usernameSchema, input.username, 'username');
    const role = check(roleSchema, input.role, 'role');
    const password = check(passwordSchema, input.password, 'password');
    if (this.row(username)) throw new CommandError('BAD_INPUT', `username: '${username}' already exists`);
    const hash = hashPassword(password, this.scrypt);
    return this.db.transaction(() => {
      const at = this.now();
      this.db
        .prepare(`INSERT INTO cmd_users (username, display_name, role, password_hash, must_change_password, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .run(username, input.displayName?.trim() || null, role, hash, input.mustChangePassword ? 1 : 0, at, at);
      this.audit.append(actor, 'users.create', `user:${username}`, { role, displayName: input.displayName ?? null, mustChangePassword: !!input.mustChangePassword });
      return toUser(this.mustRow(username));
    })();
  }

  setDisabled(actor: Actor, username: string, disabled: boolean): UserInfo {
    requirePermission(this.audit, actor, 'users.setDisabled', `user:${username}`);
    const r = this.mustRow(username);
    if ((r.disabled === 1) === disabled) throw new CommandError('BAD_INPUT', `disabled: user '${username}' is already ${disabled ? 'disabled' : 'enabled'}`);
    if (disabled && r.role === 'admin') {
      const admins = (this.db.prepare(`SELECT count(*) AS n FROM cmd_users WHERE role = 'admin' AND disabled = 0`).get() as { n: number }).n;
      if (admins <= 1) throw new CommandError('BAD_INPUT', `username: '${username}' is the last enabled administrator (最后一个管理员不能停用)`);
    }
    return this.db.transaction(() => {
      this.db.prepare(`UPDATE cmd_users SET disabled = ?, updated_at = ? WHERE id = ?`).run(disabled ? 1 : 0, this.now(), r.id);
      const revoked = disabled ? this.db.prepare(`DELETE FROM cmd_sessions WHERE user_id = ?`).run(r.id).changes : 0;
      this.audit.append(actor, disabled ? 'users.disable' : 'users.enable', `user:${username}`, { revokedSessions: revoked });
      return toUser(this.mustRow(username));
    })();
  }

  /** Admin sets anyone's password; a user changes their own with the current one. Ends the user's other sessions. */
  setPassword(actor: Actor, username: string, password: string, currentPassword?: string): UserInfo {
    requirePermission(this.audit, actor, 'users.setPassword', `user:${username}`);
    const self = actor.username === username;
    if (!self && actor.role !== 'admin') {
      const reason = `只能修改本人密码 / users.setPassword: role '${actor.role}' may change only its own password`;
      this.audit.append(actor, 'denied', `user:${username}`, { method: 'users.setPassword', reason });
      throw new CommandError('UNAUTHORIZED', reason);
    }
    const r = this.mustRow(username);
    check(passwordSchema, password, 'password');
    if (self && actor.role !== 'admin' && !verifyPassword(currentPassword ?? '', r.password_hash)) {
      throw new CommandError('BAD_INPUT', 'currentPassword: does not match (当前密码不正确)');
    }
    const hash = hashPassword(password, this.scrypt);
    return this.db.transaction(() => {
      this.db.prepare(`UPDATE cmd_users SET password_hash = ?, must_change_password = ?, updated_at = ? WHERE id = ?`).run(hash, self ? 0 : 1, this.now(), r.id);
      const revoked = self ? 0 : this.db.prepare(`DELETE FROM cmd_sessions WHERE user_id = ?`).run(r.id).changes;
      this.audit.append(actor, 'users.setPassword', `user:${username}`, { self, revokedSessions: revoked });
      return toUser(this.mustRow(username));
    })();
  }

  /** Checks the password and opens a session. Failures are audited and all answer the same message. */
  login(username: string, password: string): LoginResult {
    const r = this.row(username);
    if (!r) {
      this.dummyHash ??= hashPassword('not-a-password', this.scrypt);
      verifyPassword(password, this.dummyHash);
    }
    const ok = !!r && verifyPassword(password, r.password_hash);
    if (!r || !ok || r.disabled === 1) {
      const why = !r ? 'unknown user' : !ok ? 'wrong password' : 'disabled';
      this.audit.append({ username: r?.username ?? String(username).slice(0, 64), role: r?.role ?? 'anonymous' }, 'auth.loginFailed', `user:${String(username).slice(0, 64)}`, { why });
      throw new CommandError('UNAUTHORIZED', r && ok ? '账号已停用 / this account is disabled' : WRONG);
    }
    const token = randomBytes(32).toString('base64url');
    const at = this.now();
    const expiresAt = at + this.ttl;
    const rehash = needsRehash(r.password_hash, this.scrypt) ? hashPassword(password, this.scrypt) : null;
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM cmd_sessions WHERE expires_at <= ?`).run(at);
      this.db.prepare(`INSERT INTO cmd_sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`).run(tokenHash(token), r.id, at, expiresAt);
      if (rehash) this.db.prepare(`UPDATE cmd_users SET password_hash = ? WHERE id = ?`).run(rehash, r.id);
      this.audit.append({ username: r.username, role: r.role }, 'auth.login', `user:${r.username}`, { expiresAt });
    })();
    return { token, expiresAt, user: toUser(r) };
  }

  /** The session of a token, or null when unknown, expired or the user is disabled. */
  session(token: string | null | undefined): SessionInfo | null {
    if (!token) return null;
    const row = this.db
      .prepare(`SELECT u.*, s.expires_at FROM cmd_sessions s JOIN cmd_users u ON u.id = s.user_id WHERE s.token_hash = ?`)
      .get(tokenHash(token)) as (UserRow & { expires_at: number }) | undefined;
    if (!row || row.expires_at <= this.now() || row.disabled === 1) return null;
    return { actor: { userId: row.id, username: row.username, role: row.role }, user: toUser(row), expiresAt: row.expires_at };
  }

  logout(token: string | null | undefined): boolean {
    const s = this.session(token);
    if (!s || !token) return false;
    return this.db.transaction(() => {
      this.db.prepare(`DELETE FROM cmd_sessions WHERE token_hash = ?`).run(tokenHash(token));
      this.audit.append(s.actor, 'auth.logout', `user:${s.actor.username}`, {});
      return true;
    })();
  }

  /**
   * First start with no users: creates 'admin' with a random password that must be changed at the first sign-in and
   * returns it once (the host prints it to its own console, never to a window or a log file). Null when users exist.
   */
  bootstrapAdmin(): { username: string; password: string } | null {
    if (this.userCount() > 0) return null;
    const password = randomBytes(15).toString('base64url');
    const hash = hashPassword(password, this.scrypt);
    return this.db.transaction(() => {
      if (this.userCount() > 0) return null;
      const at = this.now();
      this.db
        .prepare(`INSERT INTO cmd_users (username, display_name, role, password_hash, must_change_password, created_at, updated_at) VALUES ('admin', '系统管理员', 'admin', ?, 1, ?, ?)`)
        .run(hash, at, at);
      this.audit.append(systemActor, 'users.bootstrap', 'user:admin', { role: 'admin', mustChangePassword: true });
      return { username: 'admin', password };
    })();
  }
}
