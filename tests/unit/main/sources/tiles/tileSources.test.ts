import Database from 'better-sqlite3';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openGpkgTiles } from '../../../../../main/sources/tiles/gpkgTileSource';
import { openMbtiles } from '../../../../../main/sources/tiles/mbtilesSource';
import { PackError } from '../../../../../main/sources/tiles/tileSource';
import { TileService } from '../../../../../main/sources/tiles/tileService';
import { fileFingerprint, repoRoot, tempDir } from '../../../../helpers/tempStore';

const fixtures = join(repoRoot, 'tests', 'fixtures', 'tiles');
const mbtiles = join(fixtures, 'plain_1.mbtiles');
const denver = join(fixtures, 'denver_tile.gpkg');
const t = tempDir();
afterAll(() => t.cleanup());

describe('MBTiles packs', () => {
  it('serves every tile of the deduplicated map+images schema in XYZ order (TMS rows flipped)', () => {
    const before = fileFingerprint(mbtiles);
    const src = openMbtiles(mbtiles, 'plain');
    expect(src).toMatchObject({ title: 'plain_1', minZoom: 0, maxZoom: 4, format: 'mbtiles' });
    expect(src.bounds![1]).toBeCloseTo(-70, 0);
    const raw = new Database(mbtiles, { readonly: true });
    const rows = raw.prepare('SELECT zoom_level AS z, tile_column AS x, tile_row AS r, tile_data AS d FROM tiles').all() as { z: number; x: number; r: number; d: Buffer }[];
    raw.close();
    expect(rows).toHaveLength(285);
    for (const row of rows) {
      const tile = src.getTile(row.z, row.x, (1 << row.z) - 1 - row.r);
      expect(tile?.contentType).toBe('image/png');
      expect(tile!.data.equals(row.d)).toBe(true);
    }
    expect(src.getTile(5, 0, 0)).toBeNull();
    src.close();
    expect(fileFingerprint(mbtiles)).toBe(before);
  });
});

describe('GeoPackage tile packs', () => {
  it('serves the Denver tiles (row 0 at the top) at their Web Mercator XYZ address', () => {
    const src = openGpkgTiles(denver, 'denver');
    expect(src).toMatchObject({ minZoom: 16, maxZoom: 16, format: 'gpkg' });
    const raw = new Database(denver, { readonly: true });
    const rows = raw.prepare('SELECT tile_column AS x, tile_row AS y, tile_data AS d FROM denver').all() as { x: number; y: number; d: Buffer }[];
    raw.close();
    expect(rows).toHaveLength(42);
    for (const r of rows) expect(src.getTile(16, r.x, r.y)!.data.equals(r.d)).toBe(true);
    // The extent is where the tiles are (Denver), not the world-wide matrix set.
    const [w, s, e, n] = src.bounds!;
    expect(w).toBeCloseTo(-104.85, 1);
    expect(e - w).toBeCloseTo((6 * 360) / 2 ** 16, 6);
    expect(s).toBeGreaterThan(39.5);
    expect(n).toBeLessThan(40);
    expect(src.getTile(15, 6840, 12444)).toBeNull();
    src.close();
  });

  it('refuses tile tables that are not on the Web Mercator grid', () => {
    const path = join(t.dir, 'geo.gpkg');
    copyFileSync(denver, path);
    const db = new Database(path);
    db.exec(`INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition) SELECT 'WGS 84', 4326, 'EPSG', 4326, 'x' WHERE NOT EXISTS (SELECT 1 FROM gpkg_spatial_ref_sys WHERE srs_id = 4326)`);
    db.exec(`UPDATE gpkg_tile_matrix_set SET srs_id = 4326`);
    db.close();
    expect(() => openGpkgTiles(path, 'x')).toThrow(/srs 4326; only EPSG:3857/);
  });
});

describe('bad packs are refused with the file named', () => {
  it.each([
    ['text file', 'notes.mbtiles', (p: string) => writeFileSync(p, 'x'.repeat(200)), /not a SQLite file/],
    ['empty file', 'empty.gpkg', (p: string) => writeFileSync(p, ''), /too small/],
    ['foreign SQLite', 'foreign.mbtiles', (p: string) => { const d = new Database(p); d.exec('CREATE TABLE x (a)'); d.close(); }, /not an MBTiles file/],
    ['vector MBTiles', 'vector.mbtiles', (p: string) => { const d = new Database(p); d.exec("CREATE TABLE metadata (name, value); INSERT INTO metadata VALUES ('format', 'pbf'); CREATE TABLE tiles (zoom_level, tile_column, tile_row, tile_data)"); d.close(); }, /vector MBTiles/],
  ])('%s', (_n, name, make, pattern) => {
    const path = join(t.dir, name);
    make(path);
    const open = () => (name.endsWith('.gpkg') ? openGpkgTiles(path, 'x') : openMbtiles(path, 'x'));
    expect(open).toThrow(PackError);
    expect(open).toThrow(pattern);
    expect(open).toThrow(path);
  });
});

describe('TileService', () => {
  it('routes static folders and packs, rejecting malformed and out-of-range addresses', () => {
    const svc = new TileService({ naturalearth: join(repoRoot, 'node_modules', 'cesium', 'Build', 'Cesium', 'Assets', 'Textures', 'NaturalEarthII') });
    svc.addPack(openMbtiles(mbtiles, 'plain'));
    expect(svc.resolve('naturalearth', '0/0/0.jpg')).toMatchObject({ contentType: 'image/jpeg' });
    expect(svc.resolve('plain', '0/0/0')).toMatchObject({ contentType: 'image/png' });
    expect(svc.resolve('plain', '0/0/0.png')).toMatchObject({ contentType: 'image/png' });
    for (const bad of ['0/1/0', '2/0/9', 'a/b/c', '0/0/0.exe', '../x', '99/0/0']) expect(svc.resolve('plain', bad)).toBeNull();
    expect(svc.resolve('nope', '0/0/0')).toBeNull();
    svc.close();
  });
});
