// Browser mode end to end: the real web host serving the built renderer to Debian Chromium.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServeHandle } from '../../main/cli';
import { decodePng, launchChromium, pixelStats, watchPage } from '../helpers/browser';
import { paths, tempDir } from '../helpers/tempStore';

const t = tempDir('cityops-e2e-');
let handle: ServeHandle;
let browser: Browser;
let page: Page;
let watched: ReturnType<typeof watchPage>;
const shots = process.env.CITYOPS_SCREENSHOTS;

/** The boundary outline colour (#35e0ff) after blending: clearly cyan. */
const isBoundaryCyan = (r: number, g: number, b: number) => r < 140 && g > 170 && b > 200;

async function canvasShot(): Promise<Buffer> {
  // The layer panel floats over the map (cyan text): mask it so only the map's pixels count.
  return page.locator('.cesium-widget canvas').screenshot({ mask: [page.locator('.panel')], maskColor: '#000000' });
}

beforeAll(async () => {
  if (!existsSync(join(paths.rendererDir, 'index.html'))) throw new Error('dist/renderer is missing: npm test builds it first (npm run build)');
  handle = await serve({ store: join(t.dir, 'store.gpkg'), port: 0 });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  watched = watchPage(page);
  await page.goto(handle.host.url);
  await page.waitForFunction(
    () => {
      const drawn = document.querySelector('[data-testid=layer-drawn-boundary]')?.textContent;
      return drawn !== undefined && drawn !== '…' && document.body.dataset.globeReady === 'true';
    },
    null,
    { timeout: 180_000, polling: 500 },
  );
});

afterAll(async () => {
  await browser?.close();
  await handle?.close();
  t.cleanup();
});

describe('browser mode', () => {
  it('opens the wall shell in zh-CN, takes the token out of the address bar', async () => {
    await expect(page.getByTestId('app-title').textContent()).resolves.toBe('茅箭区城市运行指挥中心');
    await expect(page.getByTestId('host-mode').textContent()).resolves.toBe('浏览器模式');
    expect(page.url()).not.toContain('token=');
  });

  it('the boundary layer reports the store count and draws all of it', async () => {
    const count = await page.getByTestId('layer-count-boundary').textContent();
    const drawn = await page.getByTestId('layer-drawn-boundary').textContent();
    expect(count).toBe('1');
    expect(drawn).toBe(count);
    await expect(page.locator('[data-testid=layer-boundary] .caption').textContent()).resolves.toBe('示意边界');
  });

  it('Cesium renders with WebGL: non-uniform pixels and the boundary outline on screen', async () => {
    // Only the boundary stays on for the pixel checks (river-station markers are cyan too).
    const boxes = page.locator('.layer-row input[type=checkbox]');
    for (let i = 0; i < (await boxes.count()); i++) {
      const row = page.locator('.layer-row').nth(i);
      if ((await row.getAttribute('data-testid')) !== 'layer-boundary') await boxes.nth(i).uncheck();
    }
    await page.waitForTimeout(1500);
    const hasWebgl = await page.evaluate(() => {
      const c = document.querySelector('.cesium-widget canvas') as HTMLCanvasElement | null;
      return !!c && !!(c.getContext('webgl2') ?? c.getContext('webgl'));
    });
    expect(hasWebgl).toBe(true);
    const png = await canvasShot();
    if (shots) writeFileSync(join(shots, 'browser-mode-zh.png'), await page.screenshot());
    const stats = pixelStats(decodePng(png), isBoundaryCyan);
    expect(stats.distinctColours).toBeGreaterThan(40);
    expect(stats.matching).toBeGreaterThan(800);
  });

  it('hiding the layer removes the outline from the map, showing it brings it back', async () => {
    await page.getByRole('checkbox', { name: '行政边界' }).uncheck();
    await page.waitForTimeout(1500);
    expect(pixelStats(decodePng(await canvasShot()), isBoundaryCyan).matching).toBeLessThan(50);
    await page.getByRole('checkbox', { name: '行政边界' }).check();
    await page.waitForTimeout(1500);
    expect(pixelStats(decodePng(await canvasShot()), isBoundaryCyan).matching).toBeGreaterThan(800);
  });

  it('the language switch changes the visible text and back', async () => {
    await page.getByTestId('lang-switch').click();
    await expect(page.getByTestId('app-title').textContent()).resolves.toBe('Maojian District City Operations Center');
    await expect(page.locator('.layer-panel h2').textContent()).resolves.toBe('Layers');
    await expect(page.locator('[data-testid=layer-boundary] .caption').textContent()).resolves.toBe('Indicative boundary');
    if (shots) writeFileSync(join(shots, 'browser-mode-en.png'), await page.screenshot());
    await page.getByTestId('lang-switch').click();
    await expect(page.getByTestId('app-title').textContent()).resolves.toBe('茅箭区城市运行指挥中心');
  });

  it('no request left 127.0.0.1', () => {
    expect(watched.requests.length).toBeGreaterThan(10);
    const outside = watched.requests.filter((u) => !/^(data:|blob:)/.test(u) && new URL(u).hostname !== '127.0.0.1');
    expect(outside).toEqual([]);
  });

  it('no console errors (CSP violations included)', () => {
    expect(watched.consoleErrors).toEqual([]);
  });

  it('a page opened without the token says so and reaches nothing', async () => {
    const p2 = await browser.newPage();
    const w2 = watchPage(p2);
    await p2.goto(handle.host.origin + '/');
    await expect(p2.locator('.fatal').textContent()).resolves.toMatch(/缺少访问令牌/);
    expect(w2.requests.some((u) => u.includes('/rpc') || u.includes('/tiles/'))).toBe(false);
    await p2.close();
  });
});
