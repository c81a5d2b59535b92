// Issue 14 end to end: a controller starts the rainstorm demo at ×60 from the console; its SL651 frames arrive over
// TCP at the drill's own receiver; the alarm appears on the wall under the red 演练 banner; the duty operator
// acknowledges it, an incident is opened and the commander activates the plan at IV; the drill ends; the replay
// scrubber set to a chosen minute shows that minute's alarm state and chart cursor; the PDF report's timings equal
// the log; the live store's checksums are unchanged.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrillEvaluation, DrillEvent, DrillState, ReplayState } from '../../preload/contract';
import { formatOffset } from '../../preload/contract';
import { serve, type ServeHandle } from '../../main/cli';
import { formatDurationZh } from '../../main/services/drills/drillFormat';
import { tableChecksums } from '../../main/store/tableChecksums';
import { launchChromium, watchPage } from '../helpers/browser';
import { signIn, signInPage } from '../helpers/signIn';
import { tempDir } from '../helpers/tempStore';

const t = tempDir('cityops-drill-e2e-');
const shots = process.env.CITYOPS_SCREENSHOTS;
let handle: ServeHandle;
let browser: Browser;
let page: Page;
let watched: ReturnType<typeof watchPage>;
let chief: string;
let director: string;
let duty: string;
let before: Record<string, string>;
let runId: string;
let alarmAt: number;

const call = async <T>(method: string, input: unknown = {}, session: string | null = director): Promise<T> => {
  const r = await handle.runtime.dispatch(method, input, { session });
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
};
const shot = async (name: string) => {
  if (shots) await page.screenshot({ path: join(shots, `drills-${name}.png`) });
};
const mapReady = () =>
  page.waitForFunction(() => document.body.dataset.globeReady === 'true' && !['…', undefined].includes(document.querySelector('[data-testid=layer-drawn-flood_stations]')?.textContent ?? undefined), null, {
    timeout: 220_000,
    polling: 1000,
  });

beforeAll(async () => {
  // The live periodic checks are off so that nothing but a drill could change the live store during the test.
  handle = await serve({ store: join(t.dir, 'live.gpkg'), port: 0, feeds: { tickMs: 0 } });
  chief = signIn(handle.runtime, 'chief', 'commander');
  duty = signIn(handle.runtime, 'duty1', 'operator');
  director = signIn(handle.runtime, 'director', 'controller');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  watched = watchPage(page);
  await page.goto(`${handle.host.url}&layout=operator`);
  await mapReady();
  // The exercise controller (导调) works the console on this window; the players act from their own sessions.
  await signInPage(page, 'director');
  before = tableChecksums(handle.runtime.ctx.store.db);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await handle?.close();
  t.cleanup();
});

