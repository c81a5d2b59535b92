import type { Migration } from './migrations';

/**
 * Migration 7: drainage analysis tables (CCTV inspection defects, CJJ 181-2012).
 *
 * `drainage_defects` holds one row per defect of a CCTV inspection, keyed to the pipe by drainage_pipes.external_id
 * (no foreign key: re-importing the pipes layer updates rows by id and must not be blocked; the import validates the
 * ids). It is registered in gpkg_contents as an 'attributes' table so GIS tools list it next to the layers.
 */
export const drainageMigration: Migration = {
  version: 7,
  name: 'drainage: CCTV inspection defects (CJJ 181-2012)',
  up(db) {
    db.exec(`
CREATE TABLE drainage_defects (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  pipe_id TEXT NOT NULL,
  distance_m REAL NOT NULL CHECK (distance_m >= 0),
  code TEXT NOT NULL CHECK (code IN ('PL','BX','FS','CK','QF','TJ','TL','AJ','CR','SL','CJ','JG','ZW','CQ','SG','FZ')),
  defect_class TEXT NOT NULL CHECK (defect_class IN ('structural', 'functional')),
  grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 4),
  score REAL NOT NULL CHECK (score >= 0),
  length_m REAL CHECK (length_m IS NULL OR length_m > 0),
  media TEXT,
  remarks TEXT,
  inspected_at TEXT,
  source_file TEXT NOT NULL,
  source_row INTEGER NOT NULL,
  imported_at TEXT NOT NULL
);
CREATE INDEX drainage_defects_pipe ON drainage_defects (pipe_id, distance_m);`);
    db.prepare(
      `INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES ('drainage_defects', 'attributes', 'drainage_defects', ?)`,
    ).run('管道检测缺陷（CJJ 181-2012）CCTV inspection defects');
  },
};
