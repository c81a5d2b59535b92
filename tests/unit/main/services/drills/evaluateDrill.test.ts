import { describe, expect, it } from 'vitest';
import { drillEvaluationSchema, type DrillEvent, type DrillStatus } from '../../../../../preload/contract/drillMethods';
import type { DrillScenario } from '../../../../../preload/contract/drillScenario';
import { evaluateDrill } from '../../../../../main/services/drills/evaluateDrill';
import { derivedRating } from '../../../../../main/services/drills/drillObjectives';
import { LogBuilder, MIN, OTHER_STATION, RUN_ID, SEC, STATION, T0, WALL0, referenceLog, scenario } from './evaluationFixture';

function evaluate(events: DrillEvent[], opts: { status?: DrillStatus; scenario?: DrillScenario; endedAt?: number | null } = {}) {
  return evaluateDrill({
    runId: RUN_ID,
    status: opts.status ?? 'ended',
    scenario: opts.scenario ?? scenario(),
    events,
    startedAt: WALL0,
    endedAt: opts.endedAt === undefined ? Math.max(WALL0, ...events.map((e) => e.wallAt)) : opts.endedAt,
  });
}
const metric = (ev: ReturnType<typeof evaluate>, id: string) => {
  const m = ev.metrics.find((x) => x.id === id);
  if (!m) throw new Error(`no metric ${id}: ${ev.metrics.map((x) => x.id).join(', ')}`);
  return m;
};

describe('evaluateDrill: the reference run', () => {
  const l = referenceLog();
  const ev = evaluate(l.events);

  it('fits the contract and measures every expectation from the inject start', () => {
    expect(drillEvaluationSchema.parse(ev)).toEqual(ev);
    const byId = Object.fromEntries(ev.metrics.filter((m) => m.injectId !== null).map((m) => [m.id, [m.valueMs, m.limitMs, m.met]]));
    expect(byId).toEqual({
      'INJ-001:alarm.raised': [2 * SEC, MIN, true],
      'INJ-001:alarm.acknowledged': [4 * MIN + 30 * SEC, 5 * MIN, true],
      'INJ-001:incident.created': [8 * MIN, 10 * MIN, true],
      'INJ-002:plan.activated:flood-control': [10 * MIN, 15 * MIN, true],
      'INJ-002:checklist.done:fc-iv-duty': [25 * MIN, 30 * MIN, true],
      'INJ-002:report.sent': [18 * MIN, 20 * MIN, true],
      'INJ-003:report.sent': [null, 5 * MIN, null],
    });
    expect(ev.missed).toEqual([]);
  });

  it('points each metric at the replay moment of its matching event', () => {
    const ack = metric(ev, 'INJ-001:alarm.acknowledged');
    const ackEvent = l.events.find((e) => e.kind === 'alarm' && e.payload.action === 'acknowledge')!;
    expect([ack.startAt, ack.endAt, ack.seq]).toEqual([T0, ackEvent.at, ackEvent.seq]);
    expect(metric(ev, 'INJ-002:plan.activated:flood-control').detail).toContain('启动Ⅳ级（应为Ⅳ级）');
    expect(metric(ev, 'INJ-003:report.sent').detail).toContain('跳过');
  });

  it('computes the whole-drill chain', () => {
    const chain = Object.fromEntries(ev.metrics.filter((m) => m.injectId === null).map((m) => [m.id, [m.valueMs, m.limitMs, m.met]]));
    expect(chain).toEqual({
      t_system: [2 * SEC, null, null],
      t_ack: [4 * MIN + 28 * SEC, null, null],
      t_incident: [8 * MIN - 2 * SEC, null, null],
      t_plan: [12 * MIN, null, true],
      't_task:fc-iv-duty': [15 * MIN, 30 * MIN, true],
      t_report_up: [28 * MIN - 2 * SEC, null, null],
    });
    expect(metric(ev, 't_plan').detail).toContain('level_ok=true');
  });

  it('reports control quality: delivered and skipped (distinct ids), drift of first points, durations', () => {
    expect(ev.control).toEqual({
      injectsDelivered: 2,
      injectsSkipped: 1,
      adHocInjects: 0,
      maxDriftMs: 1200, // point 2's 9 s drift is not the inject's drift
      meanDriftMs: 750,
      totalPauseMs: 0,
      exerciseDurationMs: 45 * MIN,
      wallDurationMs: 45 * MIN,
    });
  });

  it('is deterministic: same input, same output, whatever the order of the list', () => {
    const again = evaluate(structuredClone(l.events));
    expect(JSON.stringify(again)).toBe(JSON.stringify(ev));
    const shuffled = [...l.events].reverse();
    expect(JSON.stringify(evaluate(shuffled))).toBe(JSON.stringify(ev));
  });
});

