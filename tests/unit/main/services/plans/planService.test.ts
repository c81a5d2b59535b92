import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activationSchema, planSchema } from '../../../../../preload/contract/commandMethods';
import { verifyAudit } from '../../../../../main/services/audit/verifyAudit';
import { demoPlans } from '../../../../../main/services/plans/demoPlans';
import { validatePlan } from '../../../../../main/services/plans/planService';
import { auditCount, commandTestStore, snapshot, type CommandTestStore } from '../auth/commandTestStore';

let t: CommandTestStore;
beforeEach(() => {
  t = commandTestStore();
});
afterEach(() => t.cleanup());

const flood = (severity = 2) =>
  t.incidents.create(t.actors.operator, { origin: 'map', type: 'flood', title: '百二河水位上涨', location: [110.79, 32.62], department: '区水利和湖泊局', severity });

describe('demo plans', () => {
  it('four plans, valid, marked 演示预案, one per required kind', () => {
    expect(demoPlans.map((p) => p.id)).toEqual(['flood-control', 'urban-waterlogging', 'pipe-burst', 'hazmat-leak']);
    for (const p of demoPlans) {
      expect(planSchema.parse(p)).toEqual(p);
      expect(validatePlan(p)).toEqual(p);
      expect(p.demo).toBe(true);
      expect(p.title.zh).toContain('演示预案');
      expect(p.levels.map((l) => l.level)).toEqual(['IV', 'III', 'II', 'I']);
      for (const l of p.levels) expect(l.triggers.length).toBeGreaterThan(0);
    }
    expect(t.plans.list(t.actors.viewer)).toHaveLength(4);
    expect(t.plans.installDemoPlans()).toBe(0); // idempotent
  });

  it('validatePlan names the plan and the field', () => {
    const bad = structuredClone(demoPlans[0]!);
    bad.levels[1]!.actions[0]!.id = bad.levels[0]!.actions[0]!.id;
    expect(() => validatePlan(bad)).toThrow("plan flood-control: action id 'fc-iv-duty' appears twice");
    const swapped = structuredClone(demoPlans[0]!);
    swapped.levels.reverse();
    expect(() => validatePlan(swapped)).toThrow(/plan flood-control: levels\.0\.level is I, expected IV/);
    expect(() => t.plans.installDemoPlans([{ ...demoPlans[1], incidentTypes: [] }])).toThrow(/plan urban-waterlogging: incidentTypes/);
  });
});

