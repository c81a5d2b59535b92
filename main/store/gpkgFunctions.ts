import type Database from 'better-sqlite3';
import { gpkgEnvelope, readGpkgHeader } from './gpkgGeometry';

/**
 * The SQL functions the GeoPackage R-tree triggers call (GDAL defines the same ones), so that writes
 * through better-sqlite3 keep the spatial index current.
 */
export function registerGpkgFunctions(db: Database.Database): void {
  const opts = { deterministic: true, varargs: false } as const;
  const envelopePart = (index: number) => (blob: unknown) => {
    if (!(blob instanceof Uint8Array)) return null;
    const env = gpkgEnvelope(blob);
    return env ? env[index] : null;
  };
  db.function('ST_MinX', opts, envelopePart(0));
  db.function('ST_MaxX', opts, envelopePart(1));
  db.function('ST_MinY', opts, envelopePart(2));
  db.function('ST_MaxY', opts, envelopePart(3));
  db.function('ST_IsEmpty', opts, (blob: unknown) => {
    if (!(blob instanceof Uint8Array)) return 1;
    return readGpkgHeader(blob).empty ? 1 : 0;
  });
  db.function('ST_SRID', opts, (blob: unknown) => (blob instanceof Uint8Array ? readGpkgHeader(blob).srsId : null));
  db.function('GPKG_IsAssignable', opts, (expected: unknown, actual: unknown) =>
    expected === actual || expected === 'GEOMETRY' ? 1 : 0,
  );
}
