import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { layerSchemas } from '../../../../main/store/layerSchemas';
import { latestSchemaVersion, migrations } from '../../../../main/store/migrations';
import { registerGpkgFunctions } from '../../../../main/store/gpkgFunctions';
import { encodeGpkgGeometry } from '../../../../main/store/gpkgGeometry';
import { GPKG_APPLICATION_ID, GPKG_USER_VERSION, openStore, StoreRefusedError } from '../../../../main/store/openStore';
import { fileFingerprint, tempDir } from '../../../helpers/tempStore';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function dir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

function expectRefused(path: string, pattern: RegExp): void {
  const before = fileFingerprint(path);
  let caught: unknown;
  try {
    openStore(path).close();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(StoreRefusedError);
  expect((caught as Error).message).toContain(path);
  expect((caught as Error).message).toMatch(pattern);
  expect(fileFingerprint(path)).toBe(before);
}

describe('openStore', () => {
  it('creates a GeoPackage store at the latest schema with WAL and foreign keys', () => {
    const path = join(dir(), 'sub', 'store.gpkg');
    const store = openStore(path);
    try {
      expect(store.schemaVersion).toBe(latestSchemaVersion);
      expect(store.db.pragma('application_id', { simple: true })).toBe(GPKG_APPLICATION_ID);
      expect(store.db.pragma('user_version', { simple: true })).toBe(GPKG_USER_VERSION);
      expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
      const tables = (store.db.prepare(`SELECT name FROM sqlite_master WHERE type='table'`).all() as { name: string }[]).map((r) => r.name);
      expect(tables).toEqual(expect.arrayContaining(['gpkg_spatial_ref_sys', 'gpkg_contents', 'gpkg_geometry_columns', 'gpkg_extensions', 'boundary', 'rtree_boundary_geom', 'cityops_meta', 'cityops_layers']));
    } finally {
      store.close();
    }
  });

  it('reopens an existing store without re-running migrations', () => {
    const path = join(dir(), 'store.gpkg');
    openStore(path).close();
    const store = openStore(path);
    expect(store.schemaVersion).toBe(latestSchemaVersion);
    expect((store.db.prepare('SELECT count(*) AS n FROM cityops_layers').get() as { n: number }).n).toBe(1 + layerSchemas.length);
    store.close();
  });

  it('migrates a schema-1 store forward and keeps its data', () => {
    const path = join(dir(), 'v1.gpkg');
    const db = new Database(path);
    registerGpkgFunctions(db);
    db.pragma(`application_id = ${GPKG_APPLICATION_ID}`);
    db.exec(`CREATE TABLE cityops_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)`);
    migrations[0]!.up(db);
    db.prepare(`INSERT INTO cityops_meta VALUES ('schema_version', '1')`).run();
    db.prepare(`INSERT INTO boundary (geom, name, source, external_id) VALUES (?, 'kept', 'v1', 'k')`).run(encodeGpkgGeometry({ type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]]] }));
    db.close();
    const store = openStore(path);
    expect(store.schemaVersion).toBe(latestSchemaVersion);
    expect(store.db.prepare('SELECT name FROM boundary').all()).toEqual([{ name: 'kept' }]);
    expect(store.db.prepare(`SELECT count(*) AS n FROM gpkg_contents WHERE table_name = 'drainage_pipes'`).get()).toEqual({ n: 1 });
    store.close();
  });

  it('treats an empty file as a new store', () => {
    const path = join(dir(), 'empty.gpkg');
    writeFileSync(path, '');
    const store = openStore(path);
    expect(store.schemaVersion).toBe(latestSchemaVersion);
    store.close();
  });

  it('refuses a store written by a newer CityOps and leaves it untouched', () => {
    const path = join(dir(), 'newer.gpkg');
    const s = openStore(path);
    s.db.prepare(`UPDATE cityops_meta SET value = ? WHERE key = 'schema_version'`).run(String(latestSchemaVersion + 5));
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    s.close();
    expectRefused(path, /newer CityOps.*store schema \d+.*knows up to/);
  });

  it('refuses a foreign SQLite database and leaves it untouched', () => {
    const path = join(dir(), 'foreign.sqlite');
    const db = new Database(path);
    db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES (\'x\')');
    db.close();
    expectRefused(path, /not a CityOps store/);
  });

  it('refuses a file that is not SQLite at all', () => {
    const path = join(dir(), 'notes.txt');
    writeFileSync(path, 'hello, this is not a database '.repeat(10));
    expectRefused(path, /not a SQLite database/);
  });

  it('refuses a corrupt SQLite file (valid header, garbage pages)', () => {
    const path = join(dir(), 'corrupt.gpkg');
    openStore(path).close();
    const db = new Database(path);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.close();
    const bytes = readFileSync(path);
    randomBytes(bytes.length - 100).copy(bytes, 100);
    writeFileSync(path, bytes);
    expectRefused(path, /corrupt|cannot be read/);
  });

  it('refuses a directory given as the store', () => {
    const d = dir();
    expect(() => openStore(d)).toThrow(StoreRefusedError);
  });
});