describe('evaluateDrill: matching rules', () => {
  it('alarm.raised and .acknowledged of a telemetry inject only count its own station', () => {
    const l = new LogBuilder().started();
    l.raise(3, STATION, -MIN); // before the inject: not its alarm
    l.delivered('INJ-001', 0, { kind: 'telemetry', station: STATION });
    l.raise(4, OTHER_STATION, 5 * SEC);
    l.ack(3, STATION, -MIN, 10 * SEC); // raised before the inject start
    l.ack(4, OTHER_STATION, 5 * SEC, 20 * SEC); // other station
    l.raise(5, STATION, 30 * SEC);
    l.ack(5, STATION, 30 * SEC, 3 * MIN);
    const ev = evaluate(l.events);
    expect(metric(ev, 'INJ-001:alarm.raised').valueMs).toBe(30 * SEC);
    expect(metric(ev, 'INJ-001:alarm.acknowledged')).toMatchObject({ valueMs: 3 * MIN, met: true, seq: l.events.at(-1)!.seq });
  });

  it('alarm.raised honours the expectation’s own station', () => {
    const sc = scenario((s) => {
      s.injects[0]!.expected = [{ action: 'alarm.raised', within: 'PT1M', station: OTHER_STATION }];
    });
    const l = new LogBuilder().started();
    l.delivered('INJ-001', 0, { kind: 'telemetry', station: STATION });
    l.raise(1, STATION, 5 * SEC);
    l.raise(2, OTHER_STATION, 50 * SEC);
    expect(metric(evaluate(l.events, { scenario: sc }), 'INJ-001:alarm.raised').valueMs).toBe(50 * SEC);
  });

  it('incident.created prefers an incident from an alarm of the inject’s station, else any after the start', () => {
    const l = new LogBuilder().started();
    l.delivered('INJ-001', 0, { kind: 'telemetry', station: STATION });
    l.raise(8, OTHER_STATION, 10 * SEC);
    l.raise(9, STATION, 20 * SEC);
    l.incident(1, 8, 2 * MIN); // from the other station's alarm
    l.incident(2, 9, 6 * MIN);
    expect(metric(evaluate(l.events), 'INJ-001:incident.created')).toMatchObject({ valueMs: 6 * MIN, met: true });

    const m = new LogBuilder().started();
    m.delivered('INJ-001', 0, { kind: 'telemetry', station: STATION });
    m.incident(1, null, 3 * MIN);
    expect(metric(evaluate(m.events), 'INJ-001:incident.created').valueMs).toBe(3 * MIN);
  });

  it('plan.activated at the wrong level is not met, and is listed as missed', () => {
    const l = new LogBuilder().started();
    l.delivered('INJ-002', 10 * MIN);
    l.activate(1, 1, 'urban-waterlogging', 'IV', 12 * MIN); // another plan: ignored
    l.activate(2, 1, 'flood-control', 'III', 15 * MIN);
    const ev = evaluate(l.events);
    const m = metric(ev, 'INJ-002:plan.activated:flood-control');
    expect(m).toMatchObject({ valueMs: 5 * MIN, met: false });
    expect(m.detail).toContain('级别不符');
    expect(m.detail).toContain('应为Ⅳ级');
    expect(ev.missed.find((x) => x.action === 'plan.activated')?.detail).toContain('级别不符');
    expect(ev.metrics.some((x) => x.id === 't_plan')).toBe(false); // no incident: no chain
  });

  it('a later level change to the expected level is the correction: met if in time, reported in detail', () => {
    const l = new LogBuilder().started();
    l.delivered('INJ-002', 10 * MIN);
    l.activate(2, 1, 'flood-control', 'III', 15 * MIN);
    l.level(2, 1, 'flood-control', 'III', 'IV', 22 * MIN);
    const m = metric(evaluate(l.events), 'INJ-002:plan.activated:flood-control');
    expect(m).toMatchObject({ valueMs: 12 * MIN, met: true, seq: l.events.at(-1)!.seq });
    expect(m.detail).toContain('调整为Ⅳ级');

    const late = new LogBuilder().started();
    late.delivered('INJ-002', 10 * MIN);
    late.activate(2, 1, 'flood-control', 'III', 15 * MIN);
    late.level(2, 1, 'flood-control', 'III', 'IV', 40 * MIN);
    expect(metric(evaluate(late.events), 'INJ-002:plan.activated:flood-control')).toMatchObject({ valueMs: 30 * MIN, met: false });
  });

  it('t_plan compares the chosen level with exercise.plans', () => {
    const l = new LogBuilder().started();
    l.incident(1, null, MIN);
    l.activate(1, 1, 'flood-control', 'II', 4 * MIN);
    const t = metric(evaluate(l.events), 't_plan');
    expect(t).toMatchObject({ valueMs: 3 * MIN, met: false });
    expect(t.detail).toContain('level_ok=false');
  });

  it('checklist.done needs done=true of that item; report.sent any 首报 after the start', () => {
    const l = new LogBuilder().started();
    l.report(5 * MIN); // before INJ-002: does not count
    l.delivered('INJ-002', 10 * MIN);
    l.activate(1, 1, 'flood-control', 'IV', 11 * MIN);
    l.tick(1, 'flood-control', 'fc-iv-duty', 12 * MIN, false);
    l.tick(1, 'flood-control', 'fc-iv-monitor', 13 * MIN);
    l.tick(1, 'flood-control', 'fc-iv-duty', 14 * MIN);
    l.report(16 * MIN);
    const ev = evaluate(l.events);
    expect(metric(ev, 'INJ-002:checklist.done:fc-iv-duty')).toMatchObject({ valueMs: 4 * MIN, met: true });
    expect(metric(ev, 'INJ-002:report.sent')).toMatchObject({ valueMs: 6 * MIN, met: true });
    expect(metric(ev, 't_task:fc-iv-monitor')).toMatchObject({ valueMs: 2 * MIN, limitMs: null, met: null });
    expect(metric(ev, 't_task:fc-iv-duty')).toMatchObject({ valueMs: 3 * MIN, limitMs: 30 * MIN, met: true });
  });

  it('late: done after `within` is not met and flagged 超时 in missed', () => {
    const l = new LogBuilder().started();
    l.delivered('INJ-001', 0, { kind: 'telemetry', station: STATION });
    l.raise(1, STATION, SEC);
    l.ack(1, STATION, SEC, 6 * MIN);
    const ev = evaluate(l.events);
    expect(metric(ev, 'INJ-001:alarm.acknowledged')).toMatchObject({ valueMs: 6 * MIN, limitMs: 5 * MIN, met: false });
    const missed = ev.missed.find((x) => x.action === 'alarm.acknowledged');
    expect(missed?.detail).toContain('超时');
    expect(missed?.detail).toContain('6分0秒');
  });

  it('exactly at the limit is met; one second over is late', () => {
    const l = new LogBuilder().started();
    l.delivered('INJ-001', 0, { kind: 'telemetry', station: STATION });
    l.raise(1, STATION, MIN);
    l.ack(1, STATION, MIN, 5 * MIN + SEC);
    const ev = evaluate(l.events);
    expect(metric(ev, 'INJ-001:alarm.raised')).toMatchObject({ valueMs: MIN, limitMs: MIN, met: true });
    expect(metric(ev, 'INJ-001:alarm.acknowledged')).toMatchObject({ valueMs: 5 * MIN + SEC, met: false });
  });

  it('missed: no matching event → null value, not met, listed 未完成; while running and in time → pending', () => {
    const l = new LogBuilder().started();
    l.delivered('INJ-002', 10 * MIN);
    l.add('drill.ended', 50 * MIN, { reason: 'EndEx' });
    const ev = evaluate(l.events);
    expect(metric(ev, 'INJ-002:report.sent')).toMatchObject({ valueMs: null, met: false, seq: null });
    expect(ev.missed.map((m) => `${m.injectId}:${m.action}`)).toEqual(['INJ-002:plan.activated', 'INJ-002:checklist.done', 'INJ-002:report.sent']);
    expect(ev.missed[2]!.detail).toContain('未完成');

    const running = new LogBuilder().started();
    running.delivered('INJ-002', 10 * MIN);
    running.add('view', 28 * MIN, { lon: 110.8, lat: 32.6, height: 1000, heading: 0, pitch: -45 });
    const ev2 = evaluate(running.events, { status: 'running', endedAt: null });
    expect(metric(ev2, 'INJ-002:report.sent')).toMatchObject({ met: null, detail: '进行中，尚未完成 pending' }); // 18 of 20 min used
    expect(metric(ev2, 'INJ-002:plan.activated:flood-control').met).toBe(false); // 18 min > 15 min: missed already
    expect(ev2.missed.map((m) => m.action)).toEqual(['plan.activated']);
  });
});

