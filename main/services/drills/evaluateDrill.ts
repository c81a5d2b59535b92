import type { DrillEvaluation, DrillEvent, DrillMetric, DrillStatus } from '../../../preload/contract/drillMethods';
import { injectSchema, parseIsoDuration, type DrillInject, type DrillScenario, type ExpectedAction } from '../../../preload/contract/drillScenario';
import { formatDurationZh, levelZh } from './drillFormat';
import { chainedMetrics } from './chainedMetrics';
import { drillControl } from './drillControl';
import { drillObjectives, drillObservations } from './drillObjectives';
import { alarmIndex, alarmOf, idOf, num, rec, sameStation, str, type AlarmIndex } from './drillPayload';

/**
 * Automatic evaluation of a recorded drill (自动评估): every expected action of every delivered inject measured from
 * the inject's start (its first delivered point) to the first matching event after it, in exercise time (pauses
 * excluded), against its `within`; the whole-drill chain t_system → t_ack → t_incident → t_plan → t_task[i] →
 * t_report_up; control quality; objectives; evaluator notes. Pure: no store, no clock — the same input gives the same
 * output.
 */
export interface EvaluateDrillInput {
  runId: string;
  status: DrillStatus;
  scenario: DrillScenario;
  events: DrillEvent[];
  /** Wall times (epoch ms). */
  startedAt: number;
  endedAt: number | null;
}

const ACTION_LABEL: Record<ExpectedAction['action'], { zh: string; en: string }> = {
  'alarm.raised': { zh: '告警产生', en: 'alarm raised' },
  'alarm.acknowledged': { zh: '告警确认', en: 'alarm acknowledged' },
  'incident.created': { zh: '建立事件', en: 'incident created' },
  'plan.activated': { zh: '启动预案', en: 'plan activated' },
  'checklist.done': { zh: '完成任务', en: 'checklist item done' },
  'report.sent': { zh: '首报上级', en: 'first report sent' },
};

/** Scripted injects in scenario order, then ad-hoc ones (inject.added) in log order. */
export function drillInjects(scenario: DrillScenario, events: DrillEvent[]): { inject: DrillInject; adHoc: boolean }[] {
  const out = scenario.injects.map((inject) => ({ inject, adHoc: false }));
  const seen = new Set(out.map((i) => i.inject.id));
  for (const e of events) {
    if (e.kind !== 'inject.added') continue;
    const parsed = injectSchema.safeParse(e.payload.inject);
    if (parsed.success && !seen.has(parsed.data.id)) {
      seen.add(parsed.data.id);
      out.push({ inject: parsed.data, adHoc: true });
    }
  }
  return out;
}

/** Each inject's start: its first `inject.delivered` event with point 1 (else its first delivered event). */
export function injectStarts(events: DrillEvent[]): Map<string, DrillEvent> {
  const first = new Map<string, DrillEvent>();
  const pointOne = new Map<string, DrillEvent>();
  for (const e of events) {
    if (e.kind !== 'inject.delivered') continue;
    const id = str(e.payload.injectId);
    if (id === null) continue;
    if (!first.has(id)) first.set(id, e);
    const point = num(e.payload.point);
    if ((point === null || point === 1) && !pointOne.has(id)) pointOne.set(id, e);
  }
  const out = new Map<string, DrillEvent>();
  for (const [id, e] of first) out.set(id, pointOne.get(id) ?? e);
  return out;
}

/** Marks a plan activation at the wrong level, never corrected, in a metric's detail. */
export const WRONG_LEVEL = '级别不符';

interface Match {
  end: DrillEvent | null;
  /** plan.activated: false if the level was wrong and never corrected. */
  levelOk?: boolean;
  detail: string | null;
}

function firstAfter(events: DrillEvent[], seq: number, pred: (e: DrillEvent) => boolean): DrillEvent | null {
  for (const e of events) if (e.seq > seq && pred(e)) return e;
  return null;
}

