import { authorize, incidentTransitions, type IncidentStatus, type MethodName, type UserInfo } from '../../../preload/contract';

/** null when the signed-in user may call the method; otherwise why not (zh-CN / English), for a disabled button's tooltip. */
export function denyReason(method: MethodName, user: UserInfo | null): string | null {
  return authorize(method, user?.role ?? null);
}

/**
 * The contract's lifecycle rules the permission table does not carry: reported → closed (误报, a false report) and
 * resolved → in_progress (复发, a relapse) need a reason; closing (结案) is the commander's.
 */
export function transitionNeedsReason(from: IncidentStatus, to: IncidentStatus): boolean {
  return (from === 'reported' && to === 'closed') || (from === 'resolved' && to === 'in_progress');
}

export interface TransitionChoice {
  to: IncidentStatus;
  needsReason: boolean;
  /** null: the user may take this step; otherwise why not. */
  denied: string | null;
}

/** The moves the contract allows from `status`, each with whether it needs a reason and whether this user may take it. */
export function transitionChoices(status: IncidentStatus, user: UserInfo | null): TransitionChoice[] {
  const base = denyReason('incidents.transition', user);
  return incidentTransitions[status].map((to) => ({
    to,
    needsReason: transitionNeedsReason(status, to),
    denied: base ?? (to === 'closed' && user?.role !== 'commander' ? `结案须由指挥长执行 / closing is the commander's (role '${user?.role ?? 'anonymous'}')` : null),
  }));
}