describe('PlanService', () => {
  it('matches plans by incident type, main type first, suggesting the level the severity reaches', () => {
    const { id } = flood(3);
    expect(t.plans.match(t.actors.operator, id).map((m) => [m.planId, m.primary, m.suggestedLevel])).toEqual([
      ['flood-control', true, 'II'],
      ['urban-waterlogging', false, 'II'],
    ]);
    const pipe = t.incidents.create(t.actors.operator, { origin: 'manual', type: 'pipe_burst', title: '人民路供水管爆裂', location: [110.8, 32.64], department: '供排水企业', severity: 1 });
    expect(t.plans.match(t.actors.analyst, pipe.id)).toMatchObject([{ planId: 'pipe-burst', suggestedLevel: 'IV' }]);
    const fire = t.incidents.create(t.actors.operator, { origin: 'manual', type: 'public_security', title: 'x', location: [110.8, 32.64], department: '公安茅箭分局' });
    expect(t.plans.match(t.actors.operator, fire.id)).toEqual([]);
  });

  it('activate at IV, raise to III, two checklist items done, close the incident: timeline and audit show each step with the user', () => {
    const { id } = flood();
    const a = t.plans.activate(t.actors.commander, id, 'flood-control', 'IV');
    expect(activationSchema.parse(a)).toEqual(a);
    expect(a).toMatchObject({ level: 'IV', state: 'active', activatedBy: 'commander1', demo: true });
    expect(a.checklist.map((i) => i.id)).toEqual(['fc-iv-duty', 'fc-iv-monitor', 'fc-iv-warn', 'fc-iv-grid']);
    // an action of a higher level is not on the list yet
    expect(() => t.plans.setChecklistItem(t.actors.operator, a.id, 'fc-iii-teams', true)).toThrow("itemId: 'fc-iii-teams' belongs to level III, the response is at IV");

    t.clock.now += 600_000;
    const raised = t.plans.setLevel(t.actors.commander, a.id, 'III', '百二河超警戒水位');
    expect(raised.level).toBe('III');
    expect(raised.checklist.map((i) => i.level)).toEqual(['IV', 'IV', 'IV', 'IV', 'III', 'III', 'III', 'III']);

    t.clock.now += 60_000;
    t.plans.setChecklistItem(t.actors.operator, a.id, 'fc-iv-duty', true);
    t.clock.now += 60_000;
    const ticked = t.plans.setChecklistItem(t.actors.commander, a.id, 'fc-iii-teams', true);
    expect(ticked.checklist.filter((i) => i.done).map((i) => [i.id, i.doneBy])).toEqual([
      ['fc-iv-duty', 'operator1'],
      ['fc-iii-teams', 'commander1'],
    ]);
    expect(t.incidents.get(t.actors.viewer, id).activePlans).toEqual([{ planId: 'flood-control', level: 'III' }]);

    for (const to of ['verified', 'dispatched', 'in_progress', 'resolved'] as const) t.incidents.transition(t.actors.operator, id, to);
    const closed = t.incidents.transition(t.actors.commander, id, 'closed');
    expect(closed.activations).toMatchObject([{ state: 'ended', level: 'III' }]);
    expect(closed.activePlans).toEqual([]);

    const steps = closed.timeline.map((e) => `${e.kind}@${e.user}`);
    expect(steps).toEqual([
      'created@operator1',
      'plan.activated@commander1',
      'plan.level@commander1',
      'plan.item.done@operator1',
      'plan.item.done@commander1',
      'transition@operator1',
      'transition@operator1',
      'transition@operator1',
      'transition@operator1',
      'transition@commander1',
      'plan.ended@commander1',
    ]);
    expect(closed.timeline[2]!.summary.zh).toBe('commander1 将响应由IV级提升为III级（百二河超警戒水位）');
    expect(t.audit.list({ target: `incident:${id}` }).map((e) => `${e.action}@${e.user}`)).toEqual([
      'incidents.create@operator1',
      'plans.activate@commander1',
      'plans.setLevel@commander1',
      'plans.setChecklistItem@operator1',
      'plans.setChecklistItem@commander1',
      'incidents.transition@operator1',
      'incidents.transition@operator1',
      'incidents.transition@operator1',
      'incidents.transition@operator1',
      'incidents.transition@commander1',
      'plans.end@commander1',
    ]);
    expect(verifyAudit(t.store.db).ok).toBe(true);
    expect(() => t.plans.setChecklistItem(t.actors.operator, a.id, 'fc-iv-warn', true)).toThrow(/activation \d+ has ended/);
  });

  it('refusals name the problem and change nothing; forbidden roles are audited', () => {
    const { id } = flood();
    const before = snapshot(t.store);
    const n = auditCount(t.store);
    expect(() => t.plans.activate(t.actors.commander, id, 'nope', 'IV')).toThrow("planId: no plan 'nope' in the library");
    expect(() => t.plans.activate(t.actors.commander, id, 'pipe-burst', 'IV')).toThrow("planId: plan 'pipe-burst' is for pipe_burst, not for a flood incident");
    expect(() => t.plans.activate(t.actors.commander, 999, 'flood-control', 'IV')).toThrow('id: no incident 999');
    expect(snapshot(t.store)).toBe(before);
    expect(auditCount(t.store)).toBe(n);

    expect(() => t.plans.activate(t.actors.operator, id, 'flood-control', 'IV')).toThrow(/plans\.activate: role 'operator' may not call it/);
    expect(snapshot(t.store)).toBe(before);
    expect(t.audit.list().at(-1)).toMatchObject({ action: 'denied', user: 'operator1', target: `incident:${id}` });

    const a = t.plans.activate(t.actors.commander, id, 'flood-control', 'IV');
    const mid = snapshot(t.store);
    expect(() => t.plans.activate(t.actors.commander, id, 'flood-control', 'III')).toThrow(/already active on incident .* change its level instead/);
    expect(() => t.plans.setLevel(t.actors.commander, a.id, 'IV')).toThrow(`level: activation ${a.id} is already at level IV`);
    expect(() => t.plans.setLevel(t.actors.operator, a.id, 'III')).toThrow(/plans\.setLevel: role 'operator' may not call it/);
    expect(() => t.plans.setChecklistItem(t.actors.viewer, a.id, 'fc-iv-duty', true)).toThrow(/role 'viewer' may not call it/);
    expect(() => t.plans.setChecklistItem(t.actors.operator, a.id, 'fc-iv-duty', false)).toThrow("done: item 'fc-iv-duty' is already not done");
    expect(() => t.plans.setChecklistItem(t.actors.operator, a.id, 'zz', true)).toThrow("itemId: plan 'flood-control' has no checklist item 'zz'");
    expect(() => t.plans.setLevel(t.actors.commander, 999, 'III')).toThrow('activationId: no plan activation 999');
    expect(snapshot(t.store)).toBe(mid);
  });

  it('unchecking an item is recorded too', () => {
    const { id } = flood();
    const a = t.plans.activate(t.actors.commander, id, 'flood-control', 'IV');
    t.plans.setChecklistItem(t.actors.operator, a.id, 'fc-iv-warn', true);
    const undone = t.plans.setChecklistItem(t.actors.operator, a.id, 'fc-iv-warn', false);
    expect(undone.checklist.find((i) => i.id === 'fc-iv-warn')).toMatchObject({ done: false, doneBy: null });
    expect(t.incidents.timeline(id).map((e) => e.kind).slice(-2)).toEqual(['plan.item.done', 'plan.item.undone']);
  });
});
