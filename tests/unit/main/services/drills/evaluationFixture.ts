import { evaluateDrill } from '../../../../../main/services/drills/evaluateDrill';
import type { DrillReportInput } from '../../../../../main/services/drills/drillReportHtml';
import { demoPlans } from '../../../../../main/services/plans/demoPlans';
import type { DrillEvent, DrillEventKind } from '../../../../../preload/contract/drillMethods';
import { drillScenarioSchema, type DrillScenario, type DrillScenarioInput } from '../../../../../preload/contract/drillScenario';

/**
 * Hand-built drill logs for the evaluation and report tests. Station 0061300004 is a rain gauge of the demo pack
 * (floodStationsDemo); 0061100001 a river stage station. The scenario is a demo (演示) one.
 */
export const T0 = Date.parse('2026-07-15T08:00:00+08:00');
export const WALL0 = Date.parse('2026-12-08T01:30:00Z');
export const RUN_ID = 'rainstorm-test-20261208t013000z';
export const STATION = '0061300004';
export const OTHER_STATION = '0061100001';
export const MIN = 60_000;
export const SEC = 1000;

export function scenarioInput(): DrillScenarioInput {
  return {
    exercise: {
      id: 'rainstorm-test',
      name: '暴雨内涝桌面演练（演示）',
      form: '桌面',
      scope: '综合',
      hazard: 'rainstorm',
      t0: '2026-07-15T08:00:00+08:00',
      demo: true,
      organizer: '区应急管理局',
      objectives: ['及时发现并确认告警', { id: 'PLAN', text: '按预案正确启动响应并首报', capability: '指挥和协调' }],
      plans: [{ plan: 'flood-control', expectedLevel: 'IV' }],
    },
    injects: [
      {
        id: 'INJ-001',
        kind: 'telemetry',
        channel: 'sl651',
        station: STATION,
        element: 'PJ',
        at: 'PT0M',
        synopsis: '雨量站降雨加剧（演示）',
        series: [
          { t: 'PT0M', value: 12 },
          { t: 'PT5M', value: 35 },
        ],
        objectives: ['O1'],
        expected: [
          { action: 'alarm.raised', within: 'PT1M' },
          { action: 'alarm.acknowledged', within: 'PT5M' },
          { action: 'incident.created', within: 'PT10M' },
        ],
      },
      {
        id: 'INJ-002',
        kind: 'phone',
        at: 'PT10M',
        synopsis: '区防指来电询问雨情（演示）',
        message: '请报告雨情并研判是否启动预案',
        objectives: ['PLAN'],
        expected: [
          { action: 'plan.activated', within: 'PT15M', plan: 'flood-control', level: 'IV' },
          { action: 'checklist.done', within: 'PT30M', item: 'fc-iv-duty' },
          { action: 'report.sent', within: 'PT20M' },
        ],
      },
      {
        id: 'INJ-003',
        kind: 'manual-reminder',
        at: 'PT40M',
        synopsis: '提醒：检查泵站（演示）',
        objectives: ['O1'],
        expected: [{ action: 'report.sent', within: 'PT5M' }],
      },
    ],
  };
}

export function scenario(edit?: (s: DrillScenarioInput) => void): DrillScenario {
  const s = scenarioInput();
  edit?.(s);
  return drillScenarioSchema.parse(s);
}

const alarm = (id: number, stationId: string, raisedAt: number, extra: Record<string, unknown> = {}) => ({
  id,
  ruleId: `rain-1h-${stationId}`,
  ruleKind: 'threshold',
  streamId: `sl651:${stationId}:PJ`,
  stationId,
  stationName: null,
  lon: 110.79,
  lat: 32.62,
  unit: 'mm',
  level: 'blue',
  severity: 1,
  state: 'open',
  raisedAt,
  updatedAt: raisedAt,
  value: 35,
  ackBy: null,
  ackAt: null,
  snoozeUntil: null,
  snoozeReason: null,
  clearedAt: null,
  ...extra,
});