function matchExpectation(inj: DrillInject, exp: ExpectedAction, start: DrillEvent, events: DrillEvent[], alarms: AlarmIndex): Match {
  const station = inj.kind === 'telemetry' ? inj.station : null;
  switch (exp.action) {
    case 'alarm.raised': {
      const want = exp.station ?? station;
      const end = firstAfter(events, start.seq, (e) => {
        const a = alarmOf(e);
        return a !== null && a.action === 'raise' && (want === null || sameStation(a.stationId, want));
      });
      return { end, detail: null };
    }
    case 'alarm.acknowledged': {
      const raised = new Set<string>();
      for (const e of events) {
        if (e.seq <= start.seq) continue;
        const a = alarmOf(e);
        if (a === null || a.id === null) continue;
        const stationOk = station === null || sameStation(a.stationId, station);
        if (a.action === 'raise' && stationOk) raised.add(a.id);
        // An alarm whose raise is not in the log counts when it was raised after the inject start.
        const raisedUnlogged = !alarms.raisedInLog.has(a.id) && a.raisedAt !== null && a.raisedAt >= start.at;
        if (a.action === 'acknowledge' && stationOk && (raised.has(a.id) || raisedUnlogged)) return { end: e, detail: null };
      }
      return { end: null, detail: null };
    }
    case 'incident.created': {
      const isCreated = (e: DrillEvent) => e.kind === 'incident' && e.payload.action === 'created';
      if (station !== null) {
        const preferred = firstAfter(events, start.seq, (e) => {
          if (!isCreated(e)) return false;
          const alarmId = idOf(rec(e.payload.incident).alarmId);
          return alarmId !== null && sameStation(alarms.stationOf.get(alarmId) ?? null, station);
        });
        if (preferred) return { end: preferred, detail: null };
      }
      return { end: firstAfter(events, start.seq, isCreated), detail: null };
    }
    case 'plan.activated': {
      const act = firstAfter(events, start.seq, (e) => e.kind === 'plan' && e.payload.action === 'activated' && e.payload.planId === exp.plan);
      if (!act) return { end: null, detail: null };
      const chosen = str(act.payload.level) ?? '?';
      if (chosen === exp.level) return { end: act, levelOk: true, detail: `启动${levelZh(chosen)}（应为${levelZh(exp.level)}） chosen ${chosen}, expected ${exp.level}` };
      const activationId = idOf(act.payload.activationId);
      const fix = firstAfter(events, act.seq, (e) => e.kind === 'plan' && e.payload.action === 'level' && idOf(e.payload.activationId) === activationId && e.payload.level === exp.level);
      if (fix) {
        return {
          end: fix,
          levelOk: true,
          detail: `初次启动${levelZh(chosen)}（应为${levelZh(exp.level)}），后调整为${levelZh(exp.level)}（纠正，seq ${fix.seq}） first activated at ${chosen}, expected ${exp.level}; corrected to ${exp.level}`,
        };
      }
      return { end: act, levelOk: false, detail: `${WRONG_LEVEL}：启动${levelZh(chosen)}，应为${levelZh(exp.level)}，未纠正 wrong level: ${chosen}, expected ${exp.level}, not corrected` };
    }
    case 'checklist.done':
      return { end: firstAfter(events, start.seq, (e) => e.kind === 'checklist' && e.payload.done === true && e.payload.itemId === exp.item), detail: null };
    case 'report.sent':
      return { end: firstAfter(events, start.seq, (e) => e.kind === 'report.sent'), detail: null };
  }
}

/** The metric id of an expectation: `INJ-001:alarm.acknowledged`, `INJ-003:plan.activated:flood-control`, `INJ-004:checklist.done:fc-iv-duty`. */
export function expectationKey(injectId: string, exp: ExpectedAction): string {
  if (exp.action === 'plan.activated') return `${injectId}:${exp.action}:${exp.plan}`;
  if (exp.action === 'checklist.done') return `${injectId}:${exp.action}:${exp.item}`;
  return `${injectId}:${exp.action}`;
}