describe('a drill from the console to the report', () => {
  it('the controller starts the rainstorm demo at ×60; the frames arrive over TCP and the alarm reaches the wall under the 演练 banner', async () => {
    await page.getByTestId('dock-tool-drills').click();
    await page.getByTestId('drill-scenario-rainstorm-majiahe-demo').click();
    await page.getByTestId('drill-start-speed-60').click();
    await shot('console-idle');
    await page.getByTestId('drill-start').click();
    const banner = page.getByTestId('drill-banner');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.getAttribute('data-status')).toBe('running');
    runId = (await banner.getAttribute('data-run-id'))!;
    const state = await call<DrillState>('drill.state');
    expect(state).toMatchObject({ mode: 'drill', run: { runId, speed: 60 } });
    // The first alarm of the script: the core rain gauge P19 at T+10 (10 s at ×60), over TCP to the drill's receiver.
    const alarm = page.locator('.alarm[data-station="0061300019"]');
    await alarm.waitFor({ timeout: 120_000 });
    const frames = handle.runtime.drills!.current!.runtime.monitoring.feeds().sl651.frames;
    expect(frames).toBeGreaterThan(0);
    expect(handle.runtime.monitoring.feeds().sl651.frames).toBe(0);
    await expect(banner.textContent()).resolves.toContain('演练');
    await shot('wall-banner');
    // The console during the drill: the inject list with delivered and upcoming injects and the controller notes.
    await page.getByTestId('drill-injects').scrollIntoViewIfNeeded();
    expect(await page.getByTestId('drill-inject-INJ-004').getAttribute('data-status')).toMatch(/delivering|delivered/);
    await shot('console-running');
  }, 240_000);

  it('the duty operator acknowledges it and opens an incident; the commander activates the plan at IV; players never see the MSEL', async () => {
    // The duty operator (signed in before the drill: sessions are copied into the drill store) acknowledges and opens
    // the incident; the wall shows the acknowledgement.
    const id = Number((await page.locator('.alarm[data-station="0061300019"]').first().getAttribute('data-testid'))!.replace('alarm-', ''));
    await call('alarms.acknowledge', { id }, duty);
    await page.waitForFunction((sel) => document.querySelector(sel)?.className.includes('state-acknowledged'), `[data-testid="alarm-${id}"]`, { timeout: 30_000 });
    const alarms = await call<{ alarms: { id: number; raisedAt: number; ackBy: string | null }[] }>('alarms.list', {}, duty);
    const a = alarms.alarms.find((x) => x.id === id)!;
    alarmAt = a.raisedAt;
    expect(a.ackBy).toBe('duty1');
    const incident = await call<{ id: number }>('incidents.create', { origin: 'alarm', alarmId: id, type: 'waterlogging', title: '演练：人民路积水', department: '区应急管理局' }, duty);
    await call('plans.activate', { incidentId: incident.id, planId: 'urban-waterlogging', level: 'IV' }, chief);
    await call('drill.logAction', { kind: 'report.sent', text: '已电话首报区防指' }, duty);
    await call('drill.note', { text: '值班员告警确认及时，预案启动略慢', rating: 'S', injectId: 'INJ-004', objectiveId: 'O3' }, director);
    // The inject list with its controller notes is the controller's alone.
    const refused = await handle.runtime.dispatch('drill.injects', {}, { session: chief });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    // The live store saw none of it.
    expect(handle.runtime.ctx.store.db.prepare('SELECT count(*) AS n FROM inc_incidents').get()).toEqual({ n: 0 });
  }, 120_000);

  it('the drill ends and every window returns to live', async () => {
    await page.getByTestId('drill-end').click();
    await page.getByTestId('drill-end-confirm').click();
    await page.getByTestId('drill-ended-notice').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('drill-banner').count()).toBe(0);
    expect((await call<DrillState>('drill.state')).mode).toBe('live');
    expect(tableChecksums(handle.runtime.ctx.store.db)).toEqual(before);
    await mapReady();
  }, 240_000);

  it('the replay scrubber set to a chosen minute shows that minute’s alarm state and chart cursor', async () => {
    if (!(await page.getByTestId('current-user').count())) await signInPage(page, 'director');
    if (!(await page.getByTestId('drill-console').count())) await page.getByTestId('dock-tool-drills').click();
    await page.getByTestId(`drill-replay-${runId}`).click();
    const t0 = Date.parse('2026-07-15T08:00:00+08:00');
    const check = async (minute: number) => {
      await page.getByTestId('drill-replay-goto').fill(String(minute));
      await page.getByTestId('drill-replay-go').click();
      const at = t0 + minute * 60_000;
      await page.waitForFunction((want) => document.querySelector('[data-testid=drill-replay-alarms]')?.getAttribute('data-at') === String(want), at, { timeout: 30_000 });
      const host = await call<ReplayState>('drill.replayState', { runId, at });
      expect(Number(await page.getByTestId('drill-replay-alarms').getAttribute('data-count'))).toBe(host.alarms.length);
      for (const a of host.alarms) expect(await page.getByTestId(`drill-replay-alarm-${a.id}`).getAttribute('data-state')).toBe(a.state);
      expect(await page.getByTestId('drill-replay-chart').getAttribute('data-cursor')).toBe(String(at));
      return host;
    };
    const quiet = await check(5);
    expect(quiet.alarms).toEqual([]);
    const minute = Math.ceil((alarmAt - t0) / 60_000) + 1;
    const raised = await check(minute);
    expect(raised.alarms.some((a) => a.stationId === '0061300019')).toBe(true);
    await expect(page.getByTestId('replay-marker').textContent()).resolves.toContain('REPLAY');
    await shot('replay');
  }, 120_000);

  it('the PDF report’s timings equal the log', async () => {
    const pdf = join(t.dir, `${runId}.pdf`);
    await page.getByTestId('drill-export-path').fill(pdf);
    await page.getByTestId('drill-export-pdf').click();
    await page.getByTestId('drill-export-result').waitFor({ timeout: 120_000 });
    expect(existsSync(pdf)).toBe(true);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const ev = await call<DrillEvaluation>('drill.evaluation', { runId });
    const events = (await call<{ events: DrillEvent[] }>('drill.events', { runId, limit: 20000 })).events;
    // The log itself: acknowledge minus raise of the first alarm, as the evaluation and the report print it.
    const raise = events.find((e) => e.kind === 'alarm' && e.payload.action === 'raise')!;
    const ack = events.find((e) => e.kind === 'alarm' && e.payload.action === 'acknowledge')!;
    const tAck = ev.metrics.find((m) => m.id === 't_ack')!;
    expect(tAck.valueMs).toBe(ack.at - raise.at);
    for (const m of ev.metrics.filter((x) => x.valueMs !== null)) expect(text).toContain(formatDurationZh(m.valueMs!));
    expect(text).toContain(formatDurationZh(tAck.valueMs!));
    expect(text).toContain('演练评估报告');
    expect(text).toContain('总结报告');
    expect(text).toContain(formatOffset(raise.at - Date.parse('2026-07-15T08:00:00+08:00')).slice(0, 7));
    if (shots) {
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, join(shots, 'drills-report')]);
      writeFileSync(join(shots, 'drills-report.txt'), text);
    }
    expect(tableChecksums(handle.runtime.ctx.store.db)).toEqual(before);
    expect(watched.requests.filter((u) => !u.startsWith(handle.host.origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
  }, 180_000);
});
