import type { Migration } from './migrations';

/** Migration 8: command center tables (users, roles, incidents, plans, audit log). Filled in by the command-center work. */
export const commandMigration: Migration = {
  version: 8,
  name: 'command center: users, incidents, plans, hash-chained audit log',
  up() {},
};