describe('evaluateDrill: control', () => {
  it('total pause = sum of resumed pausedMs + an open pause up to the end', () => {
    const l = new LogBuilder().started();
    l.pause(MIN, 60 * SEC);
    l.pause(2 * MIN, 30 * SEC);
    l.pause(3 * MIN, 0, false);
    const openAt = l.events.at(-1)!.wallAt;
    const ev = evaluate(l.events, { endedAt: openAt + 15 * SEC, status: 'interrupted' });
    expect(ev.control.totalPauseMs).toBe(105 * SEC);
    expect(ev.control.exerciseDurationMs).toBe(3 * MIN);
    expect(ev.control.wallDurationMs).toBe(3 * MIN + 90 * SEC + 15 * SEC);
  });

  it('drift: the worst (by size, signed) and the mean size of each inject’s first point; ad-hoc injects counted and evaluated', () => {
    const l = new LogBuilder().started();
    l.delivered('INJ-001', 0, { kind: 'telemetry', driftMs: 400, point: 1, of: 2 });
    l.delivered('INJ-001', 5 * MIN, { kind: 'telemetry', driftMs: 99_000, point: 2, of: 2 });
    l.delivered('INJ-002', 10 * MIN, { driftMs: -2000 });
    l.delivered('INJ-002', 11 * MIN, { driftMs: 5000 }); // a second delivery of the same inject: not its start
    l.add('inject.added', 12 * MIN, {
      inject: { id: 'ADHOC-1', kind: 'phone', channel: 'in-app', at: 'PT0M', synopsis: '临时来电', objectives: [], expected: [{ action: 'report.sent', within: 'PT2M' }], contingency: false },
    });
    l.delivered('ADHOC-1', 12 * MIN, { driftMs: 600 });
    l.report(13 * MIN);
    const ev = evaluate(l.events);
    expect(ev.control).toMatchObject({ injectsDelivered: 3, adHocInjects: 1, maxDriftMs: -2000, meanDriftMs: 1000 });
    expect(metric(ev, 'ADHOC-1:report.sent')).toMatchObject({ valueMs: MIN, met: true });
  });
});