/** An append-only log under construction; `at(ms)` offsets are exercise ms from t0, wall follows 1:1 unless given. */
export class LogBuilder {
  readonly events: DrillEvent[] = [];
  private wallShift = 0;

  add(kind: DrillEventKind, offsetMs: number, payload: Record<string, unknown>, opts: { actor?: string; entity?: string | null; wallAt?: number } = {}): DrillEvent {
    const seq = this.events.length + 1;
    const e: DrillEvent = {
      seq,
      at: T0 + offsetMs,
      wallAt: opts.wallAt ?? WALL0 + offsetMs + this.wallShift,
      kind,
      actor: opts.actor ?? 'system',
      entity: opts.entity ?? null,
      payload,
      hash: `h${seq}`,
    };
    this.events.push(e);
    return e;
  }

  /** Wall time moves on while the exercise clock stands still (a pause). */
  pause(offsetMs: number, pausedMs: number, close = true): void {
    this.add('drill.paused', offsetMs, {}, { actor: 'controller:zhang' });
    this.wallShift += pausedMs;
    if (close) this.add('drill.resumed', offsetMs, { pausedMs }, { actor: 'controller:zhang' });
  }

  started(): this {
    this.add('drill.started', 0, { speed: 1, t0: T0 });
    return this;
  }

  delivered(injectId: string, offsetMs: number, opts: { kind?: string; driftMs?: number; point?: number; of?: number; station?: string } = {}): DrillEvent {
    return this.add(
      'inject.delivered',
      offsetMs,
      { injectId, kind: opts.kind ?? 'phone', synopsis: injectId, plannedAt: T0 + offsetMs - (opts.driftMs ?? 0), driftMs: opts.driftMs ?? 0, point: opts.point ?? 1, of: opts.of ?? 1, station: opts.station },
      { actor: 'controller:zhang', entity: `inject:${injectId}` },
    );
  }

  raise(alarmId: number, stationId: string, offsetMs: number): DrillEvent {
    return this.add('alarm', offsetMs, { action: 'raise', fromLevel: null, toLevel: 'blue', alarm: alarm(alarmId, stationId, T0 + offsetMs) }, { entity: `alarm:${alarmId}` });
  }

  ack(alarmId: number, stationId: string, raisedOffsetMs: number, offsetMs: number, actor = 'duty.li'): DrillEvent {
    return this.add(
      'alarm',
      offsetMs,
      { action: 'acknowledge', fromLevel: 'blue', toLevel: 'blue', alarm: alarm(alarmId, stationId, T0 + raisedOffsetMs, { state: 'acknowledged', ackBy: actor, ackAt: T0 + offsetMs }) },
      { actor, entity: `alarm:${alarmId}` },
    );
  }

  incident(id: number, alarmId: number | null, offsetMs: number, actor = 'duty.li'): DrillEvent {
    return this.add('incident', offsetMs, { action: 'created', incident: { id, code: `SJ-${id}`, title: '降雨告警', alarmId, origin: alarmId ? 'alarm' : 'manual', createdAt: T0 + offsetMs } }, { actor, entity: `incident:${id}` });
  }

  activate(activationId: number, incidentId: number, planId: string, level: string, offsetMs: number, actor = 'leader.wang'): DrillEvent {
    return this.add('plan', offsetMs, { action: 'activated', activationId, incidentId, planId, level }, { actor, entity: `activation:${activationId}` });
  }

  level(activationId: number, incidentId: number, planId: string, fromLevel: string, level: string, offsetMs: number): DrillEvent {
    return this.add('plan', offsetMs, { action: 'level', activationId, incidentId, planId, level, fromLevel }, { actor: 'leader.wang', entity: `activation:${activationId}` });
  }

