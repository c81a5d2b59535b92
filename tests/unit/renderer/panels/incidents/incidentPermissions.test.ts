import { describe, expect, it } from 'vitest';
import { incidentStatuses, incidentTransitions, type UserInfo } from '../../../../../preload/contract';
import { denyReason, transitionChoices, transitionNeedsReason } from '../../../../../renderer/panels/incidents/incidentPermissions';

const user = (role: UserInfo['role']): UserInfo => ({ username: `${role}1`, displayName: null, role, disabled: false, mustChangePassword: false, createdAt: 0 });

describe('incidentPermissions', () => {
  it('offers exactly the contract moves from every state, in its order', () => {
    for (const s of incidentStatuses) expect(transitionChoices(s, user('commander')).map((c) => c.to)).toEqual([...incidentTransitions[s]]);
  });

  it('a reason for a false report (reported → closed) and a relapse (resolved → in_progress) only', () => {
    const needing = incidentStatuses.flatMap((from) => incidentTransitions[from].filter((to) => transitionNeedsReason(from, to)).map((to) => `${from}→${to}`));
    expect(needing).toEqual(['reported→closed', 'resolved→in_progress']);
  });

  it('closing is the commander’s; viewers and anonymous may take no step; each refusal says why', () => {
    expect(transitionChoices('resolved', user('commander')).every((c) => c.denied === null)).toBe(true);
    const op = transitionChoices('resolved', user('operator'));
    expect(op.find((c) => c.to === 'closed')!.denied).toMatch(/结案须由指挥长执行/);
    expect(op.find((c) => c.to === 'in_progress')!.denied).toBeNull();
    expect(transitionChoices('reported', user('viewer'))[0]!.denied).toMatch(/^查看无权执行 \/ incidents\.transition/);
    expect(transitionChoices('reported', null)[0]!.denied).toMatch(/请先登录/);
    expect(denyReason('audit.verify', user('admin'))).toBeNull();
    expect(denyReason('audit.verify', user('operator'))).toMatch(/值班员无权执行/);
  });
});
