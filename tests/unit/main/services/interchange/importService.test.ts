import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLayer } from '../../../../../main/services/interchange/exportLayer';
import { applyImport } from '../../../../../main/services/interchange/applyImport';
import { importFile, suggestPlan } from '../../../../../main/services/interchange/importService';
import { readSource } from '../../../../../main/sources/interchange/readSource';
import type { SourceDataset } from '../../../../../main/sources/interchange/sourceDataset';
import { ImportError } from '../../../../../main/sources/interchange/importError';
import { FeaturesRepository } from '../../../../../main/store/featuresRepository';
import { openStore, type Store } from '../../../../../main/store/openStore';
import { hasGdal, writeGbkShapefile } from '../../../../helpers/gdalFixtures';
import { repoRoot, tempDir } from '../../../../helpers/tempStore';

const t = tempDir('cityops-import-');
let store: Store;
const swmm = (p: string) => join(repoRoot, 'tests', 'fixtures', 'interchange', 'drainage-swmm', `SWMM_${p}.gpkg`);

/** Counts and a checksum of every user table: proof that a refused import changed nothing. */
function storeDigest(db: Database.Database): string {
  const h = createHash('sha256');
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
  for (const name of tables) {
    const rows = db.prepare(`SELECT * FROM "${name}"`).raw().all();
    h.update(`${name}:${rows.length}:`);
    h.update(JSON.stringify(rows, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
  }
  return h.digest('hex');
}

beforeAll(async () => {
  store = openStore(join(t.dir, 'store.gpkg'));
  await importFile(store.db, swmm('conduits'), null, {});
  for (const part of ['junctions', 'outfalls', 'storages', 'dividers']) {
    const data = (await readSource(swmm(part))) as SourceDataset;
    const plan = suggestPlan(data);
    // SWMM's Type holds outfall/divider kinds (FREE, TIDAL, CUTOFF…), not CityOps node types: the analyst unmaps it.
    applyImport(store.db, data, { ...plan, mapping: { ...plan.mapping, node_type: null } });
  }
});
afterAll(() => {
  store.close();
  t.cleanup();
});

describe('import into the store', () => {
  it('lands the SWMM network in the drainage layers with closed topology', () => {
    const pipes = store.db.prepare('SELECT external_id, up_node, down_node, diameter_mm, props FROM drainage_pipes ORDER BY external_id').all() as { up_node: string; down_node: string; diameter_mm: number | null; props: string }[];
    expect(pipes).toHaveLength(5);
    // Geom1 is the diameter in metres for circular conduits (→ mm); the irregular channel has none.
    for (const p of pipes) {
      if (JSON.parse(p.props).Shape === 'CIRCULAR') expect(p.diameter_mm).toBeGreaterThan(0);
    }
    expect(pipes.map((p) => p.diameter_mm).sort()).toEqual([1000, 200, 300, 500, null].sort());
    // Every pipe end is a node of one of the other four files: the topology is closed.
    const nodes = new Set((store.db.prepare('SELECT external_id FROM drainage_nodes').all() as { external_id: string }[]).map((r) => r.external_id));
    expect(nodes.size).toBe(8);
    for (const p of pipes) {
      expect(nodes.has(p.up_node), p.up_node).toBe(true);
      expect(nodes.has(p.down_node), p.down_node).toBe(true);
    }
  });

  it('a value outside the target column names the file, feature and field', async () => {
    await expect(importFile(store.db, swmm('outfalls'), null, {})).rejects.toThrow(/SWMM_outfalls\.gpkg.*feature 0, field 'Type': 'TIDAL' is not one of/);
  });

  it('re-importing updates by id, never duplicates', async () => {
    const again = await importFile(store.db, swmm('conduits'), null, {});
    expect(again).toMatchObject({ kind: 'features', inserted: 0, updated: 5 });
    expect(store.db.prepare('SELECT count(*) AS n FROM drainage_pipes').get()).toEqual({ n: 5 });
  });

  it.skipIf(!hasGdal)('a GDAL-made GBK Gauss-Krüger shapefile lands with Chinese attributes and coordinates to 1e-6°', async () => {
    const shp = writeGbkShapefile(t.dir, 4);
    const r = await importFile(store.db, shp, null, {});
    expect(r).toMatchObject({ kind: 'features', layerId: 'drainage_pipes', count: 4 });
    const rows = new FeaturesRepository(store.db).query('drainage_pipes', [110.77, 32.61, 110.8, 32.63], 100).features;
    const first = rows.find((f) => f.properties.up_node === 'YS100')!;
    expect(first.properties).toMatchObject({ down_node: 'YS101', diameter_mm: 400, material: 'HDPE', network: 'rain' });
    const coords = (first.geometry as { coordinates: number[][] }).coordinates;
    expect(coords[0]![0]).toBeCloseTo(110.78, 6);
    expect(coords[0]![1]).toBeCloseTo(32.62, 6);
  });

  const corpus: [string, (dir: string) => string, RegExp][] = [
    ['empty file', (d) => (writeFileSync(join(d, 'empty.geojson'), ''), join(d, 'empty.geojson')), /empty\.geojson/],
    ['random bytes', (d) => (writeFileSync(join(d, 'noise.gpkg'), randomBytes(4096)), join(d, 'noise.gpkg')), /noise\.gpkg/],
    ['invalid JSON', (d) => (writeFileSync(join(d, 'bad.geojson'), '{"type":"FeatureCollection","features":[{'), join(d, 'bad.geojson')), /bad\.geojson/],
    [
      'invalid polygon',
      (d) => (writeFileSync(join(d, 'poly.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [0, 0]]] } }] })), join(d, 'poly.geojson')),
      /poly\.geojson.*feature 0/,
    ],
    ['non-GeoPackage SQLite', (d) => { const p = join(d, 'plain.gpkg'); const db = new Database(p); db.exec('CREATE TABLE t (a)'); db.close(); return p; }, /plain\.gpkg/],
    [
      'bad value in feature 2',
      (d) => (writeFileSync(join(d, 'pipes.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [0, 1, 2].map((i) => ({ type: 'Feature', properties: { 起点点号: `A${i}`, 终点点号: `B${i}`, 管径: i === 2 ? '大号' : 300 }, geometry: { type: 'LineString', coordinates: [[110.8, 32.6], [110.81, 32.61]] } })) })), join(d, 'pipes.geojson')),
      /pipes\.geojson.*feature 2, field '管径'/,
    ],
  ];

  it.each(corpus)('refuses %s with the file (and row/field) named, and the store is unchanged', async (_n, make, pattern) => {
    const before = storeDigest(store.db);
    const file = make(t.dir);
    let caught: unknown;
    try {
      await importFile(store.db, file, null, {});
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ImportError);
    expect((caught as Error).message).toMatch(pattern);
    expect(storeDigest(store.db)).toBe(before);
  });

  it.skipIf(!hasGdal)('exports to GeoPackage that ogrinfo reads back with the same features', () => {
    const out = join(t.dir, 'pipes-export.gpkg');
    const r = exportLayer(new FeaturesRepository(store.db), 'drainage_pipes', out);
    const info = spawnSync('ogrinfo', ['-ro', '-al', out], { encoding: 'utf8' });
    expect(info.status).toBe(0);
    expect(info.stdout).toContain(`Feature Count: ${r.count}`);
    expect(info.stdout).toMatch(/up_node \(String\) = YS100/);
    expect(info.stdout).toMatch(/LINESTRING \(110\.78/);
    expect(spawnSync('ogrinfo', ['-ro', '-q', '-sql', 'SELECT count(*) FROM rtree_drainage_pipes_geom', out], { encoding: 'utf8' }).stdout).toMatch(new RegExp(`= ${r.count}`));
    expect(() => exportLayer(new FeaturesRepository(store.db), 'drainage_pipes', out)).toThrow(/exists/);
  });
});

describe('crash safety', () => {
  it('kill -9 in the middle of a large import leaves a store that checks ok with none or all of it', async () => {
    const dir = tempDir('cityops-crash-');
    const storePath = join(dir.dir, 'crash.gpkg');
    openStore(storePath).close();
    const big = join(dir.dir, 'big.geojson');
    const features = Array.from({ length: 60_000 }, (_, i) => ({ type: 'Feature', properties: { 名称: `点${i}`, 编号: `P${i}` }, geometry: { type: 'Point', coordinates: [110.6 + (i % 300) * 0.001, 32.4 + Math.floor(i / 300) * 0.001] } }));
    writeFileSync(big, JSON.stringify({ type: 'FeatureCollection', features }));
    const child = spawn(process.execPath, [join(repoRoot, 'main', 'bin', 'cityops.cjs'), 'import', big, '--layer', 'new:crash', '--store', storePath], { stdio: 'ignore' });
    // Kill it once the write transaction is under way (the WAL file grows), or after a deadline.
    const deadline = Date.now() + 60_000;
    const { statSync, existsSync } = await import('node:fs');
    while (Date.now() < deadline) {
      if (existsSync(`${storePath}-wal`) && statSync(`${storePath}-wal`).size > 256 * 1024) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const check = spawnSync(process.execPath, [join(repoRoot, 'main', 'bin', 'cityops.cjs'), 'check', '--store', storePath], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    const s = openStore(storePath);
    const layer = s.db.prepare(`SELECT id FROM cityops_layers WHERE kind = 'generic'`).get() as { id: string } | undefined;
    const n = layer ? (s.db.prepare(`SELECT count(*) AS n FROM "${layer.id}"`).get() as { n: number }).n : 0;
    s.close();
    expect([0, 60_000]).toContain(n);
    copyFileSync(storePath, join(dir.dir, 'kept.gpkg'));
    dir.cleanup();
  }, 120_000);
});
