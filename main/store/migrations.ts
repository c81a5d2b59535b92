import type Database from 'better-sqlite3';
import { createFeatureTable } from './featureTables';
import { createGpkgCore } from './gpkgCore';
import { layerSchemas } from './layerSchemas';
import { drainageMigration } from './drainageMigration';
import { commandMigration } from './commandMigration';
import { timeSeriesRollupMigration } from './timeSeriesRollupMigration';
import { recordMigration } from './recordMigration';
import { controllerRoleMigration } from './controllerRoleMigration';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
  /** Rebuilds a table others refer to: foreign keys are off during it and checked before the commit. */
  foreignKeysOff?: boolean;
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
  {
    version: 6,
    name: 'monitoring: threshold rules, alarms, alarm log; SL651 unregistered stations',
    up(db) {
      db.exec(`
-- Times are epoch milliseconds (like ts_observations.ts). levels is a JSON array ordered from the mildest to the most
-- severe: [{"name":"警戒","severity":3,"threshold":12.5,"windowMinutes":null}]. For 'silence' the threshold is minutes.
CREATE TABLE mon_rules (
  id TEXT NOT NULL PRIMARY KEY,
  stream_id TEXT NOT NULL,
  station_id TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('level', 'rate_of_rise', 'accumulated_rain', 'silence')),
  direction TEXT NOT NULL DEFAULT 'above' CHECK (direction IN ('above', 'below')),
  levels TEXT NOT NULL CHECK (json_valid(levels) AND json_type(levels) = 'array'),
  hysteresis REAL NOT NULL DEFAULT 0 CHECK (hysteresis >= 0),
  window_minutes INTEGER CHECK (window_minutes IS NULL OR window_minutes > 0),
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  origin TEXT NOT NULL DEFAULT 'user',
  last_eval_ts INTEGER
);
CREATE INDEX mon_rules_stream ON mon_rules (stream_id);
CREATE INDEX mon_rules_station ON mon_rules (station_id);
CREATE TABLE mon_alarms (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  rule_id TEXT NOT NULL REFERENCES mon_rules(id),
  stream_id TEXT NOT NULL,
  station_id TEXT,
  level TEXT NOT NULL,
  severity INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('active', 'acknowledged', 'snoozed', 'cleared')),
  raised_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  value REAL,
  ack_by TEXT,
  ack_at INTEGER,
  snooze_until INTEGER,
  snooze_reason TEXT,
  cleared_at INTEGER
);
-- At most one open (not cleared) alarm per rule: escalation and de-escalation change its level.
CREATE UNIQUE INDEX mon_alarms_open_rule ON mon_alarms (rule_id) WHERE state <> 'cleared';
CREATE INDEX mon_alarms_station ON mon_alarms (station_id, state);
-- Every crossing up and down, every operator action and every rejected value: who, when, what.
CREATE TABLE mon_alarm_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  ts INTEGER,
  alarm_id INTEGER REFERENCES mon_alarms(id),
  rule_id TEXT,
  stream_id TEXT,
  station_id TEXT,
  action TEXT NOT NULL CHECK (action IN ('raise', 'escalate', 'deescalate', 'clear', 'acknowledge', 'snooze', 'unsnooze', 'reject')),
  from_level TEXT,
  to_level TEXT,
  value REAL,
  actor TEXT NOT NULL,
  reason TEXT
);
CREATE INDEX mon_alarm_log_alarm ON mon_alarm_log (alarm_id);
CREATE INDEX mon_alarm_log_stream ON mon_alarm_log (stream_id, at);
-- SL651 frames from station addresses not in the flood_stations layer: kept visible, never dropped silently.
CREATE TABLE sl651_unregistered (
  station_addr TEXT NOT NULL PRIMARY KEY,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  frames INTEGER NOT NULL DEFAULT 0,
  last_func TEXT,
  last_frame_hex TEXT NOT NULL
);`);
    },
  },
  drainageMigration,
  commandMigration,
  timeSeriesRollupMigration,
  recordMigration,
  controllerRoleMigration,
];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;
