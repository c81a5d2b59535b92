// A quantized-mesh terrain pack built from the district DEM: layer.json and tiles through the tile route,
// requested and drawn by Cesium's CesiumTerrainProvider; the terrain source shows in the catalog.
import { join } from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServeHandle } from '../../main/cli';
import { setTerrainPack } from '../../main/services/terrainService';
import { generateDemoPack } from '../../main/sources/demoPack/generateDemoPack';
import { buildQuantizedMeshPackFromDem } from '../../main/sources/terrain/quantizedMeshPack';
import { openStore } from '../../main/store/openStore';
import { launchChromium, watchPage } from '../helpers/browser';
import { tempDir } from '../helpers/tempStore';

const t = tempDir('cityops-qm-e2e-');
let handle: ServeHandle;
let browser: Browser;
let page: Page;
let watched: ReturnType<typeof watchPage>;
const responses: { path: string; status: number; type: string }[] = [];

beforeAll(async () => {
  const packDir = join(t.dir, 'maojian-qm');
  buildQuantizedMeshPackFromDem(generateDemoPack().dem, packDir, { maxLevel: 11, name: 'Maojian demo terrain (quantized-mesh)' });
  const storePath = join(t.dir, 'store.gpkg');
  const store = openStore(storePath);
  setTerrainPack(store, packDir, 'maojian').close();
  store.close();
  handle = await serve({ store: storePath, port: 0 });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  watched = watchPage(page);
  page.on('response', (r: Response) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/tiles/terrain/')) responses.push({ path: u.pathname, status: r.status(), type: r.headers()['content-type'] ?? '' });
  });
  await page.goto(handle.host.url);
  await page.waitForFunction(() => document.body.dataset.globeReady === 'true', null, { timeout: 200_000, polling: 1000 });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await handle?.close();
  t.cleanup();
});

describe('quantized-mesh terrain pack', () => {
  it('Cesium loads layer.json and draws quantized-mesh tiles from the tile route', () => {
    expect(responses.find((r) => r.path === '/tiles/terrain/maojian/layer.json')).toMatchObject({ status: 200, type: 'application/json' });
    const tiles = responses.filter((r) => r.path.endsWith('.terrain'));
    expect(tiles.length).toBeGreaterThan(4);
    expect(tiles.every((r) => r.status === 200 && r.type === 'application/vnd.quantized-mesh')).toBe(true);
    // Deep tiles over the district were requested, not only the two level-0 tiles.
    expect(tiles.some((r) => Number(r.path.split('/')[4]) >= 8)).toBe(true);
  });

  it('the catalog names the terrain pack', async () => {
    await expect(page.getByTestId('terrain-source').textContent()).resolves.toMatch(/quantized-mesh/);
  });

  it('no console errors, nothing left 127.0.0.1', () => {
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.requests.filter((u) => !/^(data:|blob:)/.test(u) && new URL(u).hostname !== '127.0.0.1')).toEqual([]);
  });
});
