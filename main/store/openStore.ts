import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { registerGpkgFunctions } from './gpkgFunctions';
import { latestSchemaVersion, migrations } from './migrations';

/** 'GPKG' as the SQLite application_id (GeoPackage 1.2+). */
export const GPKG_APPLICATION_ID = 0x47504b47;
/** GeoPackage 1.3 in PRAGMA user_version. */
export const GPKG_USER_VERSION = 10300;

export class StoreRefusedError extends Error {
  readonly code = 'STORE_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'StoreRefusedError';
  }
}

export interface Store {
  readonly db: Database.Database;
  readonly path: string;
  readonly schemaVersion: number;
  close(): void;
}

const sqliteMagic = Buffer.from('SQLite format 3\0', 'latin1');

function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = readSync(fd, buf, 0, 100, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * Looks at an existing file without changing a byte of it. Returns its schema version
 * (0 for an empty file) or throws StoreRefusedError naming the file and the reason.
 */
export function inspectStoreFile(path: string): number {
  const st = statSync(path);
  if (!st.isFile()) throw new StoreRefusedError(`${path}: not a regular file`);
  if (st.size === 0) return 0;
  const header = readHeader(path);
  if (header.length < 100 || !header.subarray(0, 16).equals(sqliteMagic)) {
    throw new StoreRefusedError(`${path}: not a SQLite database (bytes 0–15 are not the SQLite header); refused, file left untouched`);
  }
  try {
    return peekReadOnly(path, (db) => {
      const check = db.pragma('quick_check', { simple: false }) as { quick_check: string }[];
      if (check.length !== 1 || check[0]!.quick_check !== 'ok') {
        throw new StoreRefusedError(`${path}: the SQLite file is corrupt (quick_check: ${check.slice(0, 3).map((r) => r.quick_check).join('; ')}); refused, file left untouched`);
      }
      const tableCount = (db.prepare(`SELECT count(*) AS n FROM sqlite_master`).get() as { n: number }).n;
      if (tableCount === 0) return 0;
      const appId = db.pragma('application_id', { simple: true }) as number;
      const hasMeta = db.prepare(`SELECT 1 FROM sqlite_master WHERE type='table' AND name='cityops_meta'`).get();
      if (appId !== GPKG_APPLICATION_ID || !hasMeta) {
        throw new StoreRefusedError(
          `${path}: not a CityOps store (application_id 0x${(appId >>> 0).toString(16)}, ${hasMeta ? 'has' : 'no'} cityops_meta table); refused, file left untouched. Import GIS files with 'cityops import' instead.`,
        );
      }
      const row = db.prepare(`SELECT value FROM cityops_meta WHERE key='schema_version'`).get() as { value: string } | undefined;
      const version = Number(row?.value ?? NaN);
      if (!Number.isInteger(version) || version < 0) throw new StoreRefusedError(`${path}: cityops_meta.schema_version is missing or invalid; refused, file left untouched`);
      if (version > latestSchemaVersion) {
        throw new StoreRefusedError(
          `${path}: written by a newer CityOps (store schema ${version}, this build knows up to ${latestSchemaVersion}); refused, file left untouched. Update CityOps to open it.`,
        );
      }
      return version;
    });
  } catch (err) {
    if (err instanceof StoreRefusedError) throw err;
    throw new StoreRefusedError(`${path}: cannot be read as a SQLite database (${(err as Error).message}); refused, file left untouched`);
  }
}

/**
 * Runs fn over a read-only connection. A read-only connection to a WAL database creates -wal/-shm
 * companions; the ones it created are removed again, so looking at a file leaves its folder as it was.
 */
export function peekReadOnly<T>(path: string, fn: (db: Database.Database) => T): T {
  const companions = [`${path}-wal`, `${path}-shm`].filter((p) => !existsSync(p));
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    registerGpkgFunctions(db);
    return fn(db);
  } finally {
    db?.close();
    for (const p of companions) if (existsSync(p) && (p.endsWith('-shm') || statSync(p).size === 0)) rmSync(p, { force: true });
  }
}

export interface OpenStoreOptions {
  /** Open without migrating or writing (for checks). A store that needs migration is still readable. */
  readonly?: boolean;
}

/** Opens (creating and migrating as needed) a CityOps store: a GeoPackage with CityOps tables. */
export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  const exists = existsSync(path);
  if (!exists && options.readonly) throw new StoreRefusedError(`${path}: no such store`);
  const foundVersion = exists ? inspectStoreFile(path) : 0;
  if (!exists) mkdirSync(dirname(path), { recursive: true });

  const db = new Database(path, { readonly: !!options.readonly, fileMustExist: !!options.readonly });
  try {
    registerGpkgFunctions(db);
    if (options.readonly) {
      db.pragma('query_only = ON');
      return wrap(db, path, foundVersion);
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const version = migrate(db);
    return wrap(db, path, version);
  } catch (err) {
    db.close();
    throw err;
  }
}

function wrap(db: Database.Database, path: string, schemaVersion: number): Store {
  return { db, path, schemaVersion, close: () => db.close() };
}

function currentVersion(db: Database.Database): number {
  const hasMeta = db.prepare(`SELECT 1 FROM sqlite_master WHERE type='table' AND name='cityops_meta'`).get();
  if (!hasMeta) return 0;
  const row = db.prepare(`SELECT value FROM cityops_meta WHERE key='schema_version'`).get() as { value: string } | undefined;
  return Number(row?.value ?? 0);
}

/** Applies the pending migrations, each in its own transaction. Returns the resulting version. */
export function migrate(db: Database.Database): number {
  let version = currentVersion(db);
  if (version === 0) {
    db.transaction(() => {
      db.pragma(`application_id = ${GPKG_APPLICATION_ID}`);
      db.pragma(`user_version = ${GPKG_USER_VERSION}`);
      db.exec(`CREATE TABLE cityops_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)`);
      db.prepare(`INSERT INTO cityops_meta (key, value) VALUES ('schema_version', '0'), ('created_at', ?)`).run(new Date().toISOString());
    })();
  }
  for (const m of migrations) {
    if (m.version <= version) continue;
    // PRAGMA foreign_keys is a no-op inside a transaction: switch it around the migration's transaction.
    const fkWasOn = m.foreignKeysOff ? (db.pragma('foreign_keys', { simple: true }) as number) === 1 : false;
    if (m.foreignKeysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        m.up(db);
        if (m.foreignKeysOff) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) throw new Error(`migration ${m.version} (${m.name}): ${broken.length} foreign key violation(s); rolled back`);
        }
        db.prepare(`UPDATE cityops_meta SET value = ? WHERE key = 'schema_version'`).run(String(m.version));
      })();
    } finally {
      if (fkWasOn) db.pragma('foreign_keys = ON');
    }
    version = m.version;
  }
  return version;
}