describe('evaluateDrill: objectives and observations', () => {
  it('derived ratings: all met P, ≥ 2/3 S, ≥ 1/3 M, else U, none null', () => {
    expect([derivedRating(3, 3), derivedRating(2, 3), derivedRating(1, 3), derivedRating(0, 3), derivedRating(0, 0)]).toEqual(['P', 'S', 'M', 'U', null]);
    expect([derivedRating(5, 6), derivedRating(3, 6), derivedRating(1, 4)]).toEqual(['S', 'M', 'U']);
  });

  it('string objectives are O1, O2…; metrics of the injects listing them; the latest evaluator rating wins', () => {
    const l = referenceLog();
    const ev = evaluate(l.events);
    expect(ev.objectives).toEqual([
      { id: 'O1', text: '及时发现并确认告警', rating: 'P', metricsMet: 3, metricsTotal: 3 }, // INJ-003 skipped: not evaluated
      { id: 'PLAN', text: '按预案正确启动响应并首报', rating: 'P', metricsMet: 3, metricsTotal: 3 },
    ]);

    const late = new LogBuilder().started();
    late.delivered('INJ-001', 0, { kind: 'telemetry', station: STATION });
    late.raise(1, STATION, SEC);
    late.ack(1, STATION, SEC, 9 * MIN);
    late.note(9 * MIN, '值班员确认告警偏慢', 'M', 'PLAN');
    late.note(10 * MIN, '<b>复核</b>后改评', 'S', 'PLAN', 'INJ-002');
    late.note(11 * MIN, '一般记录', null);
    late.add('drill.ended', 20 * MIN, { reason: 'EndEx' });
    const ev2 = evaluate(late.events);
    expect(ev2.objectives[0]).toEqual({ id: 'O1', text: '及时发现并确认告警', rating: 'M', metricsMet: 1, metricsTotal: 3 }); // raised in time, ack late, no incident
    expect(ev2.objectives[1]).toMatchObject({ id: 'PLAN', rating: 'S', metricsTotal: 0 });
    expect(ev2.observations).toEqual([
      { seq: 5, at: T0 + 9 * MIN, evaluator: 'eval.chen', text: '值班员确认告警偏慢', rating: 'M', injectId: null, objectiveId: 'PLAN' },
      { seq: 6, at: T0 + 10 * MIN, evaluator: 'eval.chen', text: '<b>复核</b>后改评', rating: 'S', injectId: 'INJ-002', objectiveId: 'PLAN' },
      { seq: 7, at: T0 + 11 * MIN, evaluator: 'eval.chen', text: '一般记录', rating: null, injectId: null, objectiveId: null },
    ]);
  });
});
