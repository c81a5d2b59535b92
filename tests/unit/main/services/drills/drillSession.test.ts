import { describe, expect, it } from 'vitest';
import { drillScenarioSchema, type DrillEventKind, type DrillInject, type DrillScenarioInput } from '../../../../../preload/contract';
import { ExerciseClock } from '../../../../../main/services/drills/exerciseClock';
import { DrillSession, type DeliveryLateness, type InjectDelivery } from '../../../../../main/services/drills/drillSession';

const T0 = Date.parse('2026-07-15T08:00:00+08:00');
const MIN = 60_000;

const input: DrillScenarioInput = {
  exercise: { id: 'unit-drill', name: '单元测试演练', form: '桌面', scope: '单项', hazard: 'rainstorm', t0: '2026-07-15T08:00:00+08:00', objectives: ['测试'] },
  injects: [
    { id: 'INJ-001', at: 'PT0M', kind: 'telemetry', channel: 'sl651', station: '0061300001', element: 'PJ', series: [{ t: 'PT0M', value: 1 }, { t: 'PT5M', value: 2 }, { t: 'PT10M', value: 3 }], synopsis: '降雨' },
    { id: 'INJ-002', at: 'PT7M', kind: 'phone', synopsis: '群众来电', message: '积水了', controllerNotes: '只给导调看' },
    { id: 'INJ-003', at: 'PT20M', kind: 'manual-reminder', synopsis: '提醒' },
    { id: 'INJ-004', at: 'PT1M', kind: 'phone', synopsis: '应急注入', contingency: true },
  ],
};

function harness(speed = 600) {
  const scenario = drillScenarioSchema.parse(input);
  const clock = new ExerciseClock(T0, Date.now, { speed, lockstep: true, maxSpeed: 600 });
  const sent: { what: string; at: number; clock: number }[] = [];
  const records: { kind: DrillEventKind; payload: Record<string, unknown> }[] = [];
  const delivery: InjectDelivery = {
    telemetry: async (i, value, observedAt) => {
      await new Promise((r) => setTimeout(r, 5));
      sent.push({ what: `${i.id}=${value}`, at: observedAt, clock: clock.now() });
    },
    cameraStatus: () => {},
    fieldReport: () => {},
    message: (i: DrillInject, at: number) => void sent.push({ what: i.id, at, clock: clock.now() }),
  };
  const offsets = new Map([['INJ-001', 0], ['INJ-002', 7 * MIN], ['INJ-003', 20 * MIN], ['INJ-004', MIN]]);
  let endEx = 0;
  const session = new DrillSession({ scenario, offsets, clock, delivery, record: (kind, _a, _e, payload) => void records.push({ kind, payload }), endAt: T0 + 30 * MIN, onEndEx: () => endEx++ });
  return { session, clock, sent, records, endEx: () => endEx };
}

const until = async (cond: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('DrillSession', () => {
  it('delivers every point at its exact exercise time in a lockstep run, contingency injects only on demand, then EndEx', async () => {
    const h = harness();
    h.session.start();
    await until(() => h.endEx() === 1);
    h.session.stop();
    expect(h.sent.map((s) => [s.what, s.at - T0])).toEqual([
      ['INJ-001=1', 0],
      ['INJ-001=2', 5 * MIN],
      ['INJ-002', 7 * MIN],
      ['INJ-001=3', 10 * MIN],
      ['INJ-003', 20 * MIN],
    ]);
    for (const s of h.sent) expect(s.clock).toBe(s.at);
    const delivered = h.records.filter((r) => r.kind === 'inject.delivered');
    expect(delivered.every((r) => r.payload.driftMs === 0)).toBe(true);
    expect(h.session.list().find((i) => i.id === 'INJ-004')).toMatchObject({ status: 'pending', dueAt: null, contingency: true });
    expect(h.session.list().find((i) => i.id === 'INJ-002')).toMatchObject({ controllerNotes: '只给导调看', status: 'delivered' });
  });

  it('skip, shift (keeping the spacing), deliver-now and ad-hoc injects change what is left and are recorded', async () => {
    const h = harness();
    h.session.skip('INJ-002', 'controller:chief');
    expect(h.session.shift('INJ-003', 5 * MIN, 'controller:chief')).toBe(1);
    expect(h.session.get('INJ-003').dueAt).toBe(T0 + 25 * MIN);
    h.session.deliverNow('INJ-004', 'controller:chief');
    h.session.add({ id: 'ADHOC-1', at: 'PT3M', kind: 'phone', channel: 'in-app', synopsis: '临时来电', objectives: [], expected: [], contingency: false }, 'controller:chief');
    expect(() => h.session.add({ id: 'INJ-001', at: 'PT0M', kind: 'phone', channel: 'in-app', synopsis: 'x', objectives: [], expected: [], contingency: false }, 'c')).toThrow(/already exists/);
    expect(() => h.session.skip('INJ-002', 'c')).toThrow(/already skipped/);
    expect(() => h.session.skip('NOPE', 'c')).toThrow(/unknown inject/);
    h.session.start();
    await until(() => h.endEx() === 1);
    h.session.stop();
    const order = h.sent.map((s) => [s.what, s.at - T0]);
    expect(order).toContainEqual(['INJ-004', 0]);
    expect(order).toContainEqual(['ADHOC-1', 3 * MIN]);
    expect(order).toContainEqual(['INJ-003', 25 * MIN]);
    expect(order.find((o) => o[0] === 'INJ-002')).toBeUndefined();
    const kinds = h.records.map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['inject.skipped', 'inject.shifted', 'inject.added']));
    expect(h.session.get('ADHOC-1').adHoc).toBe(true);
  });

  it('nothing is delivered while paused; the next jump lands on the next point', async () => {
    const h = harness(60);
    h.session.pause('controller:chief');
    h.session.start();
    await new Promise((r) => setTimeout(r, 300));
    expect(h.sent).toEqual([]);
    h.session.resume('controller:chief');
    await until(() => h.sent.length >= 1);
    h.session.next('controller:chief');
    await until(() => h.sent.length >= 2);
    h.session.stop();
    expect(h.sent[1]!.at - T0).toBe(5 * MIN);
    expect(h.records.map((r) => r.kind)).toEqual(expect.arrayContaining(['drill.paused', 'drill.resumed', 'drill.jumped']));
  });

  it('keeps every delivery\'s wall lateness when asked (the inject benchmark reads it)', async () => {
    const h = harness();
    expect(h.session.latenessLog).toBeNull();
    const log: DeliveryLateness[] = [];
    h.session.latenessLog = log;
    h.session.start();
    await until(() => h.endEx() === 1);
    h.session.stop();
    expect(log.map((l) => [l.injectId, l.point, l.dueAt - T0])).toEqual([
      ['INJ-001', 1, 0],
      ['INJ-001', 2, 5 * MIN],
      ['INJ-002', 1, 7 * MIN],
      ['INJ-001', 3, 10 * MIN],
      ['INJ-003', 1, 20 * MIN],
    ]);
    // lockstep: every point lands on its exercise time, so nothing is late on the exercise clock
    for (const l of log) expect(l).toMatchObject({ sentLateMs: 0, doneLateMs: 0 });
  });
});
