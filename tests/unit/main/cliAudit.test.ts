import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAuditCli } from '../../../main/cliAudit';
import { AuditLog } from '../../../main/services/audit/auditLog';
import { AuthService } from '../../../main/services/auth/authService';
import { openStore } from '../../../main/store/openStore';
import { fileFingerprint, tempDir } from '../../helpers/tempStore';

let dir: string;
let cleanup: () => void;
let storePath: string;
let stdout: string[];
let stderr: string[];
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  storePath = join(dir, 's.gpkg');
  const s = openStore(storePath);
  const audit = new AuditLog(s.db);
  for (let i = 0; i < 4; i++) audit.append({ username: 'operator1', role: 'operator' }, 'incidents.addNote', 'incident:1', { i });
  s.close();
  stdout = [];
  stderr = [];
});
afterEach(() => cleanup());
const run = (command: 'audit' | 'user', args: string[], stdin = '') =>
  runAuditCli(command, args, (s) => stdout.push(s), (s) => stderr.push(s), async () => stdin);

describe('cityops audit verify', () => {
  it('exits 0 on an intact log without touching the file', async () => {
    const before = fileFingerprint(storePath);
    expect(await run('audit', ['verify', '--store', storePath])).toBe(0);
    expect(stdout[0]).toMatch(/^审计日志完整 audit log intact: 4 records, head 4:[0-9a-f]{64}$/);
    expect(fileFingerprint(storePath)).toBe(before);
    stdout = [];
    expect(await run('audit', ['verify', '--store', storePath, '--json'])).toBe(0);
    expect(JSON.parse(stdout.join('\n'))).toMatchObject({ ok: true, checked: 4 });
  });

  it('exits 1 naming the first broken record after a direct edit', async () => {
    const s = openStore(storePath);
    s.db.exec(`DROP TRIGGER audit_log_no_update`);
    s.db.prepare(`UPDATE audit_log SET action = 'nothing' WHERE seq = 3`).run();
    s.close();
    expect(await run('audit', ['verify', '--store', storePath])).toBe(1);
    expect(stderr[0]).toMatch(/audit log BROKEN at record 3: .*does not match its hash.*\(2 records verified before it\)/);
    expect(await run('audit', ['verify', '--store', storePath, '--json'])).toBe(1);
    expect(JSON.parse(stdout.join('\n'))).toMatchObject({ ok: false, firstBroken: { seq: 3 } });
  });

  it('checks an anchor; usage errors exit 2; a missing store exits 1 and is not created', async () => {
    expect(await run('audit', ['verify', '--store', storePath, '--anchor', `2:${'0'.repeat(64)}`])).toBe(1);
    expect(stderr.at(-1)).toMatch(/record 2 differs from the anchor/);
    expect(await run('audit', ['verify', '--anchor', 'abc', '--store', storePath])).toBe(2);
    expect(await run('audit', ['verify', '--bogus'])).toBe(2);
    expect(await run('audit', ['frobnicate'])).toBe(2);
    expect(await run('audit', ['verify', '--store', join(dir, 'none.gpkg')])).toBe(1);
    expect(existsSync(join(dir, 'none.gpkg'))).toBe(false);
  });
});

describe('cityops user add', () => {
  it('adds a user with a generated password printed once, audited as the CLI user', async () => {
    expect(await run('user', ['add', 'wang.fang', '--role', 'admin', '--display-name', '王芳', '--store', storePath])).toBe(0);
    const password = /initial password .*: (\S+)$/.exec(stdout[1]!)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const s = openStore(storePath);
    try {
      const audit = new AuditLog(s.db);
      const login = new AuthService(s.db, audit).login('wang.fang', password!);
      expect(login.user).toMatchObject({ role: 'admin', displayName: '王芳', mustChangePassword: true });
      expect(audit.list().find((e) => e.action === 'users.create')?.user).toMatch(/^cli:/);
    } finally {
      s.close();
    }
    stdout = [];
    expect(await run('user', ['list', '--store', storePath, '--json'])).toBe(0);
    expect(JSON.parse(stdout.join('\n'))).toEqual([{ username: 'wang.fang', displayName: '王芳', role: 'admin', disabled: false }]);
  });

  it('--password-stdin takes the first line; bad input exits 1, usage 2, and nothing is added', async () => {
    expect(await run('user', ['add', 'li.lei', '--role', 'operator', '--password-stdin', '--store', storePath], 'a good password 1\n')).toBe(0);
    expect(stdout.join('\n')).not.toMatch(/initial password/);
    expect(await run('user', ['add', 'li.lei', '--role', 'operator', '--password-stdin', '--store', storePath], 'another password\n')).toBe(1);
    expect(stderr.at(-1)).toMatch(/username: 'li.lei' already exists/);
    expect(await run('user', ['add', 'han.mei', '--role', 'operator', '--password-stdin', '--store', storePath], 'short\n')).toBe(1);
    expect(stderr.at(-1)).toMatch(/password: at least 10 characters/);
    expect(await run('user', ['add', 'han.mei', '--role', 'root', '--store', storePath])).toBe(1);
    expect(stderr.at(-1)).toMatch(/^cityops: role: /);
    expect(await run('user', ['add', 'han.mei', '--store', storePath])).toBe(2);
    expect(await run('user', ['add', '--role', 'viewer', '--store', storePath])).toBe(2);
    stdout = [];
    await run('user', ['list', '--store', storePath]);
    expect(stdout).toEqual(['li.lei\toperator\tenabled\t']);
  });
});
