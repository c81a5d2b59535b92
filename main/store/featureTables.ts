import type Database from 'better-sqlite3';

export interface FeatureTableSpec {
  table: string;
  geometryType: 'POINT' | 'LINESTRING' | 'POLYGON' | 'MULTIPOINT' | 'MULTILINESTRING' | 'MULTIPOLYGON' | 'GEOMETRY';
  /** Extra attribute columns as SQL column definitions, e.g. 'name TEXT NOT NULL'. */
  columns: string[];
  description: string;
  srsId?: number;
  /** GeoPackage z flag: 0 prohibited (2D), 1 mandatory, 2 optional. */
  z?: 0 | 1 | 2;
}

const identifier = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * A GeoPackage feature table with its gpkg_contents and gpkg_geometry_columns rows and the standard
 * R-tree spatial index (gpkg_rtree_index, GeoPackage 1.3 triggers), so GDAL/QGIS use the index too.
 */
export function createFeatureTable(db: Database.Database, spec: FeatureTableSpec): void {
  const t = spec.table;
  if (!identifier.test(t)) throw new Error(`feature table name '${t}' is not a safe identifier`);
  const srsId = spec.srsId ?? 4326;
  const cols = ['fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL', `geom ${spec.geometryType}`, ...spec.columns].join(',\n  ');
  db.exec(`CREATE TABLE "${t}" (\n  ${cols}\n)`);
  db.prepare(
    `INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES (?, 'features', ?, ?, ?)`,
  ).run(t, t, spec.description, srsId);
  db.prepare(
    `INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES (?, 'geom', ?, ?, ?, 0)`,
  ).run(t, spec.geometryType, srsId, spec.z ?? 0);
  const r = `rtree_${t}_geom`;
  db.exec(`
CREATE VIRTUAL TABLE "${r}" USING rtree(id, minx, maxx, miny, maxy);
CREATE TRIGGER "${r}_insert" AFTER INSERT ON "${t}"
  WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))
BEGIN
  INSERT OR REPLACE INTO "${r}" VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom));
END;
CREATE TRIGGER "${r}_update1" AFTER UPDATE OF geom ON "${t}"
  WHEN OLD.fid = NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
BEGIN
  INSERT OR REPLACE INTO "${r}" VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom));
END;
CREATE TRIGGER "${r}_update2" AFTER UPDATE OF geom ON "${t}"
  WHEN OLD.fid = NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
BEGIN
  DELETE FROM "${r}" WHERE id = OLD.fid;
END;
CREATE TRIGGER "${r}_update3" AFTER UPDATE ON "${t}"
  WHEN OLD.fid != NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
BEGIN
  DELETE FROM "${r}" WHERE id = OLD.fid;
  INSERT OR REPLACE INTO "${r}" VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom));
END;
CREATE TRIGGER "${r}_update4" AFTER UPDATE ON "${t}"
  WHEN OLD.fid != NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
BEGIN
  DELETE FROM "${r}" WHERE id IN (OLD.fid, NEW.fid);
END;
CREATE TRIGGER "${r}_delete" AFTER DELETE ON "${t}"
  WHEN old.geom NOT NULL
BEGIN
  DELETE FROM "${r}" WHERE id = OLD.fid;
END;`);
  db.prepare(
    `INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
     VALUES (?, 'geom', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')`,
  ).run(t);
}

/** Recompute the gpkg_contents extent of a feature table from its R-tree (GIS tools read it). */
export function refreshContentsExtent(db: Database.Database, table: string): void {
  if (!identifier.test(table)) throw new Error(`feature table name '${table}' is not a safe identifier`);
  const e = db
    .prepare(`SELECT min(minx) AS minx, min(miny) AS miny, max(maxx) AS maxx, max(maxy) AS maxy FROM "rtree_${table}_geom"`)
    .get() as { minx: number | null; miny: number | null; maxx: number | null; maxy: number | null };
  db.prepare(
    `UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = ?`,
  ).run(e.minx, e.miny, e.maxx, e.maxy, table);
}
