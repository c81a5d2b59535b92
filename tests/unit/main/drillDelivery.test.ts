import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrillState, RpcResult, TopicPayload } from '../../../preload/contract';
import { createHostRuntime, type HostRuntime } from '../../../main/hostRuntime';
import { Broker, freePort, hasMosquitto, MOSQUITTO, until } from '../../helpers/mosquitto';
import { signIn } from '../../helpers/signIn';
import { paths, tempDir } from '../../helpers/tempStore';

// An MQTT inject: published on the drill's own topic prefix of the broker the live host also listens to; the drill
// host stores it and raises the alarm, the live subscriber never sees it.
const scenario = `
exercise: { id: mqtt-drill, name: MQTT注入演练（演示）, form: 桌面, scope: 单项, hazard: rainstorm, t0: "2026-07-15T08:00:00+08:00", duration: PT1H, demo: true, objectives: [MQTT] }
injects:
  - { id: INJ-M1, at: PT0M, kind: telemetry, channel: mqtt, station: "0061300019", element: PJ, synopsis: MQTT雨量, series: [{ t: PT0M, value: 31 }, { t: PT5M, value: 4 }] }
`;

let t: ReturnType<typeof tempDir>;
let broker: Broker;
let rt: HostRuntime;
const ok = <T,>(r: RpcResult<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

beforeAll(async () => {
  if (!hasMosquitto()) throw new Error(`${MOSQUITTO} is missing: apt-get install mosquitto (.ci/run does)`);
  t = tempDir('cityops-drill-mqtt-');
  broker = new Broker(await freePort(), t.dir);
  await broker.start();
  rt = createHostRuntime(join(t.dir, 'live.gpkg'), 'browser', paths, { log: () => {} });
  await rt.startFeeds({ mqtt: { url: broker.url, clientId: 'cityops-live-test' }, tickMs: 0 });
  await until(() => rt.monitoring.feeds().mqtt.connected, 10_000, 'live MQTT connection');
}, 60_000);
afterAll(async () => {
  await rt?.close();
  await broker?.stop();
  t?.cleanup();
});

describe('MQTT injects', () => {
  it('reach the drill host through the broker on the drill prefix, never the live subscriber', async () => {
    const director = signIn(rt, 'director', 'controller');
    const alarms: TopicPayload<'alarms.changed'>[] = [];
    rt.bus.listen((topic, payload) => topic === 'alarms.changed' && alarms.push(payload as TopicPayload<'alarms.changed'>));
    const state = ok<DrillState>(await rt.dispatch('drill.start', { scenario: { source: 'text', format: 'yaml', text: scenario }, speed: 60 }, { session: director }));
    const drill = rt.drills!.current!;
    await until(() => alarms.some((a) => a.action === 'raise' && a.alarm.stationId === '0061300019'), 20_000, 'drill alarm');
    expect(drill.runtime.monitoring.feeds().mqtt.messages).toBeGreaterThan(0);
    ok(await rt.dispatch('drill.control', { action: 'end' }, { session: director }));
    // The live host kept listening to the same broker and stored nothing of the drill.
    expect(rt.monitoring.feeds().mqtt.messages).toBe(0);
    const t0 = Date.parse('2026-07-15T08:00:00+08:00');
    expect(rt.ctx.store.db.prepare(`SELECT count(*) AS n FROM ts_observations WHERE stream_id = 'sl651:0061300019:PJ' AND ts BETWEEN ? AND ?`).get(t0, t0 + 3_600_000)).toEqual({ n: 0 });
    const ev = ok<{ events: { kind: string; payload: { source?: string } }[] }>(await rt.dispatch('drill.events', { runId: state.run!.runId, kinds: ['observation'] }, { session: director }));
    expect(ev.events[0]!.payload.source).toBe('mqtt');
  }, 60_000);
});
