import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ImportError } from '../../../../../main/sources/interchange/importError';
import type { Geometry } from '../../../../../main/sources/interchange/sourceDataset';

export const fixtures = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'interchange');
export const gdalSample = join(fixtures, 'geopackage', 'gdal_sample.gpkg');
export const swmm = (part: 'conduits' | 'junctions' | 'dividers' | 'storages' | 'outfalls') => join(fixtures, 'drainage-swmm', `SWMM_${part}.gpkg`);

export const hasGdal = spawnSync('ogr2ogr', ['--version']).status === 0;

/** Skip a GDAL test where gdal-bin is missing; in CI (process.env.CI) that is a failure instead. */
export function needGdal(ctx: { skip: (note?: string) => void }): void {
  if (hasGdal) return;
  if (process.env.CI) throw new Error('ogr2ogr/ogrinfo (Debian gdal-bin) are required in CI');
  ctx.skip('gdal-bin not installed (apt-get install gdal-bin)');
}

export function ogr(cmd: 'ogr2ogr' | 'ogrinfo', args: string[]): { stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return { stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cityops-interchange-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Await/execute fn and return the ImportError it throws (fails the test otherwise). */
export async function importErrorOf(fn: () => unknown): Promise<ImportError> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('expected an ImportError, nothing was thrown');
}

/** Pipes in Maojian (lon/lat) with Chinese survey attribute names. */
export const maojianPipes = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { 编号: 'YS001', 起点点号: 'Y1', 终点点号: 'Y2', 管径: 600, 材质: '钢筋混凝土', 管线类型: '雨水', 道路: '人民北路' },
      geometry: { type: 'LineString', coordinates: [[110.8, 32.6], [110.8012, 32.6007]] },
    },
    {
      type: 'Feature',
      properties: { 编号: 'WS001', 起点点号: 'W1', 终点点号: 'W2', 管径: 400, 材质: 'HDPE双壁波纹管', 管线类型: '污水', 道路: '东岳路' },
      geometry: { type: 'LineString', coordinates: [[110.7901, 32.6102], [110.7915, 32.6099], [110.7931, 32.6111]] },
    },
    {
      type: 'Feature',
      properties: { 编号: 'YS002', 起点点号: 'Y2', 终点点号: 'Y3', 管径: 800, 材质: '钢筋混凝土', 管线类型: '雨水', 道路: '茅箭区二堰街道' },
      geometry: { type: 'LineString', coordinates: [[110.8012, 32.6007], [110.8033, 32.6019]] },
    },
  ],
} as const;

export function expectCoordsClose(actual: unknown, expected: unknown, tol = 1e-6): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual)).toBe(true);
    const a = actual as unknown[];
    expect(a.length).toBe(expected.length);
    expected.forEach((e, i) => expectCoordsClose(a[i], e, tol));
    return;
  }
  expect(Math.abs((actual as number) - (expected as number))).toBeLessThanOrEqual(tol);
}

/** The coordinates of a simple (non-collection) geometry. */
export function coordsOf(g: Geometry | null | undefined): unknown {
  if (!g || g.type === 'GeometryCollection') throw new Error(`expected a simple geometry, got ${g ? g.type : 'null'}`);
  return g.coordinates;
}
