import type { Migration } from './migrations';

/**
 * Migration 8: command center tables (users, sessions, incidents, emergency plans, hash-chained audit log).
 *
 * - `cmd_users.password_hash` is `scrypt$N$r$p$salt$hash` (base64url); `cmd_sessions` keeps only the SHA-256 of each
 *   token, so a copied store does not hand out live sessions.
 * - `audit_log` is append-only: rows are hash-chained (hash = SHA-256(prev_hash ‖ canonical JSON of the record)) and
 *   triggers refuse UPDATE and DELETE. `audit_head` holds the last seq and hash, written with every append, so a
 *   truncated tail or an appended forgery without the head moving is detected too (see verifyAudit).
 * - Incident and plan rows keep user names (not ids) for who did what: the audit and the timeline outlive accounts.
 */
export const commandMigration: Migration = {
  version: 8,
  name: 'command center: users, incidents, plans, hash-chained audit log',
  up(db) {
    db.exec(`
CREATE TABLE cmd_users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'commander', 'analyst', 'admin')),
  password_hash TEXT NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE cmd_sessions (
  token_hash TEXT NOT NULL PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES cmd_users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX cmd_sessions_user ON cmd_sessions (user_id);

CREATE TABLE audit_log (
  seq INTEGER NOT NULL PRIMARY KEY CHECK (seq >= 1),
  at INTEGER NOT NULL,
  user TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  details TEXT NOT NULL CHECK (json_valid(details)),
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_target ON audit_log (target, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused (审计日志只可追加)'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused (审计日志只可追加)'); END;
CREATE TABLE audit_head (
  id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);

CREATE TABLE inc_incidents (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('flood', 'waterlogging', 'pipe_burst', 'fire', 'hazmat', 'traffic', 'public_security', 'other')),
  severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 4),
  status TEXT NOT NULL CHECK (status IN ('reported', 'verified', 'dispatched', 'in_progress', 'resolved', 'closed')),
  lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
  address TEXT,
  department TEXT NOT NULL,
  origin TEXT NOT NULL CHECK (origin IN ('alarm', 'map', 'manual')),
  alarm_id INTEGER REFERENCES mon_alarms(id),
  description TEXT,
  reporter_name TEXT,
  reporter_phone TEXT,
  reporter_id_number TEXT,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  closed_at INTEGER
);
CREATE INDEX inc_incidents_status ON inc_incidents (status, updated_at);
CREATE TABLE inc_tasks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  incident_id INTEGER NOT NULL REFERENCES inc_incidents(id),
  title TEXT NOT NULL,
  assignee TEXT NOT NULL,
  due_at INTEGER,
  done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
  done_at INTEGER,
  done_by TEXT,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX inc_tasks_incident ON inc_tasks (incident_id);
CREATE TABLE inc_notes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  incident_id INTEGER NOT NULL REFERENCES inc_incidents(id),
  at INTEGER NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX inc_notes_incident ON inc_notes (incident_id);
CREATE TABLE inc_attachments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  incident_id INTEGER NOT NULL REFERENCES inc_incidents(id),
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  size INTEGER NOT NULL CHECK (size >= 0),
  added_by TEXT NOT NULL,
  added_at INTEGER NOT NULL
);
CREATE INDEX inc_attachments_incident ON inc_attachments (incident_id);
CREATE TABLE inc_timeline (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  incident_id INTEGER NOT NULL REFERENCES inc_incidents(id),
  at INTEGER NOT NULL,
  user TEXT NOT NULL,
  role TEXT NOT NULL,
  kind TEXT NOT NULL,
  summary_zh TEXT NOT NULL,
  summary_en TEXT NOT NULL,
  details TEXT NOT NULL CHECK (json_valid(details))
);
CREATE INDEX inc_timeline_incident ON inc_timeline (incident_id, id);

CREATE TABLE plan_library (
  id TEXT NOT NULL PRIMARY KEY,
  body TEXT NOT NULL CHECK (json_valid(body)),
  demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  updated_at INTEGER NOT NULL
);
-- body is a snapshot of the plan at activation: later edits of the library do not move a running response.
CREATE TABLE plan_activations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  incident_id INTEGER NOT NULL REFERENCES inc_incidents(id),
  plan_id TEXT NOT NULL,
  body TEXT NOT NULL CHECK (json_valid(body)),
  level TEXT NOT NULL CHECK (level IN ('IV', 'III', 'II', 'I')),
  state TEXT NOT NULL CHECK (state IN ('active', 'ended')),
  activated_by TEXT NOT NULL,
  activated_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX plan_activations_open ON plan_activations (incident_id, plan_id) WHERE state = 'active';
CREATE TABLE plan_checklist (
  activation_id INTEGER NOT NULL REFERENCES plan_activations(id),
  item_id TEXT NOT NULL,
  done INTEGER NOT NULL CHECK (done IN (0, 1)),
  done_by TEXT,
  done_at INTEGER,
  PRIMARY KEY (activation_id, item_id)
) WITHOUT ROWID;`);
    const register = db.prepare(`INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES (?, 'attributes', ?, ?)`);
    register.run('inc_incidents', 'inc_incidents', '突发事件 Incidents (location as lon/lat columns, EPSG:4326)');
    register.run('audit_log', 'audit_log', '审计日志（哈希链）Audit log (hash-chained, append-only)');
  },
};
