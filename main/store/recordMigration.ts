import type { Migration } from './migrations';

/**
 * Migration 10: the event recorder (演练记录): a drill store records its drill, the live store its own events.
 *
 * - `rec_events` is append-only like `audit_log`: rows are hash-chained (hash = SHA-256(prev_hash ‖ '\n' ‖ canonical
 *   JSON of {seq, at, wallAt, kind, actor, entity, payload})) and triggers refuse UPDATE and DELETE. `at` is exercise
 *   time (scenario epoch ms) and never decreases with seq; `wall_at` is the host's clock.
 * - `rec_head` holds the last seq and hash, written with every append (a cut tail or an appended forgery shows).
 * - `rec_snapshots` are the replay picture after event `seq` (JSON, see replayReducer): derived from the events, so a
 *   replay seeks to the nearest one instead of applying the log from the start. Not chained: verifyRecord can check
 *   them against the events.
 */
export const recordMigration: Migration = {
  version: 10,
  name: 'event recorder: rec_events, rec_head, rec_snapshots',
  up(db) {
    db.exec(`
CREATE TABLE rec_events (
  seq INTEGER PRIMARY KEY CHECK (seq >= 1),
  at INTEGER NOT NULL,
  wall_at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  actor TEXT NOT NULL,
  entity TEXT,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX rec_events_at ON rec_events (at, seq);
CREATE INDEX rec_events_kind ON rec_events (kind, seq);
CREATE TRIGGER rec_events_no_update BEFORE UPDATE ON rec_events
BEGIN SELECT RAISE(ABORT, 'rec_events is append-only: UPDATE refused (演练记录只可追加)'); END;
CREATE TRIGGER rec_events_no_delete BEFORE DELETE ON rec_events
BEGIN SELECT RAISE(ABORT, 'rec_events is append-only: DELETE refused (演练记录只可追加)'); END;
CREATE TABLE rec_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE rec_snapshots (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (json_valid(state))
);
CREATE INDEX rec_snapshots_at ON rec_snapshots (at, seq);`);
  },
};
