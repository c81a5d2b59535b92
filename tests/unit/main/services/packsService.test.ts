import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mapConfig } from '../../../../main/services/mapConfigService';
import { addImageryPack, listPacks, openRegisteredPacks, packsDir } from '../../../../main/services/packsService';
import { openStore, type Store } from '../../../../main/store/openStore';
import { repoRoot, tempDir } from '../../../helpers/tempStore';

const fixtures = join(repoRoot, 'tests', 'fixtures', 'tiles');
let store: Store;
let dir: string;
let cleanup: () => void;
beforeEach(() => {
  const t = tempDir();
  dir = t.dir;
  cleanup = t.cleanup;
  store = openStore(join(dir, 'store', 's.gpkg'));
});
afterEach(() => {
  store.close();
  cleanup();
});

describe('imagery packs', () => {
  it('registers MBTiles and GeoPackage packs, copies them next to the store, and lists them fine-over-coarse', () => {
    const a = addImageryPack(store, join(fixtures, 'plain_1.mbtiles'));
    const b = addImageryPack(store, join(fixtures, 'denver_tile.gpkg'), { id: 'denver' });
    expect(a).toMatchObject({ id: 'plain_1', format: 'mbtiles', min_zoom: 0, max_zoom: 4 });
    expect(existsSync(join(packsDir(store), 'plain_1.mbtiles'))).toBe(true);
    expect(listPacks(store).map((p) => p.id)).toEqual(['plain_1', 'denver']);
    const packs = openRegisteredPacks(store);
    const cfg = mapConfig(packs);
    expect(cfg.imagery.map((i) => i.id)).toEqual(['naturalearth', 'plain_1', 'denver']);
    expect(cfg.imagery[2]).toMatchObject({ kind: 'xyz', url: 'tiles/denver/{z}/{x}/{y}', minimumLevel: 16, maximumLevel: 16, online: false });
    packs.forEach((p) => p.close());
    expect(b.path.startsWith(packsDir(store))).toBe(true);
  });

  it('refuses a bad pack and a duplicate id, registering and copying nothing', () => {
    const bad = join(dir, 'bad.mbtiles');
    writeFileSync(bad, 'not tiles at all, just text '.repeat(10));
    expect(() => addImageryPack(store, bad)).toThrow(/bad\.mbtiles: not a SQLite file/);
    expect(() => addImageryPack(store, join(dir, 'x.tif'))).toThrow(/must be \.mbtiles or \.gpkg/);
    addImageryPack(store, join(fixtures, 'plain_1.mbtiles'));
    expect(() => addImageryPack(store, join(fixtures, 'plain_1.mbtiles'))).toThrow(/exists already/);
    expect(listPacks(store)).toHaveLength(1);
    expect(existsSync(join(packsDir(store), 'bad.mbtiles'))).toBe(false);
  });

  it('a registered pack whose file vanished is reported and skipped, not fatal', () => {
    const row = addImageryPack(store, join(fixtures, 'plain_1.mbtiles'));
    writeFileSync(row.path, '');
    const logs: string[] = [];
    expect(openRegisteredPacks(store, (m) => logs.push(m))).toEqual([]);
    expect(logs[0]).toMatch(/plain_1/);
  });
});
