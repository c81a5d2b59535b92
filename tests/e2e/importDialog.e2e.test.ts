// The import dialog end to end: a GBK pipe-survey Shapefile in CGCS2000 Gauss-Krüger, made by GDAL in
// this run, previewed with its detected field mapping, imported with progress, drawn on the map.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServeHandle } from '../../main/cli';
import { launchChromium, watchPage } from '../helpers/browser';
import { hasGdal, writeGbkShapefile } from '../helpers/gdalFixtures';
import { tempDir } from '../helpers/tempStore';
import { signIn, signInPage } from '../helpers/signIn';

const t = tempDir('cityops-import-e2e-');
let handle: ServeHandle;
let browser: Browser;
let page: Page;
let shp: string;
let pipesBefore = 0;
const pipeCount = async () => Number(await page.getByTestId('layer-count-drainage_pipes').textContent());
const shots = process.env.CITYOPS_SCREENSHOTS;

beforeAll(async () => {
  if (!hasGdal) throw new Error('ogr2ogr (Debian gdal-bin) is required: .ci/run installs it');
  shp = writeGbkShapefile(t.dir);
  handle = await serve({ store: join(t.dir, 'store.gpkg'), port: 0 });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  watchPage(page);
  await page.goto(handle.host.url);
  await page.getByTestId('app-title').waitFor();
  await page.getByTestId('layer-count-drainage_pipes').waitFor();
  pipesBefore = await pipeCount();
  // Imports change the store: an analyst signs in first.
  signIn(handle.runtime, 'analyst1', 'analyst');
  await signInPage(page, 'analyst1');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await handle?.close();
  t.cleanup();
});

describe('import dialog', () => {
  it('previews a Chinese GBK Gauss-Krüger shapefile with the detected mapping and first rows', async () => {
    await page.getByTestId('open-import').click();
    await page.getByTestId('import-path').fill(shp);
    await page.getByTestId('import-preview').click();
    await expect(page.getByTestId('import-count').textContent()).resolves.toBe('6');
    await expect(page.getByTestId('import-crs-detected').textContent()).resolves.toMatch(/4546/);
    await expect(page.getByTestId('import-target').inputValue()).resolves.toBe('drainage_pipes');
    await expect(page.getByTestId('map-up_node').inputValue()).resolves.toBe('起点点号');
    await expect(page.getByTestId('map-down_node').inputValue()).resolves.toBe('终点点号');
    await expect(page.getByTestId('map-diameter_mm').inputValue()).resolves.toBe('管径');
    await expect(page.getByTestId('map-material').inputValue()).resolves.toBe('材质');
    await expect(page.getByTestId('map-network').inputValue()).resolves.toBe('管线类型');
    await expect(page.getByTestId('import-rows').textContent()).resolves.toContain('钢筋混凝土');
    if (shots) writeFileSync(join(shots, 'import-dialog-zh.png'), await page.screenshot());
  });

  it('imports with progress, then the layer catalog shows the new features', async () => {
    await page.getByTestId('import-run').click();
    await page.locator('[data-testid=import-progress][data-phase=done]').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('import-progress').textContent()).resolves.toMatch(/新增 6，按编号更新 0/);
    await page.getByRole('button', { name: '关闭' }).click();
    await page.waitForFunction((n) => document.querySelector('[data-testid=layer-count-drainage_pipes]')?.textContent === String(n), pipesBefore + 6, { timeout: 30_000 });
  });

  it('re-importing the same file updates by id instead of duplicating', async () => {
    await page.getByTestId('open-import').click();
    await page.getByTestId('import-path').fill(shp);
    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-count').waitFor();
    await page.getByTestId('import-run').click();
    await page.locator('[data-testid=import-progress][data-phase=done]').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('import-progress').textContent()).resolves.toMatch(/新增 0，按编号更新 6/);
    await page.getByRole('button', { name: '关闭' }).click();
    await page.waitForTimeout(1000);
    expect(await pipeCount()).toBe(pipesBefore + 6);
  });

  it('a bad file is refused with the file named and nothing changes', async () => {
    const bad = join(t.dir, 'bad.geojson');
    writeFileSync(bad, '{"type": "FeatureCollection", "features": [');
    await page.getByTestId('open-import').click();
    await page.getByTestId('import-path').fill(bad);
    await page.getByTestId('import-preview').click();
    await expect(page.getByTestId('import-error').textContent()).resolves.toMatch(/bad\.geojson/);
    await page.getByRole('button', { name: '关闭' }).click();
    expect(await pipeCount()).toBe(pipesBefore + 6);
  });
});
