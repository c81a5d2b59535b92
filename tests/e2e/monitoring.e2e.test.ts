// Issue 6 end to end: SL651 frames over TCP and MQTT messages through a real mosquitto reach the wall — station value,
// chart and raised alarm in the UI; killing the broker and bringing it back loses nothing.
import { connect } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationLiveInfo } from '../../preload/contract';
import { serve, type ServeHandle } from '../../main/cli';
import { encodeSl651Report } from '../../main/sources/sl651/encodeSl651Report';
import { decodePng, launchChromium, pixelStats, watchPage } from '../helpers/browser';
import { Broker, freePort, hasMosquitto, MOSQUITTO, publish, until } from '../helpers/mosquitto';
import { tempDir } from '../helpers/tempStore';
import { signIn, signInPage } from '../helpers/signIn';

const t = tempDir('cityops-mon-e2e-');
const shots = process.env.CITYOPS_SCREENSHOTS;
let broker: Broker;
let handle: ServeHandle;
let browser: Browser;
let page: Page;
let watched: ReturnType<typeof watchPage>;
let stations: StationLiveInfo[];

const call = async <T>(method: string, input: unknown = {}): Promise<T> => {
  const r = await handle.runtime.dispatch(method, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

function sendFrame(bytes: Uint8Array): Promise<Buffer> {
  const port = handle.runtime.monitoring.feeds().sl651.port!;
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write(bytes));
    s.once('data', (d) => {
      s.destroy();
      resolve(d);
    });
    s.once('error', reject);
  });
}

beforeAll(async () => {
  if (!hasMosquitto()) throw new Error(`${MOSQUITTO} is missing: apt-get install mosquitto (.ci/run does)`);
  broker = new Broker(await freePort(), t.dir, true);
  await broker.start();
  handle = await serve({ store: join(t.dir, 'store.gpkg'), port: 0, feeds: { sl651: { port: 0 }, mqtt: { url: broker.url, clientId: 'cityops-e2e' }, tickMs: 5000 } });
  await until(() => handle.runtime.monitoring.feeds().mqtt.connected, 10_000, 'MQTT connection');
  stations = (await call<{ stations: StationLiveInfo[] }>('stations.live')).stations;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  watched = watchPage(page);
  await page.goto(handle.host.url);
  await page.waitForFunction(
    () => document.body.dataset.globeReady === 'true' && !['…', undefined].includes(document.querySelector('[data-testid=layer-drawn-flood_stations]')?.textContent ?? undefined),
    null,
    { timeout: 220_000, polling: 1000 },
  );
  // The duty commander signs in (acknowledging alarms needs a role).
  signIn(handle.runtime, 'duty1', 'commander');
  await signInPage(page, 'duty1');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await handle?.close();
  await broker?.stop();
  t.cleanup();
});

