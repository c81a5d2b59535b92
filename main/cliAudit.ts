import { randomBytes } from 'node:crypto';
import type { ParseArgsConfig } from 'node:util';
import { parseCommandArgs } from './cliArgs';
import { resolveStorePath } from './appPaths';
import { AuditLog } from './services/audit/auditLog';
import { verifyAudit } from './services/audit/verifyAudit';
import { cliActor } from './services/auth/actor';
import { AuthService } from './services/auth/authService';
import { existsSync } from 'node:fs';
import { inspectStoreFile, openStore, peekReadOnly, StoreRefusedError } from './store/openStore';

export const auditUsage = `  cityops audit verify [--store PATH] [--json] [--anchor SEQ:HASH]
                                            check the hash chain of the audit log (read-only); exit 0 when
                                            intact, 1 with the first broken record. --anchor: a head printed
                                            by an earlier run, kept elsewhere, to catch a rewritten chain
  cityops user add NAME --role viewer|operator|commander|analyst|admin|controller [--display-name TEXT]
                   [--password-stdin] [--store PATH]
                                            add a local user; without --password-stdin a random password is
                                            generated and printed once (the user changes it at first sign-in)
  cityops user list [--store PATH] [--json] the local users and their roles`;

class AuditUsageError extends Error {}
type Out = (s: string) => void;

const parse = (args: string[], options: NonNullable<ParseArgsConfig['options']>, positionals: number, what: string) =>
  parseCommandArgs(args, options, positionals, what, (m) => new AuditUsageError(m));

/**
 * `cityops audit …` and `cityops user …`. Returns the exit code: 0 ok, 1 broken chain / bad input / store refused,
 * 2 usage. `readStdin` gives the password for --password-stdin (its first line).
 */
export async function runAuditCli(command: 'audit' | 'user', argv: string[], out: Out, err: Out, readStdin: () => Promise<string> = readProcessStdin): Promise<number> {
  try {
    const [sub, ...args] = argv;
    if (command === 'audit' && sub === 'verify') return auditVerify(args, out, err);
    if (command === 'user' && sub === 'add') return await userAdd(args, out, readStdin);
    if (command === 'user' && sub === 'list') return userList(args, out);
    throw new AuditUsageError(`unknown ${command} command '${sub ?? ''}' (${command === 'audit' ? 'verify' : 'add, list'})`);
  } catch (e) {
    if (e instanceof AuditUsageError) {
      err(`cityops: ${e.message}\n\nUsage:\n${auditUsage}`);
      return 2;
    }
    if (e instanceof StoreRefusedError || ['BAD_INPUT', 'NOT_FOUND', 'STORE_REFUSED', 'UNAUTHORIZED'].includes((e as { code?: string }).code ?? '')) {
      err(`cityops: ${(e as Error).message}`);
      return 1;
    }
    throw e;
  }
}

function auditVerify(argv: string[], out: Out, err: Out): number {
  const { values } = parse(argv, { store: { type: 'string' }, json: { type: 'boolean' }, anchor: { type: 'string' } }, 0, 'audit verify takes no positional arguments');
  let anchor: { seq: number; hash: string } | undefined;
  if (values.anchor !== undefined) {
    const m = /^(\d+):([0-9a-f]{64})$/.exec(String(values.anchor));
    if (!m) throw new AuditUsageError(`--anchor: '${String(values.anchor)}' is not SEQ:HASH (hash: 64 hex digits)`);
    anchor = { seq: Number(m[1]), hash: m[2]! };
  }
  const path = resolveStorePath(values.store as string | undefined);
  if (!existsSync(path)) throw new StoreRefusedError(`${path}: no such store`);
  const schemaVersion = inspectStoreFile(path);
  // peekReadOnly leaves the folder as it was (no -wal/-shm left behind): verifying changes no byte.
  return peekReadOnly(path, (db) => {
    const hasLog = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'`).get();
    if (!hasLog) {
      err(`cityops: ${path}: no audit log (store schema ${schemaVersion}; the audit log comes with schema 8: open the store with this version once)`);
      return 1;
    }
    const r = verifyAudit(db, anchor);
    if (values.json) out(JSON.stringify(r, null, 2));
    else if (r.ok) out(`审计日志完整 audit log intact: ${r.checked} records${r.head ? `, head ${r.head.seq}:${r.head.hash}` : ''}`);
    else err(`审计日志被篡改 audit log BROKEN at record ${r.firstBroken!.seq}: ${r.firstBroken!.reason} (${r.checked} records verified before it)`);
    return r.ok ? 0 : 1;
  });
}

async function userAdd(argv: string[], out: Out, readStdin: () => Promise<string>): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { role: { type: 'string' }, 'display-name': { type: 'string' }, 'password-stdin': { type: 'boolean' }, store: { type: 'string' } },
    1,
    'user add needs exactly one NAME',
  );
  if (!values.role) throw new AuditUsageError('user add needs --role viewer|operator|commander|analyst|admin|controller');
  let password: string;
  let generated = false;
  if (values['password-stdin']) {
    password = (await readStdin()).split(/\r?\n/)[0] ?? '';
  } else {
    password = randomBytes(15).toString('base64url');
    generated = true;
  }
  const store = openStore(resolveStorePath(values.store as string | undefined));
  try {
    const audit = new AuditLog(store.db);
    const auth = new AuthService(store.db, audit);
    const user = auth.createUser(cliActor(), {
      username: positionals[0]!,
      role: String(values.role),
      displayName: values['display-name'] as string | undefined,
      password,
      mustChangePassword: generated,
    });
    out(`用户已创建 user created: ${user.username} (${user.role})`);
    if (generated) out(`初始密码 initial password (shown once, change it at first sign-in): ${password}`);
    return 0;
  } finally {
    store.close();
  }
}

function userList(argv: string[], out: Out): number {
  const { values } = parse(argv, { store: { type: 'string' }, json: { type: 'boolean' } }, 0, 'user list takes no positional arguments');
  const path = resolveStorePath(values.store as string | undefined);
  if (!existsSync(path)) throw new StoreRefusedError(`${path}: no such store`);
  inspectStoreFile(path);
  const rows = peekReadOnly(path, (db) =>
    db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cmd_users'`).get()
      ? (db.prepare(`SELECT username, display_name AS displayName, role, disabled FROM cmd_users ORDER BY username`).all() as { username: string; displayName: string | null; role: string; disabled: number }[])
      : [],
  );
  if (values.json) out(JSON.stringify(rows.map((r) => ({ ...r, disabled: r.disabled === 1 })), null, 2));
  else for (const r of rows) out(`${r.username}\t${r.role}\t${r.disabled ? 'disabled' : 'enabled'}\t${r.displayName ?? ''}`);
  return 0;
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