function expectationLabel(injectId: string, exp: ExpectedAction): { zh: string; en: string } {
  const base = ACTION_LABEL[exp.action];
  if (exp.action === 'plan.activated') return { zh: `${injectId} ${base.zh} ${exp.plan} ${levelZh(exp.level)}`, en: `${injectId} ${base.en}: ${exp.plan} level ${exp.level}` };
  if (exp.action === 'checklist.done') return { zh: `${injectId} ${base.zh} ${exp.item}`, en: `${injectId} ${base.en}: ${exp.item}` };
  return { zh: `${injectId} ${base.zh}`, en: `${injectId} ${base.en}` };
}

/** Makes ids unique in order: the second `x` becomes `x#2`. */
export function uniqueIds<T extends { id: string }>(items: T[]): T[] {
  const count = new Map<string, number>();
  return items.map((m) => {
    const n = (count.get(m.id) ?? 0) + 1;
    count.set(m.id, n);
    return n === 1 ? m : { ...m, id: `${m.id}#${n}` };
  });
}

export function evaluateDrill(input: EvaluateDrillInput): DrillEvaluation {
  const events = [...input.events].sort((a, b) => a.seq - b.seq);
  const running = input.status === 'running' || input.status === 'paused';
  const lastAt = events.length ? events[events.length - 1]!.at : null;
  const alarms = alarmIndex(events);
  const starts = injectStarts(events);
  const skipped = new Set(events.filter((e) => e.kind === 'inject.skipped').map((e) => str(e.payload.injectId)));

  const injectMetrics: DrillMetric[] = [];
  const missed: DrillEvaluation['missed'] = [];
  const metricsOfInject = new Map<string, DrillMetric[]>();
  for (const { inject } of drillInjects(input.scenario, events)) {
    const start = starts.get(inject.id) ?? null;
    for (const exp of inject.expected) {
      const limitMs = parseIsoDuration(exp.within);
      const base = { id: expectationKey(inject.id, exp), label: expectationLabel(inject.id, exp), injectId: inject.id, limitMs };
      let metric: DrillMetric;
      if (start === null) {
        const why = skipped.has(inject.id) ? '注入已跳过 inject skipped' : '注入未下达 inject not delivered';
        metric = { ...base, valueMs: null, met: null, startAt: null, endAt: null, seq: null, detail: why };
      } else {
        const m = matchExpectation(inject, exp, start, events, alarms);
        const valueMs = m.end ? m.end.at - start.at : null;
        let met: boolean | null;
        let detail = m.detail;
        if (m.end) {
          met = (limitMs === null || valueMs! <= limitMs) && m.levelOk !== false;
          if (limitMs !== null && valueMs! > limitMs) detail = `超时：用时${formatDurationZh(valueMs)}，时限${formatDurationZh(limitMs)} late (limit ${exp.within})${detail ? `；${detail}` : ''}`;
        } else if (running && (limitMs === null || lastAt === null || lastAt - start.at < limitMs)) {
          met = null;
          detail = '进行中，尚未完成 pending';
        } else {
          met = false;
          detail = `未完成：时限${formatDurationZh(limitMs)} not done (limit ${exp.within})`;
        }
        metric = { ...base, valueMs, met, startAt: start.at, endAt: m.end?.at ?? null, seq: m.end?.seq ?? null, detail };
        if (met === false) missed.push({ injectId: inject.id, action: exp.action, detail: `${base.label.zh}：${detail ?? ''}` });
      }
      injectMetrics.push(metric);
    }
  }
  const metrics = uniqueIds([...injectMetrics, ...chainedMetrics(input.scenario, events, running)]);
  for (const m of metrics) {
    if (m.injectId === null) continue;
    const list = metricsOfInject.get(m.injectId) ?? [];
    list.push(m);
    metricsOfInject.set(m.injectId, list);
  }

  return {
    runId: input.runId,
    status: input.status,
    metrics,
    missed,
    control: drillControl(events, input.startedAt, input.endedAt),
    objectives: drillObjectives(input.scenario, drillInjects(input.scenario, events), metricsOfInject, events),
    observations: drillObservations(events),
  };
}
