import type { Migration } from './migrations';

/**
 * Migration 11: the role 导调 (controller), who runs drills. SQLite cannot change a CHECK constraint in place, so
 * cmd_users is rebuilt the documented way (new table, copy, drop, rename) with foreign keys off for the migration
 * (cmd_sessions refers to it); the runner checks the foreign keys before it commits. Ids, hashes and timestamps are
 * copied as they are.
 */
export const controllerRoleMigration: Migration = {
  version: 11,
  name: "users: role 'controller' (导调)",
  foreignKeysOff: true,
  up(db) {
    db.exec(`
CREATE TABLE cmd_users_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'commander', 'analyst', 'admin', 'controller')),
  password_hash TEXT NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
INSERT INTO cmd_users_new (id, username, display_name, role, password_hash, disabled, must_change_password, created_at, updated_at)
  SELECT id, username, display_name, role, password_hash, disabled, must_change_password, created_at, updated_at FROM cmd_users;
DROP TABLE cmd_users;
ALTER TABLE cmd_users_new RENAME TO cmd_users;`);
  },
};
