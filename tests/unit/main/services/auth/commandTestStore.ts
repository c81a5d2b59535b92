import { join } from 'node:path';
import type { Role } from '../../../../../preload/contract/commandMethods';
import { AuditLog } from '../../../../../main/services/audit/auditLog';
import type { Actor } from '../../../../../main/services/auth/actor';
import { AuthService } from '../../../../../main/services/auth/authService';
import { IncidentService } from '../../../../../main/services/incidents/incidentService';
import { PlanService } from '../../../../../main/services/plans/planService';
import { openStore, type Store } from '../../../../../main/store/openStore';
import { tempDir } from '../../../../helpers/tempStore';

/** Cheap scrypt parameters for tests (the format and the code path are the same). */
export const testScrypt = { N: 2 ** 10, r: 8, p: 1 };
export const T0 = Date.UTC(2026, 6, 20, 1, 30);

export interface CommandTestStore {
  dir: string;
  store: Store;
  audit: AuditLog;
  auth: AuthService;
  incidents: IncidentService;
  plans: PlanService;
  clock: { now: number };
  /** One enabled user per role: admin1, operator1, commander1, analyst1, viewer1 (password 'correct horse 1'). */
  actors: Record<Role, Actor>;
  cleanup(): void;
}

export const PASSWORD = 'correct horse 1';

export function commandTestStore(options: { users?: boolean; plans?: boolean } = {}): CommandTestStore {
  const t = tempDir('cityops-command-');
  const store = openStore(join(t.dir, 'store.gpkg'));
  const clock = { now: T0 };
  const now = () => clock.now;
  const audit = new AuditLog(store.db, now);
  const auth = new AuthService(store.db, audit, { now, scrypt: testScrypt });
  const incidents = new IncidentService(store.db, audit, auth, { now });
  const plans = new PlanService(store.db, audit, incidents, { now });
  const actors = {} as Record<Role, Actor>;
  if (options.users !== false) {
    const cli: Actor = { userId: null, username: 'cli:test', role: 'admin' };
    for (const role of ['admin', 'operator', 'commander', 'analyst', 'viewer'] as const) {
      auth.createUser(cli, { username: `${role}1`, role, password: PASSWORD });
      actors[role] = auth.session(auth.login(`${role}1`, PASSWORD).token)!.actor;
    }
  }
  if (options.plans !== false) plans.installDemoPlans();
  return {
    dir: t.dir,
    store,
    audit,
    auth,
    incidents,
    plans,
    clock,
    actors,
    cleanup: () => {
      store.close();
      t.cleanup();
    },
  };
}

/** Every row of the command-center tables except the audit log: to prove a refusal changed nothing. */
export function snapshot(store: Store): string {
  const tables = ['cmd_users', 'cmd_sessions', 'inc_incidents', 'inc_tasks', 'inc_notes', 'inc_attachments', 'inc_timeline', 'plan_library', 'plan_activations', 'plan_checklist'];
  return JSON.stringify(tables.map((t) => store.db.prepare(`SELECT * FROM ${t}`).all()));
}

export const auditCount = (store: Store) => (store.db.prepare(`SELECT count(*) AS n FROM audit_log`).get() as { n: number }).n;
