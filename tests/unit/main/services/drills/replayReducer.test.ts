import { describe, expect, it } from 'vitest';
import { replayStateSchema, type ReplayState } from '../../../../../preload/contract';
import { applyDrillEvent, emptyReplayState, ReplayBuilder, type ReplayEvent } from '../../../../../main/services/drills/replayReducer';
import { alarmEvent, alarmInfo, incidentEvent, incidentSummary, observationEvent, viewEvent, type EventInput } from '../../../../helpers/drillRecordFixtures';

const T0 = Date.UTC(2026, 11, 8, 1, 30);
const runId = 'rainstorm-2026-20261208t013000z';

/** Folds inputs as events 1, 2, … one minute apart. */
function fold(inputs: EventInput[], from: ReplayState = emptyReplayState(runId)): ReplayState {
  return inputs.reduce<ReplayState>((s, e) => applyDrillEvent(s, { seq: s.seq + 1, at: T0 + s.seq * 60_000, kind: e.kind, payload: e.payload }), from);
}
const plan = (action: 'activated' | 'level', activationId: number, level: string, extra: Record<string, unknown> = {}): EventInput => ({
  kind: 'plan',
  actor: 'commander1',
  entity: `activation:${activationId}`,
  payload: { action, activationId, incidentId: 3, planId: 'flood-city', level, ...extra },
});
const check = (activationId: number, itemId: string, done: boolean): EventInput => ({
  kind: 'checklist',
  actor: 'operator1',
  entity: `activation:${activationId}`,
  payload: { activationId, incidentId: 3, planId: 'flood-city', itemId, done },
});

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

describe('replay reducer', () => {
  it('starts empty', () => {
    expect(emptyReplayState(runId)).toEqual({ runId, at: 0, seq: 0, stations: [], alarms: [], incidents: [], activations: [], view: null });
  });

  it('alarms: by id as they stood after each action, cleared ones kept as cleared, sorted by id', () => {
    const s = fold([
      alarmEvent('raise', alarmInfo(7)),
      alarmEvent('raise', alarmInfo(2)),
      alarmEvent('escalate', alarmInfo(7, { level: '危险', severity: 4 }), '警戒'),
      alarmEvent('acknowledge', alarmInfo(7, { level: '危险', severity: 4, state: 'acknowledged', ackBy: 'operator1', ackAt: T0 }), '危险'),
      alarmEvent('clear', alarmInfo(2, { state: 'cleared', clearedAt: T0 + 1 })),
    ]);
    expect(s.alarms.map((a) => [a.id, a.state, a.level])).toEqual([
      [2, 'cleared', '警戒'],
      [7, 'acknowledged', '危险'],
    ]);
    expect(s.alarms[1]).toEqual(alarmInfo(7, { level: '危险', severity: 4, state: 'acknowledged', ackBy: 'operator1', ackAt: T0 }));
  });

  it('incidents: by id, the summary of the last event', () => {
    const s = fold([
      incidentEvent('created', incidentSummary(4)),
      incidentEvent('created', incidentSummary(1)),
      incidentEvent('transition', incidentSummary(4, { status: 'verified' })),
      incidentEvent('task', incidentSummary(4, { status: 'verified', openTasks: 2 })),
    ]);
    expect(s.incidents.map((i) => [i.id, i.status, i.openTasks])).toEqual([
      [1, 'reported', 0],
      [4, 'verified', 2],
    ]);
  });

  it('activations: activated adds, level changes the level, checklist items done and undone (sorted, no repeats)', () => {
    const s = fold([
      check(1, 'early', true), // before its activation: nothing to tick
      plan('activated', 1, 'IV'),
      plan('activated', 2, 'III', { planId: 'waterlogging' }),
      check(1, 'b-call', true),
      check(1, 'a-report', true),
      check(1, 'a-report', true),
      plan('level', 1, 'II', { fromLevel: 'IV' }),
      check(1, 'b-call', false),
      check(2, 'x', false),
      plan('level', 2, 'V'), // not a response level: skipped
    ]);
    expect(s.activations).toEqual([
      { activationId: 1, incidentId: 3, planId: 'flood-city', level: 'II', done: ['a-report'] },
      { activationId: 2, incidentId: 3, planId: 'waterlogging', level: 'III', done: [] },
    ]);
    const mid = fold([plan('activated', 1, 'IV'), check(1, 'z', true), check(1, 'c', true), check(1, 'm', true)]);
    expect(mid.activations[0]!.done).toEqual(['c', 'm', 'z']);
  });

  it('stations: per stream the observation with the latest ts; an older one sent late does not win', () => {
    const s = fold([observationEvent(2, T0, 1), observationEvent(1, T0, 5), observationEvent(2, T0 + 300_000, 2), observationEvent(2, T0 + 60_000, 9), observationEvent(1, T0, 6)]);
    expect(s.stations).toEqual([
      { stationId: 'T0001', streamId: 'sl651:T0001:Z', ts: T0, value: 6 },
      { stationId: 'T0002', streamId: 'sl651:T0002:Z', ts: T0 + 300_000, value: 2 },
    ]);
  });

  it('view: the last valid view; other kinds and malformed payloads move only seq and at', () => {
    const bad: EventInput[] = [
      { kind: 'view', actor: 'a', entity: null, payload: { lon: 1, lat: 2 } },
      { kind: 'alarm', actor: 'a', entity: null, payload: { alarm: { id: 'x' } } },
      { kind: 'observation', actor: 'a', entity: null, payload: { streamId: 's', ts: 1, value: 'high' } },
      { kind: 'note', actor: 'a', entity: null, payload: { text: '记录' } },
    ];
    const s = fold([viewEvent(1), viewEvent(2), ...bad]);
    expect(s.view).toEqual(viewEvent(2).payload);
    expect(s).toMatchObject({ seq: 6, at: T0 + 5 * 60_000, stations: [], alarms: [] });
  });

  it('is pure and its state is JSON (a snapshot round trip changes nothing) and fits the contract', () => {
    const before = deepFreeze(fold([alarmEvent('raise', alarmInfo(1)), incidentEvent('created', incidentSummary(1)), plan('activated', 1, 'IV'), check(1, 'a', true), observationEvent(1, T0, 1), viewEvent(1)]));
    const copy = structuredClone(before);
    const after = applyDrillEvent(before, { seq: 7, at: T0 + 7 * 60_000, kind: 'checklist', payload: check(1, 'b', true).payload });
    expect(before).toEqual(copy);
    expect(after.activations[0]!.done).toEqual(['a', 'b']);
    expect(JSON.parse(JSON.stringify(after))).toEqual(after);
    expect(replayStateSchema.parse(after)).toEqual(after);
    const { runId: r, at, ...snap } = after;
    const rebuilt = ReplayBuilder.from(JSON.parse(JSON.stringify(snap)) as typeof snap).state(r, at);
    expect(rebuilt).toEqual(after);
  });

  it('the builder folds like the reducer', () => {
    const inputs = [alarmEvent('raise', alarmInfo(3)), viewEvent(4), plan('activated', 5, 'I'), check(5, 'q', true), observationEvent(3, T0, 2), incidentEvent('created', incidentSummary(9))];
    const b = new ReplayBuilder();
    inputs.forEach((e, i) => b.apply({ seq: i + 1, at: T0, kind: e.kind, payload: e.payload } satisfies ReplayEvent));
    expect(b.state(runId, T0)).toEqual({ ...fold(inputs), at: T0 });
  });
});
