import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createFeatureTable, refreshContentsExtent, type FeatureTableSpec } from '../../store/featureTables';
import { createGpkgCore } from '../../store/gpkgCore';
import { registerGpkgFunctions } from '../../store/gpkgFunctions';
import { encodeGpkgGeometry } from '../../store/gpkgGeometry';
import { hasZ } from './geometryTools';
import { ExportError, propertyNames, refuseOverwrite, type ExportFeature, type WriteOptions } from './exportFeature';

export interface GeoPackageWriteOptions extends WriteOptions {
  /** Feature table name (made a safe identifier); default 'features'. */
  table?: string;
  description?: string;
}

export interface GeoPackageWriteResult {
  file: string;
  table: string;
  count: number;
  geometryType: FeatureTableSpec['geometryType'];
  columns: { name: string; sql: string; property: string }[];
}

const typeNames: Record<string, FeatureTableSpec['geometryType']> = {
  Point: 'POINT',
  LineString: 'LINESTRING',
  Polygon: 'POLYGON',
  MultiPoint: 'MULTIPOINT',
  MultiLineString: 'MULTILINESTRING',
  MultiPolygon: 'MULTIPOLYGON',
};

export function safeTableName(name: string): string {
  let t = name.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (!/^[a-z]/.test(t)) t = `t_${t}`;
  return t.slice(0, 63) || 'features';
}

function columnType(features: ExportFeature[], p: string): 'INTEGER' | 'REAL' | 'BOOLEAN' | 'TEXT' {
  let type: 'INTEGER' | 'REAL' | 'BOOLEAN' | 'TEXT' | null = null;
  for (const f of features) {
    const v = f.properties[p];
    if (v === null || v === undefined) continue;
    const t = typeof v === 'boolean' ? 'BOOLEAN' : typeof v === 'number' ? (Number.isInteger(v) ? 'INTEGER' : 'REAL') : 'TEXT';
    if (type === null || type === t) type = t;
    else if ((type === 'INTEGER' && t === 'REAL') || (type === 'REAL' && t === 'INTEGER')) type = 'REAL';
    else return 'TEXT';
  }
  return type ?? 'TEXT';
}

function sqlValue(v: unknown, sql: string): string | number | null {
  if (v === null || v === undefined) return null;
  if (sql === 'BOOLEAN') return v ? 1 : 0;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * Write features (EPSG:4326) to a new GeoPackage: application_id 'GPKG', user_version 10300, the core tables,
 * one feature table with typed columns inferred from the properties and the R-tree index.
 */
export function writeGeoPackage(file: string, features: ExportFeature[], opts: GeoPackageWriteOptions = {}): GeoPackageWriteResult {
  refuseOverwrite(file, opts);
  if (opts.overwrite) for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
  const table = safeTableName(opts.table ?? 'features');
  const types = new Set(features.flatMap((f) => (f.geometry ? [f.geometry.type] : [])));
  const single = types.size === 1 ? typeNames[[...types][0]!] : undefined;
  const geometryType: FeatureTableSpec['geometryType'] = single ?? 'GEOMETRY';
  const zCount = features.filter((f) => f.geometry && hasZ(f.geometry)).length;
  const withGeom = features.filter((f) => f.geometry).length;
  const z: 0 | 1 | 2 = zCount === 0 ? 0 : zCount === withGeom ? 1 : 2;

  const props = propertyNames(features);
  const withId = features.some((f) => f.id !== undefined) && !props.some((p) => p.toLowerCase() === 'id');
  const taken = new Set(['fid', 'geom']);
  const columns: GeoPackageWriteResult['columns'] = [];
  for (const p of [...(withId ? ['id'] : []), ...props]) {
    let name = p.replace(/"/g, '');
    while (taken.has(name.toLowerCase()) || name === '') name = `${name || 'field'}_1`;
    taken.add(name.toLowerCase());
    const sql = p === 'id' && withId ? (features.every((f) => typeof f.id !== 'string') ? 'INTEGER' : 'TEXT') : columnType(features, p);
    columns.push({ name, sql, property: p });
  }

  const db = new Database(file);
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma(`application_id = ${0x47504b47}`);
    db.pragma('user_version = 10300');
    registerGpkgFunctions(db);
    const insert = () => {
      createGpkgCore(db);
      createFeatureTable(db, {
        table,
        geometryType,
        columns: columns.map((c) => `"${c.name}" ${c.sql}`),
        description: opts.description ?? '',
        srsId: 4326,
        z,
      });
      const names = ['geom', ...columns.map((c) => `"${c.name}"`)];
      const stmt = db.prepare(`INSERT INTO "${table}" (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
      features.forEach((f, i) => {
        const values = columns.map((c) => sqlValue(c.property === 'id' && withId ? f.id : f.properties[c.property], c.sql));
        let geom: Buffer | null = null;
        try {
          geom = f.geometry ? encodeGpkgGeometry(f.geometry, 4326) : null;
        } catch (e) {
          throw new ExportError(file, `feature ${i}: ${(e as Error).message}`);
        }
        stmt.run(geom, ...values);
      });
      refreshContentsExtent(db, table);
    };
    db.transaction(insert)();
  } catch (e) {
    db.close();
    rmSync(file, { force: true });
    throw e;
  }
  db.close();
  return { file, table, count: features.length, geometryType, columns };
}