  tick(activationId: number, planId: string, itemId: string, offsetMs: number, done = true): DrillEvent {
    return this.add('checklist', offsetMs, { activationId, incidentId: 1, planId, itemId, done }, { actor: 'duty.li', entity: `activation:${activationId}` });
  }

  report(offsetMs: number, text = '已首报区防指'): DrillEvent {
    return this.add('report.sent', offsetMs, { text }, { actor: 'duty.li' });
  }

  note(offsetMs: number, text: string, rating: string | null, objectiveId: string | null = null, injectId: string | null = null): DrillEvent {
    return this.add('note', offsetMs, { text, rating, injectId, objectiveId }, { actor: 'eval.chen' });
  }
}

/**
 * The reference run: every expectation of INJ-001 and INJ-002 met, INJ-003 skipped.
 *  INJ-001 at T+0 (drift 1.2 s, 2 points); alarm 7 at T+0:02; ack at T+4:30; incident 1 at T+8.
 *  INJ-002 at T+10 (drift 0.3 s); plan IV at T+20; 首报 at T+28; fc-iv-duty ticked at T+35.
 */
export function referenceLog(): LogBuilder {
  const l = new LogBuilder().started();
  l.delivered('INJ-001', 0, { kind: 'telemetry', driftMs: 1200, point: 1, of: 2, station: STATION });
  l.raise(7, STATION, 2 * SEC);
  l.ack(7, STATION, 2 * SEC, 4 * MIN + 30 * SEC);
  l.delivered('INJ-001', 5 * MIN, { kind: 'telemetry', driftMs: 9000, point: 2, of: 2, station: STATION });
  l.incident(1, 7, 8 * MIN);
  l.delivered('INJ-002', 10 * MIN, { driftMs: 300 });
  l.activate(1, 1, 'flood-control', 'IV', 20 * MIN);
  l.report(28 * MIN);
  l.tick(1, 'flood-control', 'fc-iv-duty', 35 * MIN);
  l.add('inject.skipped', 40 * MIN, { injectId: 'INJ-003' }, { actor: 'controller:zhang' });
  l.add('drill.ended', 45 * MIN, { reason: 'EndEx' }, { actor: 'controller:zhang' });
  return l;
}

/** Evaluation + report input of a finished run (plans: the demo plans). */
export function reportInput(events: DrillEvent[], sc: DrillScenario = scenario()): DrillReportInput {
  const endedAt = Math.max(...events.map((e) => e.wallAt));
  const evaluation = evaluateDrill({ runId: RUN_ID, status: 'ended', scenario: sc, events, startedAt: WALL0, endedAt });
  return {
    evaluation,
    scenario: sc,
    run: { runId: RUN_ID, startedAt: WALL0, endedAt, status: 'ended', storePath: `/data/drills/${RUN_ID}.gpkg` },
    events,
    generatedAt: WALL0 + 2 * 3_600_000,
    plans: demoPlans,
  };
}

/** A run with findings: ack late, incident never, plan at the wrong level, no 首报, a U note, a pause. */
export function troubledLog(): LogBuilder {
  const l = new LogBuilder().started();
  l.delivered('INJ-001', 0, { kind: 'telemetry', driftMs: 1200, station: STATION });
  l.raise(7, STATION, 2 * SEC);
  l.pause(3 * MIN, 90 * SEC);
  l.ack(7, STATION, 2 * SEC, 7 * MIN + 15 * SEC);
  l.delivered('INJ-002', 10 * MIN, { driftMs: 300 });
  l.incident(1, null, 11 * MIN);
  l.activate(1, 1, 'flood-control', 'III', 14 * MIN);
  l.tick(1, 'flood-control', 'fc-iv-duty', 50 * MIN);
  l.note(20 * MIN, '值班员未及时首报 <script>alert("x")</script>', 'U', 'PLAN', 'INJ-002');
  l.add('drill.ended', 60 * MIN, { reason: 'EndEx' }, { actor: 'controller:zhang' });
  return l;
}

