import type Database from 'better-sqlite3';
import { createFeatureTable } from './featureTables';
import { createGpkgCore } from './gpkgCore';
import { layerSchemas } from './layerSchemas';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/** Numbered, forward-only. Never edit a shipped migration: add the next one. */
export const migrations: Migration[] = [
  {
    version: 1,
    name: 'geopackage core, cityops catalog, district boundary',
    up(db) {
      createGpkgCore(db);
      db.exec(`
CREATE TABLE cityops_layers (
  id TEXT NOT NULL PRIMARY KEY REFERENCES gpkg_contents(table_name),
  title_zh TEXT NOT NULL,
  title_en TEXT NOT NULL,
  kind TEXT NOT NULL,
  source TEXT NOT NULL,
  demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  caption_zh TEXT,
  caption_en TEXT,
  sort_order INTEGER NOT NULL DEFAULT 100
);`);
      createFeatureTable(db, {
        table: 'boundary',
        geometryType: 'MULTIPOLYGON',
        columns: ['name TEXT NOT NULL', 'name_en TEXT', 'adcode TEXT', 'source TEXT NOT NULL', 'demo INTEGER NOT NULL DEFAULT 0', 'external_id TEXT UNIQUE'],
        description: '茅箭区行政边界（示意） Maojian District boundary (indicative)',
      });
      db.prepare(
        `INSERT INTO cityops_layers (id, title_zh, title_en, kind, source, demo, caption_zh, caption_en, sort_order)
         VALUES ('boundary', '行政边界', 'District boundary', 'boundary', '', 0, '示意边界', 'Indicative boundary', 10)`,
      ).run();
    },
  },
  {
    version: 2,
    name: 'district pack layers: drainage, cameras, flood stations, facilities, base map',
    up(db) {
      const register = db.prepare(
        `INSERT INTO cityops_layers (id, title_zh, title_en, kind, source, demo, sort_order) VALUES (?, ?, ?, ?, '', 0, ?)`,
      );
      for (const schema of layerSchemas) {
        createFeatureTable(db, {
          table: schema.id,
          geometryType: schema.geometryType,
          columns: [
            'external_id TEXT NOT NULL UNIQUE',
            'name TEXT',
            ...schema.columns.map((c) => `"${c.name}" ${c.sql}`),
            'demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1))',
            'props TEXT',
          ],
          description: schema.description,
        });
        register.run(schema.id, schema.title.zh, schema.title.en, schema.kind, schema.sortOrder);
      }
    },
  },
  {
    version: 3,
    name: 'imagery packs registry',
    up(db) {
      db.exec(`
CREATE TABLE cityops_packs (
  id TEXT NOT NULL PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9_-]*'),
  kind TEXT NOT NULL CHECK (kind IN ('imagery')),
  format TEXT NOT NULL CHECK (format IN ('mbtiles', 'gpkg')),
  path TEXT NOT NULL,
  source_file TEXT NOT NULL,
  tile_table TEXT,
  title TEXT NOT NULL,
  min_zoom INTEGER NOT NULL,
  max_zoom INTEGER NOT NULL,
  bounds TEXT,
  added_at TEXT NOT NULL
);`);
    },
  },
  {
    version: 4,
    name: 'elevation model (DEM) grids',
    up(db) {
      db.exec(`
CREATE TABLE cityops_dem (
  id TEXT NOT NULL PRIMARY KEY,
  west REAL NOT NULL, south REAL NOT NULL, east REAL NOT NULL, north REAL NOT NULL,
  width INTEGER NOT NULL CHECK (width >= 2), height INTEGER NOT NULL CHECK (height >= 2),
  heights BLOB NOT NULL CHECK (length(heights) = width * height * 4),
  min_height REAL NOT NULL, max_height REAL NOT NULL,
  source TEXT NOT NULL,
  demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  updated_at TEXT NOT NULL
);`);
    },
  },
  {
    version: 5,
    name: 'time series: streams and observations',
    up(db) {
      db.exec(`
CREATE TABLE ts_streams (
  id TEXT NOT NULL PRIMARY KEY,
  name TEXT,
  unit TEXT,
  station_id TEXT,
  element TEXT,
  source TEXT NOT NULL,
  last_ts INTEGER
);
-- One row per (stream, time): a re-sent frame or a redelivered message is an update, never a duplicate.
CREATE TABLE ts_observations (
  stream_id TEXT NOT NULL REFERENCES ts_streams(id),
  ts INTEGER NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (stream_id, ts)
) WITHOUT ROWID;`);
    },
  },
];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;
