import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrillEvaluation, DrillState, RpcResult, TopicPayload } from '../../../preload/contract';
import { createHostRuntime, type HostRuntime } from '../../../main/hostRuntime';
import { tableChecksums } from '../../../main/store/tableChecksums';
import { signIn } from '../../helpers/signIn';
import { paths, tempDir } from '../../helpers/tempStore';

// A short drill on the demo pack's core rain gauge (演示雨量站 P19): 31 mm in the first 5 minutes is over the demo
// 1-hour rule (30 mm 黄), so its first point raises an alarm at once.
const scenario = `
exercise:
  id: unit-rain-drill
  name: 单元测试暴雨演练（演示）
  form: 桌面
  scope: 单项
  hazard: rainstorm
  t0: "2026-07-15T08:00:00+08:00"
  duration: PT2H
  demo: true
  objectives: [告警确认与预案启动]
  plans: [{ plan: urban-waterlogging, expectedLevel: IV }]
injects:
  - id: INJ-001
    at: PT0M
    kind: telemetry
    channel: sl651
    station: "0061300019"
    element: PJ
    synopsis: 雨量站5分钟降雨31毫米
    controllerNotes: 只给导调看
    series: [{ t: PT0M, value: 31 }, { t: PT5M, value: 12 }]
    expected:
      - { action: alarm.acknowledged, within: PT5M }
      - { action: incident.created, within: PT15M }
      - { action: plan.activated, plan: urban-waterlogging, level: IV, within: PT20M }
  - id: INJ-002
    at: { after: INJ-001, delay: PT30M }
    kind: phone
    synopsis: 群众来电反映积水
    message: 人民路下穿通道积水约30厘米
`;

let t: ReturnType<typeof tempDir>;
let rt: HostRuntime;
let commander: string;
let director: string;
let operator: string;
const topics: { topic: string; payload: unknown }[] = [];