describe('monitoring and early warning on the wall', () => {
  it('an SL651 frame over TCP: the alarm appears in the alarm center, the station panel shows the value and the chart', async () => {
    const river = stations.find((s) => s.type === 'river' && s.lines.warning !== null && s.lines.guarantee !== null)!;
    const value = Math.round((river.lines.warning! + 0.35) * 100) / 100;
    const ack = await sendFrame(encodeSl651Report({ station: river.stationId, stationType: 'H', observedAt: Date.now() - 60_000, elements: [{ id: 'Z', value }] }));
    expect(ack.subarray(0, 2).toString('hex')).toBe('7e7e');
    const alarm = page.locator(`.alarm[data-station="${river.stationId}"]`);
    await alarm.waitFor({ timeout: 30_000 });
    await expect(alarm.getAttribute('data-level')).resolves.toBe('警戒');
    await expect(alarm.locator('.alarm-value').textContent()).resolves.toContain(value.toFixed(2));
    await expect(page.getByTestId('alarm-count-3').textContent()).resolves.toMatch(/1$/);
    await expect(page.getByTestId('feed-sl651').textContent()).resolves.toMatch(/帧 1/);
    if (shots) writeFileSync(join(shots, 'monitoring-alarm.png'), await page.screenshot());

    await alarm.locator('.alarm-main').click();
    const panel = page.getByTestId('station-panel');
    await expect(panel.getAttribute('data-station')).resolves.toBe(river.stationId);
    await until(async () => (await page.getByTestId('station-value').textContent())?.includes(value.toFixed(2)) ?? false, 15_000, 'station value');
    await expect(page.getByTestId('station-level').textContent()).resolves.toBe('警戒');
    // 24 h of demo history (5-minute points) plus the frame, min/max-bucketed for the chart.
    await until(async () => Number(await page.getByTestId('station-chart-points').textContent()) > 200, 15_000, 'chart points');
    await page.waitForTimeout(1500);
    const chart = decodePng(await page.getByTestId('station-chart').screenshot());
    // The series line (cyan) and the warning line (orange, dashed) are drawn.
    expect(pixelStats(chart, (r, g, b) => r < 100 && g > 180 && b > 220).matching).toBeGreaterThan(150);
    expect(pixelStats(chart, (r, g, b) => r > 230 && g > 110 && g < 170 && b < 60).matching).toBeGreaterThan(40);
    if (shots) writeFileSync(join(shots, 'monitoring-station.png'), await page.screenshot());

    // Acknowledge from the wall: the state changes and the history names who did it.
    await page.locator(`[data-testid^=alarm-ack-]`).first().click();
    await until(async () => (await alarm.locator('.alarm-state').textContent()) === '已确认', 10_000, 'acknowledged');
    const id = Number((await alarm.getAttribute('data-testid'))!.replace('alarm-', ''));
    const log = await call<{ entries: { action: string; actor: string }[] }>('alarms.log', { alarmId: id });
    expect(log.entries[0]).toMatchObject({ action: 'acknowledge', actor: 'duty1' });
    expect(handle.runtime.command.audit.list({ limit: 1000 }).some((e) => e.action === 'alarms.acknowledge' && e.user === 'duty1')).toBe(true);
  });

  it('an MQTT message through mosquitto raises the reservoir alarm; broker killed and restarted: nothing lost', async () => {
    const res = stations.find((s) => s.type === 'reservoir' && s.lines.floodLimit !== null)!;
    const streamId = res.streamId!;
    const topic = `cityops/stations/${res.stationId}/ZU`;
    // Newer than the demo history (it ends at the seed time): rules evaluate only points after the last evaluated one.
    const t0 = Math.floor(Date.now() / 1000) * 1000 - 60_000;
    const v0 = Math.round((res.lines.floodLimit! + 0.2) * 100) / 100;
    await publish(broker.port, [[topic, JSON.stringify({ ts: t0, value: v0 })]]);
    const alarm = page.locator(`.alarm[data-station="${res.stationId}"]`);
    await alarm.waitFor({ timeout: 30_000 });
    await expect(alarm.getAttribute('data-level')).resolves.toBe('汛限');

    // Crash the broker (SIGKILL), bring it back: the persistent session queues what is published meanwhile.
    await broker.stop('SIGKILL');
    await until(async () => (await page.getByTestId('feed-mqtt').textContent())?.includes('断开') ?? false, 15_000, 'MQTT shown disconnected');
    await broker.start();
    const later = [1, 2, 3].map((k) => ({ ts: t0 + k * 15_000, value: Math.round((v0 + k * 0.01) * 100) / 100 }));
    await publish(broker.port, later.map((p) => [topic, JSON.stringify(p)]));
    await until(() => handle.runtime.monitoring.feeds().mqtt.connected, 30_000, 'MQTT reconnect');
    await until(
      async () => (await call<{ points: { ts: number }[] }>('series.query', { streamId, from: t0, to: t0 + 10 * 60_000 })).points.length === 4,
      20_000,
      'all four MQTT points stored',
    );
    const stored = (await call<{ points: { ts: number; value: number }[] }>('series.query', { streamId, from: t0, to: t0 + 10 * 60_000 })).points;
    expect(stored).toEqual([{ ts: t0, value: v0 }, ...later]);
    await until(async () => (await page.getByTestId('feed-mqtt').textContent())?.includes('已连接') ?? false, 15_000, 'MQTT shown connected');
    await alarm.locator('.alarm-main').click();
    await until(async () => (await page.getByTestId('station-value').textContent())?.includes(later[2]!.value.toFixed(2)) ?? false, 15_000, 'reservoir value');
    if (shots) writeFileSync(join(shots, 'monitoring-mqtt.png'), await page.screenshot());
  });

  it('a corrupt frame and an impossible jump are rejected, logged with the reason, and change nothing', async () => {
    const river = stations.filter((s) => s.type === 'river')[2]!;
    const before = (await call<{ stations: StationLiveInfo[] }>('stations.live')).stations.find((s) => s.stationId === river.stationId)!;
    // A bad CRC: no ACK, counted as rejected, nothing stored.
    const corrupt = encodeSl651Report({ station: river.stationId, observedAt: Date.now() - 30_000, elements: [{ id: 'Z', value: before.value! + 0.5 }] });
    corrupt[corrupt.length - 1] = (corrupt[corrupt.length - 1] ?? 0) ^ 0xff;
    const rejectedBefore = handle.runtime.monitoring.feeds().sl651.rejected;
    await new Promise<void>((resolve, reject) => {
      const s = connect(handle.runtime.monitoring.feeds().sl651.port!, '127.0.0.1', () => s.end(corrupt, () => resolve()));
      s.once('error', reject);
    });
    await until(() => handle.runtime.monitoring.feeds().sl651.rejected > rejectedBefore, 10_000, 'CRC rejection');
    // A valid frame with a 100 m stage jump: acknowledged (the frame is fine) but the value is screened out.
    await sendFrame(encodeSl651Report({ station: river.stationId, observedAt: Date.now() - 20_000, elements: [{ id: 'Z', value: before.value! + 100 }] }));
    const status = await call<{ rejections: { reason: string; stationId: string | null }[] }>('monitoring.status');
    expect(status.rejections[0]).toMatchObject({ stationId: river.stationId });
    expect(status.rejections[0]!.reason).toMatch(/jumps 100/);
    const after = (await call<{ stations: StationLiveInfo[] }>('stations.live')).stations.find((s) => s.stationId === river.stationId)!;
    expect(after.value).toBe(before.value);
    expect(watched.consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
