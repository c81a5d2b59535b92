// Issue 5 end to end: the drainage workbench on the wall — underground mode, a pipe clicked on the map as a 3D tube,
// its attributes, a downstream trace highlighted on the map (pixels), and the 纵断面 chart drawn.
// Uses the pipes layer's test hook (window.__cityopsDrainagePipes, installed only when __cityopsTestHooks is set).
// CCTV defects (a PNG frame and a video frame per candidate pipe) are imported first: marks on the tube, photo beside.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature } from '../../preload/contract';
import { serve, type ServeHandle } from '../../main/cli';
import { decodePng, launchChromium, pixelStats, watchPage } from '../helpers/browser';
import { until } from '../helpers/mosquitto';
import { tempDir } from '../helpers/tempStore';

const t = tempDir('cityops-drainage-e2e-');
const shots = process.env.CITYOPS_SCREENSHOTS;
let handle: ServeHandle;
let browser: Browser;
let page: Page;
let watched: ReturnType<typeof watchPage>;
let pipe: Feature;
let candidates: Feature[];
let downstreamOf: Map<string, Feature>;

interface Hook {
  lookAt(id: string, range?: number): boolean;
  screenPositionOf(id: string): [number, number] | null;
  tubesShown(): boolean;
  pipeAt(x: number, y: number): string | null;
}
declare global {
  interface Window {
    __cityopsTestHooks?: boolean;
    __cityopsDrainagePipes?: Hook;
    __cityopsDrainageDefects?: { marks(): { id: string; atDepth: boolean; screen: [number, number] | null }[] };
  }
}

