// Camera layer render cost in Chromium (software GL, as on our build machines): 10,000 cameras with cones, frame time
// of our layer next to a bare Cesium page with the same billboards and the same cone polygons (one static Primitive)
// and next to one Entity per camera, same run, frames interleaved. CITYOPS_BENCH_CAMERAS sets N;
// CITYOPS_BENCH_SHOTS=<dir> saves a PNG of each page and view.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import type { Row } from './benchHarness';
import { bundleBenchPage, serveBenchDir } from './browserBenchSite';

const CAMERAS = Number(process.env.CITYOPS_BENCH_CAMERAS ?? 10_000);
const FRAMES = 30;

type Mode = 'layer' | 'bare' | 'entities';
type View = 'close' | 'overview';
const MODES: Mode[] = ['layer', 'bare', 'entities'];
/** An Entity frame can take many seconds: once a mode has spent this long on a view's timed frames it stops (≥ 3 frames). */
const BUDGET_MS = 60_000;

interface BenchWindow {
  benchSetup(mode: Mode, n: number): Promise<{ setupMs: number }>;
  benchView(view: View): Promise<{ settled: boolean; layerCones: number; clusters: number }>;
  benchFrame(view: View, i: number): number;
  benchShot(): string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Opens one page per mode, then per view warms every page the same way and times FRAMES frames each, interleaved
 * (layer, bare, entities, layer, …) so machine load hits all modes alike. Medians per mode and view.
 */
export async function cameraRenderBench(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cityops-camera-bench-'));
  await bundleBenchPage('tests/bench/cameraRenderPage.ts', dir);
  const site = await serveBenchDir(dir);
  const browser = await launchChromium();
  const setupMs: Partial<Record<Mode, number>> = {};
  const ms: Record<View, Partial<Record<Mode, number>>> = { close: {}, overview: {} };
  const shots = process.env.CITYOPS_BENCH_SHOTS;
  try {
    const pages = new Map<Mode, Page>();
    for (const mode of MODES) {
      const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
      page.on('pageerror', (e) => process.stderr.write(`bench page (${mode}): ${e.message}\n`));
      await page.goto(site.url);
      await page.waitForFunction(() => document.body.dataset.benchReady === 'true', null, { timeout: 60_000 });
      setupMs[mode] = (await page.evaluate(([m, n]) => (window as unknown as BenchWindow).benchSetup(m, n), [mode, CAMERAS] as const)).setupMs;
      pages.set(mode, page);
    }
    for (const view of ['close', 'overview'] as const) {
      for (const [mode, page] of pages) {
        const info = await page.evaluate((v) => (window as unknown as BenchWindow).benchView(v), view);
        process.stderr.write(`camera render ${mode} ${view}: ${JSON.stringify(info)}\n`);
        if (!info.settled) process.stderr.write(`camera render ${mode} ${view}: NOT settled within 4 minutes (timed anyway)\n`);
        if (shots) writeFileSync(join(shots, `camera-${mode}-${view}.png`), Buffer.from((await page.evaluate(() => (window as unknown as BenchWindow).benchShot())).split(',')[1]!, 'base64'));
      }
      const times = new Map<Mode, number[]>(MODES.map((m) => [m, []]));
      const spent = new Map<Mode, number>(MODES.map((m) => [m, 0]));
      for (let i = 0; i < FRAMES; i++) {
        for (const [mode, page] of pages) {
          if (i >= 3 && spent.get(mode)! > BUDGET_MS) continue;
          const t = await page.evaluate(([v, k]) => (window as unknown as BenchWindow).benchFrame(v, k), [view, i] as const);
          times.get(mode)!.push(t);
          spent.set(mode, spent.get(mode)! + t);
        }
      }
      for (const mode of MODES) ms[view][mode] = median(times.get(mode)!);
      process.stderr.write(`camera render ${view} frames: ${JSON.stringify(Object.fromEntries([...times].map(([m, t]) => [m, t.map((x) => Math.round(x))])))}\n`);
    }
  } finally {
    await browser.close();
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const rows: Row[] = [];
  for (const view of ['close', 'overview'] as const) {
    const { layer, bare, entities } = ms[view] as Record<Mode, number>;
    const name = `camera layer frame, ${CAMERAS} cameras + cones (${view})`;
    rows.push({ name, value: layer, baselineName: 'bare Cesium: same billboards + every cone in 1 static Primitive', baseline: bare, unit: 'ms', goal: 'ratio <= 1.25', pass: layer <= 1.25 * bare });
    rows.push({ name, value: layer, baselineName: 'one Entity per camera (billboard + cone)', baseline: entities, unit: 'ms', goal: 'ratio <= 0.333 (3x faster)', pass: layer * 3 <= entities });
  }
  rows.push({ name: 'camera layer setup until drawn', value: setupMs.layer!, baselineName: 'one Entity per camera (billboard + cone)', baseline: setupMs.entities!, unit: 'ms', goal: 'informational', pass: true });
  return rows;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  const { printTable } = await import('./benchHarness');
  printTable(await cameraRenderBench());
}
