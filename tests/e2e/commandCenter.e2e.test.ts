// Issue 8 end to end: an alarm raised by the test becomes an incident; the matching plan is activated at IV and raised
// to III; two checklist items are done; the linkage view shows cameras, the drainage trace and facilities; the incident
// is closed; the timeline and the audit log show every step with the user; `cityops audit verify` passes, then fails
// after a record is edited directly in SQLite. Screenshots of the wall layout at 1920×1080 and 3840×2160.
import { connect } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationLiveInfo } from '../../preload/contract';
import { runCli, serve, type ServeHandle } from '../../main/cli';
import { encodeSl651Report } from '../../main/sources/sl651/encodeSl651Report';
import { launchChromium, watchPage } from '../helpers/browser';
import { until } from '../helpers/mosquitto';
import { signIn, signInPage } from '../helpers/signIn';
import { tempDir } from '../helpers/tempStore';

const t = tempDir('cityops-cmd-e2e-');
const storePath = join(t.dir, 'store.gpkg');
const shots = process.env.CITYOPS_SCREENSHOTS;
let handle: ServeHandle;
let browser: Browser;
let page: Page;
let watched: ReturnType<typeof watchPage>;
let station: StationLiveInfo;

const call = async <T>(method: string, input: unknown = {}): Promise<T> => {
  const r = await handle.runtime.dispatch(method, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

function sendFrame(bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = connect(handle.runtime.monitoring.feeds().sl651.port!, '127.0.0.1', () => s.write(bytes));
    s.once('data', () => {
      s.destroy();
      resolve();
    });
    s.once('error', reject);
  });
}

async function waitForMap(p: Page): Promise<void> {
  await p.waitForFunction(() => document.body.dataset.globeReady === 'true' && !['…', undefined].includes(document.querySelector('[data-testid=layer-drawn-flood_stations]')?.textContent ?? undefined), null, {
    timeout: 220_000,
    polling: 1000,
  });
}

beforeAll(async () => {
  handle = await serve({ store: storePath, port: 0, feeds: { sl651: { port: 0 }, tickMs: 0 } });
  station = (await call<{ stations: StationLiveInfo[] }>('stations.live')).stations.find((s) => s.name?.startsWith('泗河白浪'))!;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  watched = watchPage(page);
  await page.goto(`${handle.host.url}&layout=operator`);
  await waitForMap(page);
  signIn(handle.runtime, 'cmd1', 'commander');
  await signInPage(page, 'cmd1');
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await handle?.close();
  t.cleanup();
});

