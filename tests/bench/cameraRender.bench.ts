// Camera layer render cost in Chromium (software GL, as on our build machines): 10,000 cameras with cones, frame time
// of our layer next to a bare Cesium page with the same billboards and next to one Entity per camera, same run.
import { build } from 'esbuild';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { launchChromium } from '../helpers/browser';
import { repoRoot } from '../helpers/tempStore';
import type { Row } from './benchHarness';

const CAMERAS = Number(process.env.CITYOPS_BENCH_CAMERAS ?? 10_000);
const FRAMES = 30;
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.png': 'image/png', '.wasm': 'application/wasm' };

async function bundle(dir: string): Promise<void> {
  const cesium = join(repoRoot, 'node_modules/cesium/Build/Cesium/index.js');
  await build({
    entryPoints: [join(repoRoot, 'tests/bench/cameraRenderPage.ts')],
    bundle: true,
    format: 'esm',
    outfile: join(dir, 'page.js'),
    alias: { cesium },
    logLevel: 'warning',
  });
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/cesium/Widgets/widgets.css">
<style>html,body,#map{margin:0;width:100%;height:100%;overflow:hidden}</style>
<script>window.CESIUM_BASE_URL='/cesium/';</script></head><body><div id="map"></div><script type="module" src="/page.js"></script></body></html>`,
  );
}

function serveDir(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const cesium = join(repoRoot, 'node_modules/cesium/Build/Cesium');
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = path.startsWith('/cesium/') ? join(cesium, path.slice('/cesium/'.length)) : join(dir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(cesium) && !file.startsWith(dir)) return void res.writeHead(403).end();
    if (!existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise((r) => server.close(() => r())) })),
  );
}

type Result = Record<string, number>;

export async function cameraRenderBench(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cityops-camera-bench-'));
  await bundle(dir);
  const site = await serveDir(dir);
  const browser = await launchChromium();
  const results: Record<string, Result> = {};
  try {
    for (const mode of ['layer', 'bare', 'entities'] as const) {
      const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
      page.on('pageerror', (e) => process.stderr.write(`bench page (${mode}): ${e.message}\n`));
      await page.goto(site.url);
      await page.waitForFunction(() => document.body.dataset.benchReady === 'true', null, { timeout: 60_000 });
      results[mode] = (await page.evaluate(([m, n, f]) => (window as unknown as { runBench(m: string, n: number, f: number): Promise<Result> }).runBench(m, n, f), [mode, CAMERAS, FRAMES] as const)) as Result;
      process.stderr.write(`camera render ${mode}: ${JSON.stringify(results[mode])}\n`);
      await page.close();
    }
  } finally {
    await browser.close();
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const { layer, bare, entities } = results as { layer: Result; bare: Result; entities: Result };
  const rows: Row[] = [];
  for (const view of ['close', 'overview'] as const) {
    const ours = layer[`${view}Ms`]!;
    rows.push({ name: `camera layer frame, ${CAMERAS} cameras + cones (${view})`, value: ours, baselineName: 'bare Cesium, same billboards', baseline: bare[`${view}Ms`]!, unit: 'ms', goal: 'ratio <= 1.25', pass: ours <= 1.25 * bare[`${view}Ms`]! });
    rows.push({ name: `camera layer frame, ${CAMERAS} cameras + cones (${view})`, value: ours, baselineName: 'one Entity per camera', baseline: entities[`${view}Ms`]!, unit: 'ms', goal: 'ratio <= 0.333 (3x faster)', pass: ours * 3 <= entities[`${view}Ms`]! });
  }
  rows.push({ name: 'camera layer setup until drawn', value: layer.setupMs!, baselineName: 'one Entity per camera', baseline: entities.setupMs!, unit: 'ms', goal: 'informational', pass: true });
  return rows;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  const { printTable } = await import('./benchHarness');
  printTable(await cameraRenderBench());
}
