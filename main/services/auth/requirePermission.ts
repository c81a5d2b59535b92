import { authorize } from '../../../preload/contract/methodRoles';
import type { AuditLog } from '../audit/auditLog';
import type { Actor } from './actor';
import { CommandError } from './commandError';

/**
 * Checks `methodRoles` for the actor's role (defence in depth: the host checks it before dispatching too). A refusal
 * is written to the audit log ('denied', in its own transaction: nothing else changes) and thrown as UNAUTHORIZED.
 */
export function requirePermission(audit: AuditLog, actor: Actor, method: string, target: string | null = null): void {
  const reason = authorize(method, actor.role);
  if (reason === null) return;
  audit.append(actor, 'denied', target, { method, reason });
  throw new CommandError('UNAUTHORIZED', reason);
}