describe('command center: alarm → incident → plan → linkage → closed, all audited', () => {
  it('runs the whole response from the wall and records every step with the user', async () => {
    // 1. A river stage above the warning line raises an alarm.
    const value = Math.round((station.lines.warning! + 0.3) * 100) / 100;
    await sendFrame(encodeSl651Report({ station: station.stationId, stationType: 'H', observedAt: Date.now() - 30_000, elements: [{ id: 'Z', value }] }));
    await until(async () => (await call<{ alarms: { stationId: string | null }[] }>('alarms.list', { open: true })).alarms.some((a) => a.stationId === station.stationId), 20_000, `alarm for ${station.stationId} in the store (${JSON.stringify((await call<{ rejections: unknown[] }>('monitoring.status')).rejections.slice(0, 2))})`);
    const alarmRow = page.locator(`.alarm[data-station="${station.stationId}"]`);
    await alarmRow.waitFor({ timeout: 30_000 }).catch(async (e: unknown) => {
      if (shots) writeFileSync(join(shots, 'command-fail.png'), await page.screenshot());
      throw e;
    });
    const alarmId = Number((await alarmRow.getAttribute('data-testid'))!.replace('alarm-', ''));

    // 2. The alarm becomes an incident.
    await page.getByTestId('dock-tool-incidents').click();
    await page.getByTestId('incident-from-alarm').click();
    await page.getByTestId(`incident-from-alarm-${alarmId}`).click();
    await page.getByTestId('incident-create-submit').click();
    const detail = page.getByTestId('incident-detail');
    await detail.waitFor({ timeout: 20_000 });
    await until(async () => (await detail.getAttribute('data-status')) === 'reported', 20_000, 'incident reported');
    const incidentId = Number(await detail.getAttribute('data-incident-id'));

    // 3. The matching plan at IV, raised to III.
    await page.getByTestId('plans-match').click();
    await page.getByTestId('plan-matches').waitFor({ timeout: 15_000 });
    const firstMatch = page.locator('[data-testid^=plan-match-]').first();
    const planId = (await firstMatch.getAttribute('data-testid'))!.replace('plan-match-', '');
    await expect(page.getByTestId(`plan-demo-${planId}`).textContent()).resolves.toContain('演示预案');
    await page.getByTestId('plan-level').selectOption('IV');
    await page.getByTestId(`plan-activate-${planId}`).click();
    const activation = page.locator('[data-testid^=activation-]').first();
    await until(async () => (await activation.getAttribute('data-level').catch(() => null)) === 'IV', 15_000, 'plan active at IV');
    await activation.getByTestId('plan-new-level').selectOption('III');
    await activation.getByTestId('plan-level-reason').fill('水位持续上涨，超警戒0.3米');
    await activation.getByTestId('plan-set-level').click();
    await until(async () => (await activation.getAttribute('data-level')) === 'III', 15_000, 'plan raised to III');

    // 4. Two checklist items done.
    const items = activation.locator('[data-testid^=checklist-]');
    await until(async () => (await items.count()) >= 2, 10_000, 'checklist');
    // The boxes are controlled by the host's answer: click, then wait for the stored state to come back.
    await items.nth(0).click();
    await until(async () => items.nth(0).isChecked(), 15_000, 'first item done');
    await items.nth(1).click();
    await until(async () => items.nth(1).isChecked(), 15_000, 'second item done');

    // 5. The linkage view: cameras, the drainage trace from the nearest manhole, facilities.
    await page.getByTestId('incident-linkage').click();
    const linkage = page.getByTestId('linkage-panel');
    await linkage.waitFor({ timeout: 20_000 });
    await page.getByTestId('linkage-radius').selectOption('2000');
    await until(async () => (await page.getByTestId('linkage-trace').getAttribute('data-available').catch(() => null)) === 'true', 30_000, 'linkage trace');
    expect(Number(await page.getByTestId('linkage-trace').getAttribute('data-count'))).toBeGreaterThan(0);
    await expect(page.getByTestId('linkage-cameras').getAttribute('data-available')).resolves.toBe('true');
    await expect(page.getByTestId('linkage-facilities').getAttribute('data-available')).resolves.toBe('true');
    await expect(page.getByTestId('linkage-stations').getAttribute('data-count')).resolves.not.toBe('0');
    const direct = await call<{ cameras: { available: boolean; data?: unknown[] }; facilities: { available: boolean; data?: { items: unknown[] } } }>('linkage.analyze', {
      lon: station.lon,
      lat: station.lat,
      radiusM: 2000,
    });
    await expect(page.getByTestId('linkage-cameras').getAttribute('data-count')).resolves.toBe(String(direct.cameras.data?.length ?? 0));
    await expect(page.getByTestId('linkage-facilities').getAttribute('data-count')).resolves.toBe(String(direct.facilities.data?.items.length ?? 0));
    await page.waitForTimeout(2500);
    if (shots) writeFileSync(join(shots, 'command-linkage.png'), await page.screenshot());
    await page.getByTestId('linkage-close').dispatchEvent('click');

    // 6. Through the lifecycle to closed (only allowed transitions are offered).
    for (const to of ['verified', 'dispatched', 'in_progress', 'resolved', 'closed']) {
      const button = page.getByTestId(`incident-transition-${to}`);
      await button.waitFor({ timeout: 15_000 });
      const needsReason = (await button.getAttribute('data-needs-reason')) === 'true';
      await until(() => button.isEnabled(), 30_000, `${to} enabled`);
      // A DOM click: with software GL the page's frames are slow and Playwright's "stable" check waits on them.
      await button.dispatchEvent('click');
      if (needsReason) {
        await page.getByTestId('transition-reason').fill('演练结束 drill over');
        await page.getByTestId('transition-confirm').dispatchEvent('click');
      }
      await until(async () => (await detail.getAttribute('data-status')) === to, 15_000, `status ${to}`);
    }

    // 7. The timeline shows each step with the user.
    const timeline = await page.getByTestId('incident-timeline').innerText();
    for (const word of ['cmd1']) expect(timeline).toContain(word);
    const kinds = await page.locator('[data-testid=incident-timeline] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-kind')));
    expect(kinds.length).toBeGreaterThanOrEqual(10);
    if (shots) writeFileSync(join(shots, 'command-incident.png'), await page.screenshot());

    // 8. The audit log has every step with the user and verifies.
    const audit = handle.runtime.command.audit.list({ limit: 5000 });
    const mine = audit.filter((e) => e.user === 'cmd1').map((e) => e.action);
    for (const a of ['incidents.create', 'plans.activate', 'plans.setLevel', 'plans.setChecklistItem', 'incidents.transition']) {
      expect(mine.some((x) => x.startsWith(a.split('.')[0]!) && x.includes(a.split('.')[1]!)), `${a} in ${mine.join(', ')}`).toBe(true);
    }
    await page.getByTestId('open-audit').dispatchEvent('click');
    await page.getByTestId('audit-verify').dispatchEvent('click');
    await until(async () => (await page.getByTestId('audit-verify-result').getAttribute('data-ok').catch(() => null)) === 'true', 15_000, 'audit verified in the UI');
    expect(watched.consoleErrors.filter((e) => !/favicon|\/tiles\//.test(e))).toEqual([]);
    void incidentId;
  }, 400_000);

  it('cityops audit verify passes, then fails at the record a test edits directly in SQLite', async () => {
    const out: string[] = [];
    const err: string[] = [];
    expect(await runCli(['audit', 'verify', '--store', storePath, '--json'], (s) => out.push(s) > 0, (s) => err.push(s) > 0)).toBe(0);
    const ok = JSON.parse(out.join('\n')) as { ok: boolean; checked: number };
    expect(ok.ok).toBe(true);
    expect(ok.checked).toBeGreaterThan(5);

    const db = new Database(storePath);
    try {
      const target = db.prepare(`SELECT seq FROM audit_log WHERE action LIKE 'plans.%' ORDER BY seq LIMIT 1`).get() as { seq: number };
      db.exec('DROP TRIGGER IF EXISTS audit_log_no_update');
      db.prepare(`UPDATE audit_log SET user = 'someone-else' WHERE seq = ?`).run(target.seq);
      out.length = 0;
      expect(await runCli(['audit', 'verify', '--store', storePath, '--json'], (s) => out.push(s) > 0, (s) => err.push(s) > 0)).not.toBe(0);
      const broken = JSON.parse(out.join('\n')) as { ok: boolean; firstBroken: { seq: number; reason: string } };
      expect(broken.ok).toBe(false);
      expect(broken.firstBroken.seq).toBe(target.seq);
    } finally {
      db.close();
    }
  });

  it('the wall layout at 1920×1080 and 3840×2160: KPI tiles with data times around the map', async () => {
    // One map at a time on a 2-core machine with software GL: the duty page of the first test is closed first.
    await page.close();
    // 3840×2160 as a 4K wall runs it: 200 % scaling (Cesium renders at the CSS resolution and the HTML at full detail).
    for (const [w, h, scale] of [
      [1920, 1080, 1],
      [1920, 1080, 2],
    ] as const) {
      const wall = await browser.newPage({ viewport: { width: w, height: h }, deviceScaleFactor: scale });
      wall.setDefaultTimeout(120_000);
      await wall.goto(`${handle.host.url}&layout=wall`);
      await wall.getByTestId('kpi-cameras-pct').waitFor({ timeout: 120_000 });
      // Software GL at 3840×2160 is slow: the layout is what this checks, so the globe gets a while, not forever.
      await wall.waitForFunction(() => document.body.dataset.globeReady === 'true', null, { timeout: 60_000, polling: 1000 }).catch(() => undefined);
      await expect(wall.locator('.layer-panel').isVisible()).resolves.toBe(false);
      await expect(wall.getByTestId('kpi-alarms-total').textContent()).resolves.toMatch(/^\d+$/);
      await expect(wall.getByTestId('kpi-incidents').textContent()).resolves.toMatch(/数据时间/);
      // The KPI tiles sit beside the map, not over the alarm center.
      const tiles = (await wall.getByTestId('kpi-alarms').boundingBox())!;
      const alarms = (await wall.getByTestId('alarm-center').boundingBox())!;
      expect(tiles.x + tiles.width).toBeLessThan(alarms.x);
      await wall.waitForTimeout(3000);
      if (shots) writeFileSync(join(shots, `wall-${w * scale}x${h * scale}.png`), await wall.screenshot());
      await wall.close();
    }
  }, 600_000);
});
