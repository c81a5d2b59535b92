import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { CommandMethodName, CommandMethods } from '../../preload/contract/commandMethods';
import { AuditLog } from '../services/audit/auditLog';
import { verifyAudit } from '../services/audit/verifyAudit';
import type { Actor } from '../services/auth/actor';
import { AuthService } from '../services/auth/authService';
import { CommandError } from '../services/auth/commandError';
import { requirePermission } from '../services/auth/requirePermission';
import { IncidentService } from '../services/incidents/incidentService';
import { PlanService } from '../services/plans/planService';

/** Once commandMethods is merged into `methods`, this equals Pick<Handlers, CommandMethodName>. */
export type CommandHandlers = {
  [M in CommandMethodName]: (input: z.output<CommandMethods[M]['input']>) => z.output<CommandMethods[M]['output']> | Promise<z.output<CommandMethods[M]['output']>>;
};

export interface CommandServices {
  db: Database.Database;
  audit: AuditLog;
  auth: AuthService;
  incidents: IncidentService;
  plans: PlanService;
}

/**
 * Contract methods of the command center. `session` answers the session token of the call being handled (the
 * adapter takes it from the window that called: see the report on dispatch's `context`); every handler but
 * auth.login resolves it to the signed-in user, and the services check the role again and audit refusals.
 */
export function createCommandHandlers(services: CommandServices, session: () => string | null): CommandHandlers {
  const { auth, audit, incidents, plans } = services;
  const caller = (): Actor => {
    const s = auth.session(session());
    if (!s) throw new CommandError('UNAUTHORIZED', '请先登录 / sign in first (no session or it expired)');
    return s.actor;
  };
  return {
    'auth.login': ({ username, password }) => auth.login(username, password),
    'auth.logout': () => {
      caller();
      return { loggedOut: auth.logout(session()) };
    },
    'auth.whoami': () => {
      const s = auth.session(session());
      if (!s) throw new CommandError('UNAUTHORIZED', '请先登录 / sign in first (no session or it expired)');
      return { user: s.user, expiresAt: s.expiresAt };
    },
    'users.list': () => ({ users: auth.listUsers(caller()) }),
    'users.create': (input) => auth.createUser(caller(), input),
    'users.setDisabled': ({ username, disabled }) => auth.setDisabled(caller(), username, disabled),
    'users.setPassword': ({ username, password, currentPassword }) => auth.setPassword(caller(), username, password, currentPassword),
    'incidents.list': ({ open, limit }) => ({ incidents: incidents.list(caller(), { open, limit }) }),
    'incidents.get': ({ id }) => incidents.get(caller(), id),
    'incidents.create': (input) => incidents.create(caller(), input),
    'incidents.transition': ({ id, to, reason }) => incidents.transition(caller(), id, to, reason),
    'incidents.addTask': ({ id, title, assignee, dueAt }) => incidents.addTask(caller(), id, { title, assignee, dueAt }),
    'incidents.setTaskDone': ({ id, taskId, done }) => incidents.setTaskDone(caller(), id, taskId, done),
    'incidents.addNote': ({ id, text }) => incidents.addNote(caller(), id, text),
    'incidents.addAttachment': ({ id, path }) => incidents.addAttachment(caller(), id, path),
    'plans.list': () => ({ plans: plans.list(caller()) }),
    'plans.match': ({ incidentId }) => ({ matches: plans.match(caller(), incidentId) }),
    'plans.activate': ({ incidentId, planId, level }) => plans.activate(caller(), incidentId, planId, level),
    'plans.setLevel': ({ activationId, level, reason }) => plans.setLevel(caller(), activationId, level, reason),
    'plans.setChecklistItem': ({ activationId, itemId, done }) => plans.setChecklistItem(caller(), activationId, itemId, done),
    'audit.list': ({ afterSeq, limit, target }) => {
      requirePermission(audit, caller(), 'audit.list');
      return { entries: audit.list({ afterSeq, limit, target }) };
    },
    'audit.verify': () => {
      const actor = caller();
      requirePermission(audit, actor, 'audit.verify');
      const result = verifyAudit(services.db);
      audit.append(actor, 'audit.verify', null, { ok: result.ok, checked: result.checked, firstBroken: result.firstBroken ?? null });
      return result;
    },
  };
}

/**
 * Builds the command-center services over an open store and puts the demo plans in the library. Returns the
 * bootstrap admin's generated password when the store had no user (print it on the host console only).
 */
export function createCommandServices(
  db: Database.Database,
  options: { now?: () => number; authNow?: () => number; installDemoPlans?: boolean; bootstrapAdmin?: boolean } = {},
): CommandServices & { bootstrap: { username: string; password: string } | null } {
  const audit = new AuditLog(db, options.now);
  // Sessions expire by the wall clock even where the rest runs on an exercise clock (drills).
  const auth = new AuthService(db, audit, { now: options.authNow ?? options.now });
  const incidents = new IncidentService(db, audit, auth, { now: options.now });
  const plans = new PlanService(db, audit, incidents, { now: options.now });
  if (options.installDemoPlans !== false) plans.installDemoPlans();
  const bootstrap = options.bootstrapAdmin ? auth.bootstrapAdmin() : null;
  return { db, audit, auth, incidents, plans, bootstrap };
}
