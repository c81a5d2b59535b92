// The embedded Maojian pack on a fresh store: every layer drawn over the synthetic terrain, the demo data
// labelled as such, screenshots at wall resolutions.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServeHandle } from '../../main/cli';
import { decodePng, launchChromium, pixelStats, watchPage } from '../helpers/browser';
import { tempDir } from '../helpers/tempStore';

const t = tempDir('cityops-pack-e2e-');
let handle: ServeHandle;
let browser: Browser;
let page: Page;
let watched: ReturnType<typeof watchPage>;
const shots = process.env.CITYOPS_SCREENSHOTS;
const drawnLayers = ['boundary', 'subdistricts', 'places', 'rivers', 'water_areas', 'roads', 'flood_stations', 'cameras', 'drainage_nodes', 'drainage_pipes', 'facilities'];

beforeAll(async () => {
  handle = await serve({ store: join(t.dir, 'store.gpkg'), port: 0 });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  watched = watchPage(page);
  await page.goto(handle.host.url);
  await page.waitForFunction(
    (ids) => document.body.dataset.globeReady === 'true' && ids.every((id) => {
      const drawn = document.querySelector(`[data-testid=layer-drawn-${id}]`)?.textContent;
      return drawn !== undefined && drawn !== '…';
    }),
    drawnLayers,
    { timeout: 220_000, polling: 1000 },
  );
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await handle?.close();
  t.cleanup();
});

describe('the embedded Maojian district pack', () => {
  it('draws every layer with the count the store holds', async () => {
    for (const id of drawnLayers) {
      const count = Number(await page.getByTestId(`layer-count-${id}`).textContent());
      const drawn = Number(await page.getByTestId(`layer-drawn-${id}`).textContent());
      expect(count, id).toBeGreaterThan(0);
      expect(drawn, id).toBe(count);
    }
    const pipes = Number(await page.getByTestId('layer-count-drainage_pipes').textContent());
    expect(pipes).toBeGreaterThanOrEqual(5000);
    expect(pipes).toBeLessThanOrEqual(20000);
  });

  it('says 演示数据 on the map and on every demo layer', async () => {
    await expect(page.getByTestId('demo-notice').textContent()).resolves.toMatch(/演示数据/);
    for (const id of ['cameras', 'drainage_pipes', 'flood_stations', 'facilities']) {
      await expect(page.locator(`[data-testid=layer-${id}] .badge.demo`).textContent(), id).resolves.toBe('演示数据');
    }
    await expect(page.locator('[data-testid=layer-boundary] .badge.demo').count()).resolves.toBe(0);
  });

  it('reads as a command-room map without imagery: rivers, roads and relief on screen', async () => {
    const png = decodePng(await page.locator('.cesium-widget canvas').screenshot({ mask: [page.locator('.panel'), page.locator('.demo-notice')], maskColor: '#000000' }));
    const river = pixelStats(png, (r, g, b) => r < 110 && g > 120 && g < 200 && b > 200);
    const road = pixelStats(png, (r, g, b) => r > 200 && g > 150 && b < 120);
    expect(river.matching).toBeGreaterThan(300);
    expect(road.matching).toBeGreaterThan(300);
    expect(river.distinctColours).toBeGreaterThan(200);
    if (shots) writeFileSync(join(shots, 'district-1920.png'), await page.screenshot());
  });

  it('stays offline and error-free', () => {
    expect(watched.requests.filter((u) => !/^(data:|blob:)/.test(u) && new URL(u).hostname !== '127.0.0.1')).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
  });
});
