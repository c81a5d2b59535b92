// Imagery packs in the browser: an MBTiles (map+images schema) and a GeoPackage tile table registered in the
// store, listed in the catalog, requested by Cesium through the tile route and drawn.
import { join } from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServeHandle } from '../../main/cli';
import { addImageryPack } from '../../main/services/packsService';
import { openStore } from '../../main/store/openStore';
import { launchChromium, watchPage } from '../helpers/browser';
import { repoRoot, tempDir } from '../helpers/tempStore';

const t = tempDir('cityops-packs-e2e-');
const fixtures = join(repoRoot, 'tests', 'fixtures', 'tiles');
let handle: ServeHandle;
let browser: Browser;
let page: Page;
let watched: ReturnType<typeof watchPage>;
const tileResponses: { url: string; status: number; type: string }[] = [];

beforeAll(async () => {
  const storePath = join(t.dir, 'store.gpkg');
  const store = openStore(storePath);
  addImageryPack(store, join(fixtures, 'plain_1.mbtiles'), { id: 'plain' });
  addImageryPack(store, join(fixtures, 'denver_tile.gpkg'), { id: 'denver' });
  store.close();
  handle = await serve({ store: storePath, port: 0 });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  watched = watchPage(page);
  page.on('response', (r: Response) => {
    if (r.url().includes('/tiles/')) tileResponses.push({ url: r.url(), status: r.status(), type: r.headers()['content-type'] ?? '' });
  });
  await page.goto(handle.host.url);
  await page.waitForFunction(() => document.body.dataset.globeReady === 'true', null, { timeout: 200_000, polling: 1000 });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await handle?.close();
  t.cleanup();
});

describe('imagery packs', () => {
  it('lists both packs and the bundled fallback in the catalog', async () => {
    await expect(page.getByTestId('imagery-plain').textContent()).resolves.toMatch(/plain_1.*z0–4/);
    await expect(page.getByTestId('imagery-denver').textContent()).resolves.toMatch(/z16–16/);
    await expect(page.getByTestId('imagery-naturalearth').textContent()).resolves.toMatch(/自然地球/);
  });

  it('Cesium requests the MBTiles pack through the tile route and gets PNG tiles', () => {
    const plain = tileResponses.filter((r) => /\/tiles\/plain\/\d+\/\d+\/\d+/.test(r.url));
    expect(plain.length).toBeGreaterThan(0);
    expect(plain.filter((r) => r.status === 200).every((r) => r.type === 'image/png')).toBe(true);
    expect(plain.some((r) => r.status === 200)).toBe(true);
    // Denver's pack has 42 tiles at zoom 16. Cesium asks only around them (a one-tile margin, and coarser parents
    // for upsampling), never across the world-wide matrix set; tiles that exist come back 200, the rest 404.
    const denver = tileResponses.filter((r) => r.url.includes('/tiles/denver/')).map((r) => {
      const [z, x, y] = new URL(r.url).pathname.split('/').slice(3).map(Number) as [number, number, number];
      return { z, x, y, status: r.status };
    });
    expect(denver.length).toBeLessThan(4 * 42);
    for (const d of denver) {
      const k = 2 ** (16 - d.z);
      expect(d.x * k >= 13679 - k && d.x * k <= 13686, `x ${d.x}`).toBe(true);
      expect(d.y * k >= 24887 - k && d.y * k <= 24895, `y ${d.y}`).toBe(true);
      const inside = d.z === 16 && d.x >= 13680 && d.x <= 13685 && d.y >= 24888 && d.y <= 24894;
      expect(d.status).toBe(inside ? 200 : 404);
    }
  });

  it('the GeoPackage tile route answers with the right tile, and 404 outside the pack', async () => {
    const token = new URL(handle.host.url).searchParams.get('token')!;
    const ok = await fetch(`${handle.host.origin}/tiles/denver/16/13680/24888?token=${token}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    expect((await fetch(`${handle.host.origin}/tiles/denver/16/0/0?token=${token}`)).status).toBe(404);
  });

  it('no console errors, nothing left 127.0.0.1', () => {
    expect(watched.consoleErrors.filter((e) => !/404/.test(e))).toEqual([]);
    expect(watched.requests.filter((u) => !/^(data:|blob:)/.test(u) && new URL(u).hostname !== '127.0.0.1')).toEqual([]);
  });
});
