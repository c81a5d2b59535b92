import { openSync, readSync, closeSync } from 'node:fs';
import Database from 'better-sqlite3';
import { decodeGpkgGeometry } from '../../store/gpkgGeometry';
import { Reprojector, crsFromCode, crsFromWkt, knownEpsg, type CrsDefinition } from './crs';
import { isEmptyGeometry, summariseGeometryType } from './geometryTools';
import { ImportError, asImportError } from './importError';
import type { ReadOptions, SourceDataset, SourceFeature, SourceField, SourceFieldType } from './sourceDataset';

export interface GeoPackageTable {
  name: string;
  dataType: 'features' | 'attributes';
  /** Geometry type name from gpkg_geometry_columns (features only). */
  geometryType: string | null;
  srsId: number | null;
  count: number;
}

function openGeoPackage(file: string): Database.Database {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(16);
  const n = readSync(fd, head, 0, 16, 0);
  closeSync(fd);
  if (n < 16 || head.toString('latin1') !== 'SQLite format 3\0') throw new ImportError({ file, byteOffset: 0 }, 'not a GeoPackage: not an SQLite database');
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new ImportError({ file }, `cannot open the SQLite database: ${(e as Error).message}`);
  }
  try {
    const has = (t: string) => db.prepare(`SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name = ?`).get(t) !== undefined;
    if (!has('gpkg_contents') || !has('gpkg_spatial_ref_sys')) {
      throw new ImportError({ file }, 'not a GeoPackage: this SQLite database has no gpkg_contents/gpkg_spatial_ref_sys tables');
    }
  } catch (e) {
    db.close();
    throw asImportError(e, { file });
  }
  return db;
}

const quote = (id: string) => `"${id.replace(/"/g, '""')}"`;

function tablesOf(db: Database.Database): GeoPackageTable[] {
  const rows = db
    .prepare(
      `SELECT c.table_name AS name, c.data_type AS dataType, g.geometry_type_name AS geometryType, COALESCE(g.srs_id, c.srs_id) AS srsId
       FROM gpkg_contents c LEFT JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
       WHERE c.data_type IN ('features', 'attributes') ORDER BY c.table_name`,
    )
    .all() as Omit<GeoPackageTable, 'count'>[];
  return rows.map((r) => ({ ...r, count: (db.prepare(`SELECT count(*) AS n FROM ${quote(r.name)}`).get() as { n: number }).n }));
}

/** The feature and attribute tables of a GeoPackage (for the import dialog's table picker). */
export function listGeoPackageTables(file: string): GeoPackageTable[] {
  const db = openGeoPackage(file);
  try {
    return tablesOf(db);
  } finally {
    db.close();
  }
}

function declaredType(decl: string): SourceFieldType {
  const t = decl.toUpperCase();
  if (/BOOL/.test(t)) return 'boolean';
  if (/INT/.test(t)) return 'integer';
  if (/REAL|FLOA|DOUB|NUMERIC|DECIMAL/.test(t)) return 'number';
  if (/DATE/.test(t)) return 'date';
  if (/TEXT|CHAR|CLOB/.test(t)) return 'string';
  return 'unknown';
}

function srsOf(db: Database.Database, srsId: number | null, file: string, warnings: string[], opts: ReadOptions): CrsDefinition {
  if (opts.crs) return crsFromCode(opts.crs, file);
  if (srsId === null || srsId === 0 || srsId === -1) {
    warnings.push(`srs_id ${srsId ?? 'missing'} is an undefined ${srsId === -1 ? 'cartesian' : 'geographic'} SRS: coordinates taken as longitude/latitude`);
    return knownEpsg(4326)!;
  }
  const row = db
    .prepare('SELECT organization, organization_coordsys_id AS orgId, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?')
    .get(srsId) as { organization: string; orgId: number; definition: string } | undefined;
  if (!row) throw new ImportError({ file }, `srs_id ${srsId} is not in gpkg_spatial_ref_sys`);
  if (row.organization.toUpperCase() === 'EPSG') {
    const known = knownEpsg(row.orgId);
    if (known) return known;
  }
  return crsFromWkt(row.definition, file);
}

/** Read one feature or attribute table: `opts.table`, or the only one. */
export function readGeoPackage(file: string, opts: ReadOptions = {}): SourceDataset {
  const db = openGeoPackage(file);
  try {
    const tables = tablesOf(db);
    let table: GeoPackageTable | undefined;
    if (opts.table) {
      table = tables.find((t) => t.name === opts.table);
      if (!table) throw new ImportError({ file }, `no feature or attribute table '${opts.table}'; the GeoPackage has: ${tables.map((t) => t.name).join(', ') || 'none'}`);
    } else if (tables.length === 1) table = tables[0]!;
    else if (tables.length === 0) throw new ImportError({ file }, 'the GeoPackage has no feature or attribute tables');
    else throw new ImportError({ file }, `the GeoPackage has ${tables.length} tables (${tables.map((t) => t.name).join(', ')}); choose one with --table`);

    const warnings: string[] = [];
    const geomColumn =
      table.dataType === 'features'
        ? (db.prepare('SELECT column_name AS c FROM gpkg_geometry_columns WHERE table_name = ?').get(table.name) as { c: string } | undefined)?.c
        : undefined;
    const info = db.prepare(`PRAGMA table_info(${quote(table.name)})`).all() as { name: string; type: string; pk: number }[];
    const pk = info.find((c) => c.pk === 1 && /INT/i.test(c.type))?.name;
    const attrs = info.filter((c) => c.name !== geomColumn && c.name !== pk);
    const fields: SourceField[] = attrs.map((c) => ({ name: c.name, type: declaredType(c.type) }));
    const crs = table.dataType === 'features' ? srsOf(db, table.srsId, file, warnings, opts) : knownEpsg(4326)!;
    const reprojector = new Reprojector(crs, file);
    const features: SourceFeature[] = [];
    const rows = db.prepare(`SELECT * FROM ${quote(table.name)}${pk ? ` ORDER BY ${quote(pk)}` : ''}`).all() as Record<string, unknown>[];
    rows.forEach((row, index) => {
      let geometry = null;
      const blob = geomColumn ? row[geomColumn] : null;
      if (blob instanceof Uint8Array) {
        try {
          geometry = decodeGpkgGeometry(blob);
        } catch (e) {
          throw asImportError(e, { file, feature: index, field: geomColumn });
        }
        if (geometry && isEmptyGeometry(geometry)) geometry = null;
        if (geometry) geometry = reprojector.geometry(geometry, index);
      } else if (blob !== null && blob !== undefined) {
        throw new ImportError({ file, feature: index, field: geomColumn }, 'geometry is not a GeoPackage binary blob');
      }
      const properties: Record<string, unknown> = {};
      for (const f of fields) {
        const v = row[f.name];
        properties[f.name] = v instanceof Uint8Array ? Buffer.from(v).toString('hex') : f.type === 'boolean' && typeof v === 'number' ? v !== 0 : v;
      }
      const feature: SourceFeature = { index, geometry, properties };
      const id = pk ? row[pk] : undefined;
      if (typeof id === 'number' || typeof id === 'string') feature.id = id;
      features.push(feature);
    });
    warnings.push(...reprojector.warnings);
    return {
      kind: 'features',
      file,
      format: 'geopackage',
      layerName: table.name,
      crs: { code: crs.code, label: crs.label },
      geometryType: table.dataType === 'features' ? summariseGeometryType(features.map((f) => f.geometry)) : null,
      fields,
      features,
      warnings,
    };
  } catch (e) {
    throw asImportError(e, { file });
  } finally {
    db.close();
  }
}
