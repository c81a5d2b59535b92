import { latestSchemaVersion } from './migrations';
import { GPKG_APPLICATION_ID, inspectStoreFile, peekReadOnly, StoreRefusedError } from './openStore';

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

/** Read-only health check of a store file: never writes a byte. */
export function checkStore(path: string): CheckResult[] {
  const results: CheckResult[] = [];
  let version: number;
  try {
    version = inspectStoreFile(path);
    results.push({ name: 'readable', ok: true, detail: `${path} opens as a CityOps store` });
  } catch (err) {
    const msg = err instanceof StoreRefusedError ? err.message : `${path}: ${(err as Error).message}`;
    results.push({ name: 'readable', ok: false, detail: msg });
    return results;
  }
  peekReadOnly(path, (db) => {
    const integrity = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    const intOk = integrity.length === 1 && integrity[0]!.integrity_check === 'ok';
    results.push({ name: 'integrity_check', ok: intOk, detail: intOk ? 'ok' : integrity.slice(0, 5).map((r) => r.integrity_check).join('; ') });
    const fk = db.pragma('foreign_key_check') as unknown[];
    results.push({ name: 'foreign_key_check', ok: fk.length === 0, detail: fk.length === 0 ? 'ok' : `${fk.length} rows violate foreign keys` });
    results.push({
      name: 'schema_version',
      ok: version === latestSchemaVersion,
      detail: version === latestSchemaVersion ? `${version} (current)` : `${version}; this build migrates it to ${latestSchemaVersion} when it opens the store for writing`,
    });
    const appId = db.pragma('application_id', { simple: true }) as number;
    const userVersion = db.pragma('user_version', { simple: true }) as number;
    results.push({ name: 'gpkg_application_id', ok: appId === GPKG_APPLICATION_ID, detail: `0x${(appId >>> 0).toString(16)} (expect 0x47504b47 'GPKG'), user_version ${userVersion}` });
    const tables = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table','view')`).all() as { name: string }[]).map((r) => r.name));
    const required = ['gpkg_spatial_ref_sys', 'gpkg_contents', 'gpkg_geometry_columns'];
    const missing = required.filter((t) => !tables.has(t));
    results.push({ name: 'gpkg_core_tables', ok: missing.length === 0, detail: missing.length ? `missing ${missing.join(', ')}` : 'present' });
    if (missing.length === 0) {
      const srs = db.prepare(`SELECT srs_id FROM gpkg_spatial_ref_sys WHERE srs_id IN (-1, 0, 4326)`).all() as { srs_id: number }[];
      results.push({ name: 'gpkg_srs_rows', ok: srs.length === 3, detail: srs.length === 3 ? 'srs -1, 0 and 4326 present' : `only ${srs.map((r) => r.srs_id).join(', ')}` });
      const features = db
        .prepare(`SELECT c.table_name, g.column_name FROM gpkg_contents c LEFT JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.data_type = 'features'`)
        .all() as { table_name: string; column_name: string | null }[];
      for (const f of features) {
        const problems: string[] = [];
        if (!tables.has(f.table_name)) problems.push('table missing');
        if (!f.column_name) problems.push('no gpkg_geometry_columns row');
        else if (!tables.has(`rtree_${f.table_name}_${f.column_name}`)) problems.push('no R-tree index');
        else {
          const n = (db.prepare(`SELECT count(*) AS n FROM "${f.table_name}" WHERE "${f.column_name}" IS NOT NULL AND NOT ST_IsEmpty("${f.column_name}")`).get() as { n: number }).n;
          const r = (db.prepare(`SELECT count(*) AS n FROM "rtree_${f.table_name}_${f.column_name}"`).get() as { n: number }).n;
          if (n !== r) problems.push(`R-tree holds ${r} entries for ${n} geometries`);
        }
        results.push({ name: `layer ${f.table_name}`, ok: problems.length === 0, detail: problems.length ? problems.join('; ') : 'table, geometry column and R-tree consistent' });
      }
    }
  });
  return results;
}