const ok = <T,>(r: RpcResult<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};
const until = async (cond: () => boolean, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

beforeAll(() => {
  t = tempDir('cityops-drill-');
  rt = createHostRuntime(join(t.dir, 'live.gpkg'), 'browser', paths, { log: () => {} });
  commander = signIn(rt, 'chief', 'commander');
  director = signIn(rt, 'director', 'controller');
  operator = signIn(rt, 'duty1', 'operator');
  rt.bus.listen((topic, payload) => topics.push({ topic, payload }));
}, 60_000);
afterAll(async () => {
  await rt?.close();
  t.cleanup();
});

describe('a drill on its own store', () => {
  it('runs through the real receiver, routes every window to the drill, records and evaluates it, and leaves the live store as it was', async () => {
    const before = tableChecksums(rt.ctx.store.db);
    const started = ok<DrillState>(await rt.dispatch('drill.start', { scenario: { source: 'text', format: 'yaml', text: scenario }, speed: 60 }, { session: director }));
    expect(started.mode).toBe('drill');
    const runId = started.run!.runId;
    expect(started.run!.sl651Port).toBeGreaterThan(0);

    // A second drill is refused while one runs.
    const second = await rt.dispatch('drill.start', { scenario: { source: 'text', format: 'yaml', text: scenario }, speed: 60 }, { session: director });
    expect(second).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(!second.ok && second.error.message).toMatch(/already running/);

    // The frame arrives over TCP and raises the alarm through the drill's own rules; windows see it.
    await until(() => topics.some((x) => x.topic === 'alarms.changed' && (x.payload as TopicPayload<'alarms.changed'>).action === 'raise'));
    const raised = topics.find((x) => x.topic === 'alarms.changed')!.payload as TopicPayload<'alarms.changed'>;
    expect(raised.alarm.stationId).toBe('0061300019');
    expect(raised.alarm.raisedAt).toBeGreaterThanOrEqual(Date.parse('2026-07-15T08:00:00+08:00'));

    // Every window's situation picture is at exercise time (KPI tiles, station ages, chart windows).
    const t0 = Date.parse('2026-07-15T08:00:00+08:00');
    const dash = ok<{ at: number; stations: { reporting: number } }>(await rt.dispatch('dashboard.summary', {}));
    expect(dash.at).toBeGreaterThanOrEqual(t0);
    expect(dash.at).toBeLessThan(t0 + 2 * 3_600_000);
    expect(dash.stations.reporting).toBeGreaterThan(0);
    expect(ok<{ at: number }>(await rt.dispatch('stations.live', {})).at).toBeLessThan(t0 + 2 * 3_600_000);

    // Controller notes reach the console only.
    const injects = ok<{ injects: { id: string; controllerNotes: string | null }[] }>(await rt.dispatch('drill.injects', {}, { session: director }));
    expect(injects.injects.find((i) => i.id === 'INJ-001')!.controllerNotes).toBe('只给导调看');
    expect(await rt.dispatch('drill.injects', {}, { session: operator })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    // Commanders play: the MSEL is hidden from them too.
    expect(await rt.dispatch('drill.injects', {}, { session: commander })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(JSON.stringify(topics)).not.toContain('只给导调看');

    // The players act through the same methods, against the drill's store.
    ok(await rt.dispatch('alarms.acknowledge', { id: raised.alarm.id }, { session: operator }));
    const incident = ok<{ id: number }>(await rt.dispatch('incidents.create', { origin: 'alarm', alarmId: raised.alarm.id, type: 'waterlogging', title: '演练：积水', department: '区应急管理局' }, { session: operator }));
    ok(await rt.dispatch('plans.activate', { incidentId: incident.id, planId: 'urban-waterlogging', level: 'IV' }, { session: commander }));
    ok(await rt.dispatch('drill.note', { text: '值班员确认及时', rating: 'P', injectId: 'INJ-001' }, { session: director }));
    expect((await rt.dispatch('drill.evaluation', { runId }, { session: commander })).ok).toBe(false);

    const ended = ok<DrillState>(await rt.dispatch('drill.control', { action: 'end', reason: '演练结束' }, { session: director }));
    expect(ended).toMatchObject({ mode: 'live', run: null, lastEnded: { runId, status: 'ended' } });

    // Back on live: the live store never saw the drill.
    const liveAlarms = ok<{ alarms: unknown[] }>(await rt.dispatch('alarms.list', {}));
    expect(liveAlarms.alarms).toEqual([]);
    expect(tableChecksums(rt.ctx.store.db)).toEqual(before);

    const ev = ok<DrillEvaluation>(await rt.dispatch('drill.evaluation', { runId }, { session: operator }));
    const metric = (id: string) => ev.metrics.find((m) => m.id === id);
    expect(metric('INJ-001:alarm.acknowledged')).toMatchObject({ met: true });
    expect(metric('INJ-001:incident.created')).toMatchObject({ met: true });
    expect(metric('INJ-001:plan.activated:urban-waterlogging')).toMatchObject({ met: true });
    expect(ev.observations).toMatchObject([{ text: '值班员确认及时', rating: 'P', injectId: 'INJ-001', evaluator: 'director' }]);

    const runs = ok<{ runs: { runId: string; status: string; events: number }[] }>(await rt.dispatch('drill.list', {}, { session: operator }));
    expect(runs.runs[0]).toMatchObject({ runId, status: 'ended' });
    const alarmEvents = ok<{ events: { at: number; payload: { action: string } }[] }>(await rt.dispatch('drill.events', { runId, kinds: ['alarm'] }, { session: operator }));
    const raiseAt = alarmEvents.events.find((e) => e.payload.action === 'raise')!.at;
    expect(raiseAt - raised.alarm.raisedAt).toBeLessThan(60_000);
    const replay = ok<{ alarms: { id: number; state: string }[] }>(await rt.dispatch('drill.replayState', { runId, at: raiseAt }, { session: operator }));
    expect(replay.alarms).toMatchObject([{ id: raised.alarm.id, state: 'active' }]);
    const startedEvent = ok<{ events: { at: number }[] }>(await rt.dispatch('drill.events', { runId, kinds: ['drill.started'] }, { session: operator }));
    expect(startedEvent.events[0]!.at).toBe(Date.parse('2026-07-15T08:00:00+08:00'));
    expect(existsSync(join(t.dir, 'drills', `${runId}.gpkg`))).toBe(true);
  }, 90_000);

  it('refuses a bad scenario before anything starts, naming the inject and the field', async () => {
    const bad = scenario.replace('"0061300019"', '"0061399999"').replace('value: 12', 'value: -3');
    const r = ok<{ ok: boolean; errors: { injectId: string | null; field: string; message: string }[] }>(await rt.dispatch('drill.validate', { source: 'text', format: 'yaml', text: bad }, { session: director }));
    expect(r.ok).toBe(false);
    expect(r.errors.some((e) => e.injectId === 'INJ-001' && /station/.test(e.field) && /0061399999/.test(e.message))).toBe(true);
    const start = await rt.dispatch('drill.start', { scenario: { source: 'text', format: 'yaml', text: bad }, speed: 10 }, { session: director });
    expect(start).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(ok<DrillState>(await rt.dispatch('drill.state', {})).mode).toBe('live');
    expect(await rt.dispatch('drill.evaluation', { runId: 'nope-20260101t000000z' }, { session: commander })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('the live store keeps its own record: what happened on live replays the same way', async () => {
    const live = await (async () => {
      const stations = ok<{ stations: { stationId: string; lon: number | null; lat: number | null }[] }>(await rt.dispatch('stations.live', {}));
      const st = stations.stations.find((s) => s.lon !== null)!;
      return ok<{ id: number; createdAt: number }>(await rt.dispatch('incidents.create', { origin: 'map', location: [st.lon, st.lat], type: 'waterlogging', title: '实况：积水', department: '区应急管理局' }, { session: operator }));
    })();
    const runs = ok<{ runs: { runId: string; status: string }[] }>(await rt.dispatch('drill.list', {}, { session: operator }));
    expect(runs.runs[0]).toMatchObject({ runId: 'live' });
    const state = ok<{ incidents: { id: number; title: string }[] }>(await rt.dispatch('drill.replayState', { runId: 'live', at: Date.now() }, { session: operator }));
    expect(state.incidents).toMatchObject([{ id: live.id, title: '实况：积水' }]);
    expect(await rt.dispatch('drill.evaluation', { runId: 'live' }, { session: operator })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('a real-world emergency stop ends the drill at once and is recorded', async () => {
    const started = ok<DrillState>(await rt.dispatch('drill.start', { scenario: { source: 'demo', id: 'rainstorm-majiahe-demo' }, speed: 10 }, { session: director }));
    const runId = started.run!.runId;
    const stopped = ok<DrillState>(await rt.dispatch('drill.control', { action: 'emergencyStop', reason: '真实汛情' }, { session: director }));
    expect(stopped).toMatchObject({ mode: 'live', lastEnded: { runId, status: 'terminated', reason: '真实汛情' } });
    const events = ok<{ events: { kind: string; actor: string; payload: { reason?: string } }[] }>(await rt.dispatch('drill.events', { runId, kinds: ['drill.terminated'] }, { session: commander }));
    expect(events.events).toMatchObject([{ kind: 'drill.terminated', actor: 'controller:director', payload: { reason: '真实汛情' } }]);
  }, 60_000);
});
