import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../main/store/migrations';
import { migrate, openStore } from '../../../../main/store/openStore';
import { tempDir } from '../../../helpers/tempStore';

describe('migration 11: role controller (导调)', () => {
  it('a store of schema 10 keeps its users, sessions and foreign keys, and accepts controllers afterwards', () => {
    const t = tempDir();
    const path = join(t.dir, 's.gpkg');
    // Build a schema-10 store: the migrations before 11, as an older CityOps left it.
    const db = new Database(path);
    db.pragma('foreign_keys = ON');
    const all = migrations.splice(0);
    try {
      migrations.push(...all.filter((m) => m.version <= 10));
      expect(migrate(db)).toBe(10);
    } finally {
      migrations.splice(0, migrations.length, ...all);
    }
    db.prepare(`INSERT INTO cmd_users (username, role, password_hash, created_at, updated_at) VALUES ('chief', 'commander', 'scrypt$x', 1, 1)`).run();
    db.prepare(`INSERT INTO cmd_sessions (token_hash, user_id, created_at, expires_at) VALUES ('h', 1, 1, 2)`).run();
    expect(() => db.prepare(`INSERT INTO cmd_users (username, role, password_hash, created_at, updated_at) VALUES ('d', 'controller', 'scrypt$x', 1, 1)`).run()).toThrow(/CHECK/);
    db.close();

    const store = openStore(path);
    expect(store.schemaVersion).toBeGreaterThanOrEqual(11);
    expect(store.db.prepare(`SELECT id, username, role FROM cmd_users`).all()).toEqual([{ id: 1, username: 'chief', role: 'commander' }]);
    expect(store.db.prepare(`SELECT user_id FROM cmd_sessions`).all()).toEqual([{ user_id: 1 }]);
    store.db.prepare(`INSERT INTO cmd_users (username, role, password_hash, created_at, updated_at) VALUES ('director', 'controller', 'scrypt$x', 1, 1)`).run();
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    // Sessions still point at users: a session of a missing user is refused.
    expect(() => store.db.prepare(`INSERT INTO cmd_sessions (token_hash, user_id, created_at, expires_at) VALUES ('z', 99, 1, 2)`).run()).toThrow(/FOREIGN KEY/);
    store.close();
    t.cleanup();
  });
});
