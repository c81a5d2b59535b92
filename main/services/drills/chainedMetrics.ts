import type { DrillEvent, DrillMetric } from '../../../preload/contract/drillMethods';
import { parseIsoDuration, type DrillScenario } from '../../../preload/contract/drillScenario';
import { levelZh } from './drillFormat';
import { alarmOf, idOf, str } from './drillPayload';

/**
 * The whole-drill chain of response times (research doc, "Metrics"), each an end event minus a start event in
 * exercise time: t_system (first telemetry point delivered → first alarm raised), t_ack (that alarm → its
 * acknowledgement), t_incident (first alarm → first incident), t_plan (first incident → first plan activation, with
 * level_ok against exercise.plans), t_task[i] (activation → each checklist item ticked, against the deadline of the
 * scenario expectation naming the item), t_report_up (the event known — first alarm or incident — → 首报).
 * A chain whose start never happened is left out. `events` in seq order.
 */
export function chainedMetrics(scenario: DrillScenario, events: DrillEvent[], running: boolean): DrillMetric[] {
  const notDone = running ? null : false;
  const first = (pred: (e: DrillEvent) => boolean, afterSeq = 0) => events.find((e) => e.seq > afterSeq && pred(e)) ?? null;
  const metric = (
    id: string,
    zh: string,
    en: string,
    start: DrillEvent | null,
    end: DrillEvent | null,
    limitMs: number | null,
    extra: { met?: boolean | null; detail?: string | null } = {},
  ): DrillMetric => {
    const valueMs = start && end ? end.at - start.at : null;
    const met = extra.met !== undefined ? extra.met : valueMs === null ? notDone : limitMs === null ? null : valueMs <= limitMs;
    const detail = extra.detail ?? (start && !end ? '未发生 did not happen' : null);
    return { id, label: { zh, en }, injectId: null, valueMs, limitMs, met, startAt: start?.at ?? null, endAt: end?.at ?? null, seq: end?.seq ?? null, detail };
  };
  const out: DrillMetric[] = [];
  const isRaise = (e: DrillEvent) => alarmOf(e)?.action === 'raise';
  const isIncident = (e: DrillEvent) => e.kind === 'incident' && e.payload.action === 'created';
  const isActivation = (e: DrillEvent) => e.kind === 'plan' && e.payload.action === 'activated';

  const firstPoint = first((e) => e.kind === 'inject.delivered' && e.payload.kind === 'telemetry');
  if (firstPoint) out.push(metric('t_system', '系统告警用时（首个遥测点→告警）', 't_system: first telemetry point → alarm raised', firstPoint, first(isRaise, firstPoint.seq), null));

  const firstRaise = first(isRaise);
  if (firstRaise) {
    const alarmId = alarmOf(firstRaise)?.id ?? null;
    const ack = first((e) => {
      const a = alarmOf(e);
      return a !== null && a.action === 'acknowledge' && a.id !== null && a.id === alarmId;
    }, firstRaise.seq);
    out.push(metric('t_ack', '告警确认用时（告警→确认）', 't_ack: alarm raised → acknowledged', firstRaise, ack, null));
    out.push(metric('t_incident', '建立事件用时（告警→事件）', 't_incident: alarm raised → incident created', firstRaise, first(isIncident, firstRaise.seq), null));
  }

  const firstIncident = first(isIncident);
  if (firstIncident) {
    const act = first(isActivation, firstIncident.seq);
    if (!act) out.push(metric('t_plan', '启动预案用时（事件→预案）', 't_plan: incident → plan activated', firstIncident, null, null));
    else {
      const planId = str(act.payload.planId) ?? '?';
      const chosen = str(act.payload.level) ?? '?';
      const expected = expectedLevel(scenario, planId);
      const levelOk = expected === null ? null : chosen === expected;
      const detail =
        expected === null
          ? `${planId} 启动${levelZh(chosen)}（脚本未规定级别） ${planId} at ${chosen}, no expected level`
          : `${planId} 启动${levelZh(chosen)}，应为${levelZh(expected)}，级别${levelOk ? '正确' : '不符'} level_ok=${String(levelOk)} (chosen ${chosen}, expected ${expected})`;
      out.push(metric('t_plan', '启动预案用时（事件→预案）', 't_plan: incident → plan activated', firstIncident, act, null, { met: levelOk, detail }));
    }
  }

  const ticked = new Set<string>();
  for (const tick of events) {
    if (tick.kind !== 'checklist' || tick.payload.done !== true) continue;
    const itemId = str(tick.payload.itemId);
    const activationId = idOf(tick.payload.activationId);
    if (itemId === null || ticked.has(`${activationId}|${itemId}`)) continue;
    ticked.add(`${activationId}|${itemId}`);
    const activation = events.find((e) => e.seq < tick.seq && isActivation(e) && idOf(e.payload.activationId) === activationId) ?? null;
    const within = checklistDeadline(scenario, itemId);
    const limitMs = within === null ? null : parseIsoDuration(within);
    const planId = str(tick.payload.planId) ?? str(activation?.payload.planId) ?? '?';
    const detail = activation === null ? '未找到预案启动记录 activation not in the log' : within !== null ? `时限取自脚本期望（${within}） deadline from the scenario expectation` : null;
    out.push(
      metric(`t_task:${itemId}`, `任务用时 ${itemId}（${planId}，启动→勾选）`, `t_task: ${itemId} (${planId}, activation → ticked)`, activation, activation ? tick : null, limitMs, {
        met: activation === null ? null : undefined,
        detail,
      }),
    );
  }

  const known = firstRaise && firstIncident ? (firstRaise.seq < firstIncident.seq ? firstRaise : firstIncident) : (firstRaise ?? firstIncident);
  if (known) out.push(metric('t_report_up', '首报用时（获知事件→首报上级）', 't_report_up: event known → first report to the superior', known, first((e) => e.kind === 'report.sent', known.seq), null));
  return out;
}

function expectedLevel(scenario: DrillScenario, planId: string): string | null {
  const p = scenario.exercise.plans.find((x) => x.plan === planId);
  if (p) return p.expectedLevel;
  for (const inj of scenario.injects) for (const e of inj.expected) if (e.action === 'plan.activated' && e.plan === planId) return e.level;
  return null;
}

function checklistDeadline(scenario: DrillScenario, itemId: string): string | null {
  for (const inj of scenario.injects) for (const e of inj.expected) if (e.action === 'checklist.done' && e.item === itemId) return e.within;
  return null;
}
