import type { EmergencyPlan } from '../../../preload/contract/commandMethods';
import type { DrillEvaluation, DrillMetric } from '../../../preload/contract/drillMethods';
import type { DrillInject, DrillScenario, ExpectedAction } from '../../../preload/contract/drillScenario';
import { formatDurationZh, levelZh } from './drillFormat';
import { objectiveList } from './drillObjectives';
import { WRONG_LEVEL, expectationKey } from './evaluateDrill';

/**
 * Appendix A, Improvement Plan (改进计划 / 纠正行动): one proposed corrective action per expected action missed, late
 * or done at the wrong level, and per evaluator note rated M or U. The owner (责任单位) is taken from the data: a
 * checklist item → the units of that plan action; a plan activation → the plan's lead unit; the rest → the lead unit
 * of the exercise's first plan, the field report's department, else the organiser; null when none is known
 * (printed 待定). POC, start and due are never guessed.
 */
export interface CorrectiveAction {
  no: number;
  /** Objective / capability the issue belongs to ('—' if none). */
  capability: string;
  issue: string;
  /** The proposed corrective action (建议), zh and en. */
  action: { zh: string; en: string };
  owner: string | null;
  /** The replay moment of the issue (the late event, or the inject start when nothing happened). */
  at: number | null;
  seq: number | null;
  injectId: string | null;
}

/** The expectation a per-inject metric measures (ids as made by evaluateDrill, `#n` suffix ignored). */
export function expectationOfMetric(m: DrillMetric, injects: DrillInject[]): { inject: DrillInject; exp: ExpectedAction } | null {
  if (m.injectId === null) return null;
  const inject = injects.find((i) => i.id === m.injectId);
  if (!inject) return null;
  const id = m.id.replace(/#\d+$/, '');
  for (const exp of inject.expected) if (expectationKey(inject.id, exp) === id) return { inject, exp };
  return null;
}

export function capabilityOf(scenario: DrillScenario, objectiveIds: string[]): string {
  const all = objectiveList(scenario);
  const names = objectiveIds.map((id) => {
    const o = all.find((x) => x.id === id);
    return o ? `${o.id} ${o.capability ?? o.text}` : id;
  });
  return names.length ? names.join('；') : '—';
}

function planAction(plans: readonly EmergencyPlan[], itemId: string) {
  for (const p of plans) for (const l of p.levels) for (const a of l.actions) if (a.id === itemId) return { plan: p, action: a };
  return null;
}

function defaultOwner(scenario: DrillScenario, plans: readonly EmergencyPlan[], inject: DrillInject | null): string | null {
  if (inject?.kind === 'field-report') return inject.report.department;
  for (const ref of scenario.exercise.plans) {
    const p = plans.find((x) => x.id === ref.plan);
    if (p) return p.leadUnit;
  }
  return scenario.exercise.organizer?.trim() || null;
}

function proposal(exp: ExpectedAction, inject: DrillInject, m: DrillMetric, plans: readonly EmergencyPlan[], wrongLevel: boolean): { zh: string; en: string } {
  const limit = formatDurationZh(m.limitMs);
  switch (exp.action) {
    case 'alarm.raised':
      return {
        zh: `核查${inject.kind === 'telemetry' ? `测站 ${inject.station} ${inject.element} ` : ''}数据接收、解析与告警规则链路，确保${limit}内产生告警`,
        en: 'Check the receive → parse → alarm-rule path so the alarm is raised within the limit',
      };
    case 'alarm.acknowledged':
      return { zh: `加强值班值守，告警产生后${limit}内确认`, en: 'Strengthen the duty watch: acknowledge alarms within the limit' };
    case 'incident.created':
      return { zh: `规范告警研判与事件建立流程，${limit}内建立事件`, en: 'Set the alarm assessment → incident procedure: create the incident within the limit' };
    case 'plan.activated': {
      const p = plans.find((x) => x.id === exp.plan);
      const name = p ? p.title.zh : exp.plan;
      return wrongLevel
        ? { zh: `对照${name}启动条件开展研判培训，按${levelZh(exp.level)}启动响应`, en: `Train on the plan's trigger conditions: activate at level ${exp.level}` }
        : { zh: `${limit}内启动${name}${levelZh(exp.level)}响应`, en: `Activate the plan at level ${exp.level} within the limit` };
    }
    case 'checklist.done': {
      const a = planAction(plans, exp.item);
      return { zh: `落实「${a ? a.action.text.zh : exp.item}」，${limit}内完成并在系统中勾选`, en: `Carry out “${a ? a.action.text.en : exp.item}” and tick it within the limit` };
    }
    case 'report.sent':
      return { zh: `规范信息报告流程，${limit}内向上级首报`, en: 'Send the first report to the superior within the limit' };
  }
}

function ownerFor(exp: ExpectedAction, inject: DrillInject, scenario: DrillScenario, plans: readonly EmergencyPlan[]): string | null {
  if (exp.action === 'checklist.done') {
    const a = planAction(plans, exp.item);
    if (a) return a.action.units.join('、');
  }
  if (exp.action === 'plan.activated') {
    const p = plans.find((x) => x.id === exp.plan);
    if (p) return p.leadUnit;
  }
  return defaultOwner(scenario, plans, inject);
}

export function improvementPlan(input: { evaluation: DrillEvaluation; scenario: DrillScenario; injects: DrillInject[]; plans: readonly EmergencyPlan[] }): CorrectiveAction[] {
  const { evaluation, scenario, injects, plans } = input;
  const out: CorrectiveAction[] = [];
  for (const m of evaluation.metrics) {
    if (m.met !== false || m.injectId === null) continue;
    const found = expectationOfMetric(m, injects);
    if (!found) continue;
    const { inject, exp } = found;
    const wrongLevel = m.detail?.includes(WRONG_LEVEL) ?? false;
    out.push({
      no: out.length + 1,
      capability: capabilityOf(scenario, inject.objectives),
      issue: `${m.label.zh}：${m.detail ?? (m.valueMs === null ? '未完成 not done' : '超时 late')}`,
      action: proposal(exp, inject, m, plans, wrongLevel),
      owner: ownerFor(exp, inject, scenario, plans),
      at: m.endAt ?? m.startAt,
      seq: m.seq,
      injectId: inject.id,
    });
  }
  for (const o of evaluation.observations) {
    if (o.rating !== 'M' && o.rating !== 'U') continue;
    const inject = o.injectId === null ? null : (injects.find((i) => i.id === o.injectId) ?? null);
    const objectiveIds = o.objectiveId !== null ? [o.objectiveId] : (inject?.objectives ?? []);
    out.push({
      no: out.length + 1,
      capability: capabilityOf(scenario, objectiveIds),
      issue: `评估记录（${o.rating}）：${o.text}`,
      action: { zh: '针对该评估发现制定整改措施（待补充）', en: 'Corrective action to be written for this observation' },
      owner: null,
      at: o.at,
      seq: o.seq,
      injectId: o.injectId,
    });
  }
  return out;
}