const call = async <T>(method: string, input: unknown = {}): Promise<T> => {
  const r = await handle.runtime.dispatch(method, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

/** The map canvas as a PNG, panels masked out. */
async function mapPixels(): Promise<ReturnType<typeof decodePng>> {
  return decodePng(await page.locator('.cesium-widget canvas').screenshot({ mask: [page.locator('.panel'), page.locator('.demo-notice')], maskColor: '#000000' }));
}
/** Pixels of a colour within `r` px of (x, y). */
function near(png: ReturnType<typeof decodePng>, x: number, y: number, r: number, match: (r: number, g: number, b: number) => boolean): number {
  let n = 0;
  for (let j = Math.max(0, Math.round(y - r)); j < Math.min(png.height, y + r); j++) {
    for (let i = Math.max(0, Math.round(x - r)); i < Math.min(png.width, x + r); i++) {
      const k = (j * png.width + i) * 4;
      if (match(png.data[k]!, png.data[k + 1]!, png.data[k + 2]!)) n++;
    }
  }
  return n;
}
const yellow = (r: number, g: number, b: number) => r > 200 && g > 200 && b < 90;

beforeAll(async () => {
  handle = await serve({ store: join(t.dir, 'store.gpkg'), port: 0 });
  // A big storm pipe with both inverts that has a pipe downstream (a trace goes somewhere).
  const fc = await call<{ features: Feature[] }>('features.query', { layerId: 'drainage_pipes', limit: 50_000 });
  const byUpNode = new Map(fc.features.map((f) => [f.properties.up_node, f]));
  downstreamOf = new Map(fc.features.map((f) => [String(f.properties.up_node), f]));
  candidates = fc.features.filter(
    (f) => f.properties.network === 'rain' && Number(f.properties.diameter_mm) >= 800 && typeof f.properties.up_invert === 'number' && Number(f.properties.length_m) > 40 && byUpNode.has(f.properties.down_node),
  );
  expect(candidates.length).toBeGreaterThan(0);
  // An inspection of the candidates: a grade III fracture with a PNG frame, a grade IV root intrusion on video.
  const frame = new PNG({ width: 64, height: 48 });
  frame.data.fill(180);
  mkdirSync(join(t.dir, 'cctv', 'photos'), { recursive: true });
  writeFileSync(join(t.dir, 'cctv', 'photos', 'frame.png'), PNG.sync.write(frame));
  const rows = candidates.slice(0, 12).flatMap((c) => [`${c.id},5,PL,3,photos/frame.png`, `${c.id},${(Number(c.properties.length_m) * 0.6).toFixed(1)},SG,4,video/run.mp4#t=12`]);
  writeFileSync(join(t.dir, 'cctv', 'cctv.csv'), `pipe_id,distance_m,code,grade,media\n${rows.join('\n')}\n`);
  handle.runtime.ctx.drainage.importDefects(join(t.dir, 'cctv', 'cctv.csv'));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  watched = watchPage(page);
  await page.addInitScript(() => {
    window.__cityopsTestHooks = true;
  });
  await page.goto(handle.host.url);
  await page.waitForFunction(
    () => document.body.dataset.globeReady === 'true' && ['drainage_pipes', 'drainage_nodes'].every((id) => !['…', undefined].includes(document.querySelector(`[data-testid=layer-drawn-${id}]`)?.textContent ?? undefined)),
    null,
    { timeout: 220_000, polling: 1000 },
  );
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await handle?.close();
  t.cleanup();
});

describe('drainage workbench on the wall', () => {
  it('underground mode on, a pipe clicked as a tube: its attributes; trace downstream highlighted; profile drawn', async () => {
    await page.getByTestId('underground-toggle').check();
    await page.getByTestId('underground-alpha').fill('0.2');
    await until(() => page.evaluate(() => document.body.dataset.underground === 'true'), 10_000, 'underground mode');

    await expect(page.evaluate((pid) => window.__cityopsDrainagePipes!.lookAt(pid, 70), String(candidates[0]!.id))).resolves.toBe(true);
    // Tubes replace the ground lines close up in underground mode; they are built on workers.
    await until(() => page.evaluate(() => window.__cityopsDrainagePipes!.tubesShown()), 120_000, 'tubes built');
    // The demo pipes lie under roads and sub-district areas, which are clamped to the ground and come first in
    // scene.pick: this click reaches the pipe only once MapView's click prefers what lies under the translucent ground
    // in underground mode (drillPick; see the drainage report). The hook's pipeAt shows what a plain pick finds.
    // Another pipe can lie in front of a candidate's middle (storm and sewage lines run side by side): take the first
    // candidate whose middle the map's own click resolution (drillPick under the translucent ground) answers with it.
    const mapPick = (px: number, py: number) => page.evaluate(([a, b]) => (window as unknown as { __cityopsMapPick(x: number, y: number): { featureId: string } | null }).__cityopsMapPick(a!, b!), [px, py]);
    let x = 0;
    let y = 0;
    let found = false;
    for (const c of candidates.slice(0, 12)) {
      await page.evaluate((pid) => window.__cityopsDrainagePipes!.lookAt(pid, 70), String(c.id));
      await page.waitForTimeout(1500);
      const pos = await page.evaluate((pid) => window.__cityopsDrainagePipes!.screenPositionOf(pid), String(c.id));
      if (!pos) continue;
      if ((await mapPick(pos[0], pos[1]))?.featureId === String(c.id)) {
        pipe = c;
        [x, y] = pos;
        found = true;
        break;
      }
    }
    expect(found, 'a candidate pipe whose middle is not hidden by another pipe').toBe(true);
    const id = String(pipe.id);
    const canvasBox = (await page.locator('.cesium-widget canvas').boundingBox())!;
    const before = await mapPixels();
    expect(near(before, x, y, 60, yellow)).toBeLessThan(20);
    // The tube (storm blue) is on screen where the hook says.
    expect(near(before, x, y, 30, (r, g, b) => b > 170 && r < 140 && g > 110)).toBeGreaterThan(30);
    if (shots) writeFileSync(join(shots, 'drainage-underground.png'), await page.screenshot());

    await page.mouse.click(canvasBox.x + x, canvasBox.y + y);
    const selection = page.getByTestId('drainage-selection');
    await until(async () => (await selection.getAttribute('data-id').catch(() => null)) === id, 15_000, 'pipe selected');
    const attrs = page.getByTestId('drainage-attributes');
    await attrs.waitFor({ timeout: 15_000 });
    await expect(attrs.locator('[data-field=diameter_mm] dd').textContent()).resolves.toBe(String(pipe.properties.diameter_mm));
    await expect(attrs.locator('[data-field=network] dd').textContent()).resolves.toBe('雨水');
    await expect(attrs.locator('[data-field=up_node] dd').textContent()).resolves.toBe(String(pipe.properties.up_node));
    await expect(attrs.locator('[data-field=up_node] dt').textContent()).resolves.toBe('起点点号');

    await page.getByTestId('trace-down').click();
    await page.getByTestId('trace-summary').waitFor({ timeout: 20_000 });
    const pipes = Number(await page.getByTestId('trace-pipes').textContent());
    expect(pipes).toBeGreaterThanOrEqual(2);
    await expect(page.getByTestId('trace-length').textContent()).resolves.toMatch(/\d (k?m)$/);
    await page.waitForTimeout(1500);
    const after = await mapPixels();
    // The traced pipes turn yellow on the map (the panel may now cover the clicked spot: panels are masked out).
    expect(near(after, after.width / 2, after.height / 2, Math.max(after.width, after.height), yellow)).toBeGreaterThan(400);
    if (shots) writeFileSync(join(shots, 'drainage-trace.png'), await page.screenshot());

    // Above ground the pipes are lines over the ground (no tubes): the trace stays highlighted, and a click on the
    // line still picks the pipe.
    await page.getByTestId('underground-toggle').uncheck();
    await until(() => page.evaluate(() => document.body.dataset.underground === 'false'), 10_000, 'underground mode off');
    await page.evaluate((pid) => window.__cityopsDrainagePipes!.lookAt(pid, 600), id);
    await page.waitForTimeout(2500);
    await expect(page.evaluate(() => window.__cityopsDrainagePipes!.tubesShown())).resolves.toBe(false);
    const [lx, ly] = (await page.evaluate((pid) => window.__cityopsDrainagePipes!.screenPositionOf(pid), id))!;
    const lines = await mapPixels();
    expect(near(lines, lx, ly, 12, yellow)).toBeGreaterThan(3);
    // The whole trace, not just the clicked pipe: the next pipe downstream is yellow too.
    const next = downstreamOf.get(String(pipe.properties.down_node))!;
    const nextAt = await page.evaluate((pid) => window.__cityopsDrainagePipes!.screenPositionOf(pid), String(next.id));
    expect(nextAt).not.toBeNull();
    expect(near(lines, nextAt![0], nextAt![1], 12, yellow), `pipe ${String(next.id)} downstream of ${id} highlighted`).toBeGreaterThan(3);
    await expect(mapPick(lx, ly).then((h) => h?.featureId)).resolves.toBe(id);
    if (shots) writeFileSync(join(shots, 'drainage-trace-lines.png'), await page.screenshot());
    await page.getByTestId('underground-toggle').check();
    await until(() => page.evaluate(() => document.body.dataset.underground === 'true'), 10_000, 'underground mode back on');
    await page.evaluate((pid) => window.__cityopsDrainagePipes!.lookAt(pid, 70), id);
    await until(() => page.evaluate(() => window.__cityopsDrainagePipes!.tubesShown()), 60_000, 'tubes shown again');

    await page.getByTestId('profile-run').click();
    const chart = page.getByTestId('profile-chart');
    await chart.waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1000);
    const png = decodePng(await chart.screenshot());
    // Invert (orange), crown (light blue) and ground (green) lines are drawn.
    expect(pixelStats(png, (r, g, b) => r > 230 && g > 140 && g < 200 && b < 120).matching).toBeGreaterThan(40);
    expect(pixelStats(png, (r, g, b) => r < 160 && g > 200 && b < 180 && g > r + 40).matching).toBeGreaterThan(40);
    if (shots) writeFileSync(join(shots, 'drainage-profile.png'), await page.screenshot());

    // A profile between two manholes, chosen in the panel: the pipe's upstream manhole as the start, the manhole two
    // pipes downstream as the end (reached through the neighbour links).
    const upNode = String(pipe.properties.up_node);
    const midNode = String(pipe.properties.down_node);
    const endNode = String(downstreamOf.get(midNode)!.properties.down_node);
    const selectNode = async (featureId: string) => {
      await page.getByTestId(`neighbour-${featureId}`).first().click();
      await until(async () => (await selection.getAttribute('data-id').catch(() => null)) === featureId, 15_000, `${featureId} selected`);
    };
    await selectNode(upNode);
    await page.getByTestId('profile-set-start').click();
    await expect(page.getByTestId('profile-start').getAttribute('data-id')).resolves.toBe(upNode);
    await selectNode(midNode);
    await selectNode(endNode);
    await page.getByTestId('profile-between').click();
    const between = page.getByTestId('profile-section');
    await until(async () => (await between.getAttribute('data-to').catch(() => null)) === endNode, 20_000, 'profile to the end manhole');
    await expect(between.getAttribute('data-from')).resolves.toBe(upNode);
    await expect(between.getAttribute('data-segments')).resolves.toBe('2');
    await page.waitForTimeout(1000);
    const betweenPng = decodePng(await page.getByTestId('profile-chart').screenshot());
    expect(pixelStats(betweenPng, (r, g, b) => r > 230 && g > 140 && g < 200 && b < 120).matching).toBeGreaterThan(40);
    if (shots) writeFileSync(join(shots, 'drainage-profile-between.png'), await page.screenshot());
    await page.getByTestId('profile-start-clear').click();
    await expect(page.getByTestId('profile-start').count()).resolves.toBe(0);
    // Back to the clicked pipe (for the defects step) through the links: the pipe into the end, its upper manhole, ours.
    await selectNode(String(downstreamOf.get(midNode)!.id));
    await selectNode(midNode);
    await selectNode(id);
  });

  it('CCTV defects: one mark per defect on the tube; a defect chosen in the list shows its photo; closing removes the marks', async () => {
    const marks = () => page.evaluate(() => window.__cityopsDrainageDefects?.marks() ?? []);
    await until(async () => (await marks()).length === 2, 15_000, 'two defect marks');
    expect((await marks()).every((m) => m.atDepth)).toBe(true);
    await page.getByTestId('defect-row').first().click();
    const img = page.getByTestId('defect-photo-img');
    await img.waitFor({ timeout: 15_000 });
    await expect(img.evaluate((e) => (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth)).resolves.toBe(64);
    await expect(page.getByTestId('defect-photo-chainage').textContent()).resolves.toBe('5.0 m');
    if (shots) writeFileSync(join(shots, 'drainage-defects.png'), await page.screenshot());
    await page.getByTestId('drainage-selection-close').click();
    await until(async () => (await marks()).length === 0, 10_000, 'marks removed');
  });

  it('stays offline and error-free', () => {
    expect(watched.requests.filter((u) => !/^(data:|blob:)/.test(u) && new URL(u).hostname !== '127.0.0.1')).toEqual([]);
    // Close up, Cesium asks the demo heightmap for levels past its deepest tiles; the tile route answers 404 (not ours).
    expect(watched.consoleErrors.filter((e) => !/status of 404 .*\/tiles\/dem\//.test(e))).toEqual([]);
  });
});
