import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DrillRunSummary, DrillScenario, DrillStatus } from '../../../preload/contract';
import { runIdSchema } from '../../../preload/contract/drillMethods';
import { inspectStoreFile, openStore, peekReadOnly, StoreRefusedError, type Store } from '../../store/openStore';

/**
 * The drill's own store (演练库): a copy of the live store made with SQLite's online backup from a read-only
 * connection (the live store is never opened for writing), with the operational rows emptied so the drill starts from
 * the reference data only: layers, rules, plans, users (and their sessions, so signed-in people stay signed in).
 */

/** Rows that belong to what happened, not to what the district is: a drill starts without them. */
const operationalTables = [
  'ts_observations',
  'ts_rollup_hour',
  'mon_alarm_log',
  'mon_alarms',
  'sl651_unregistered',
  'inc_timeline',
  'inc_attachments',
  'inc_notes',
  'inc_tasks',
  'plan_checklist',
  'plan_activations',
  'inc_incidents',
  'audit_log',
  'audit_head',
  'rec_snapshots',
  'rec_events',
  'rec_head',
];

export class DrillStoreError extends Error {
  override name = 'DrillStoreError';
  constructor(
    message: string,
    readonly code: 'BAD_INPUT' | 'NOT_FOUND' | 'STORE_REFUSED' = 'BAD_INPUT',
  ) {
    super(message);
  }
}

export interface DrillMeta {
  runId: string;
  exerciseId: string;
  name: string;
  demo: boolean;
  status: DrillStatus;
  t0: number;
  startedAt: number;
  endedAt: number | null;
  endReason: string | null;
  sourceStore: string;
  scenario: DrillScenario;
}

/** `<exercise id>-<yyyymmdd>t<hhmmss>z` of the wall start time (UTC). */
export function makeRunId(exerciseId: string, wallStart: number): string {
  const iso = new Date(wallStart).toISOString();
  const stamp = `${iso.slice(0, 10).replace(/-/g, '')}t${iso.slice(11, 19).replace(/:/g, '')}z`;
  return `${exerciseId}-${stamp}`;
}

export const drillStorePath = (drillsDir: string, runId: string) => join(drillsDir, `${runId}.gpkg`);

/**
 * Copies the live store into a new drill store and empties its operational tables. The copy is written to a temporary
 * name and renamed when complete, so a failure leaves no half drill store. Refuses an existing target.
 */
export async function createDrillStore(livePath: string, drillPath: string, meta: DrillMeta): Promise<Store> {
  if (!existsSync(livePath)) throw new DrillStoreError(`没有实况库 / no live store at ${livePath} (run 'cityops seed' first)`, 'NOT_FOUND');
  if (existsSync(drillPath)) throw new DrillStoreError(`演练库已存在 / drill store ${drillPath} already exists`);
  inspectStoreFile(livePath);
  mkdirSync(dirname(drillPath), { recursive: true });
  const tmp = `${drillPath}.part`;
  rmSync(tmp, { force: true });
  const companions = [`${livePath}-wal`, `${livePath}-shm`].filter((p) => !existsSync(p));
  const src = new Database(livePath, { readonly: true, fileMustExist: true });
  try {
    await src.backup(tmp);
  } finally {
    src.close();
    for (const p of companions) rmSync(p, { force: true });
  }
  try {
    const scratch = new Database(tmp);
    try {
      scratch.pragma('foreign_keys = OFF');
      const tables = new Set((scratch.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name));
      const triggers = scratch.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name IN (SELECT value FROM json_each(?))`).all(JSON.stringify(operationalTables)) as { name: string; sql: string }[];
      scratch.transaction(() => {
        for (const t of triggers) scratch.exec(`DROP TRIGGER "${t.name}"`);
        for (const t of operationalTables) if (tables.has(t)) scratch.exec(`DELETE FROM "${t}"`);
        scratch.exec(`DELETE FROM sqlite_sequence WHERE name IN (SELECT value FROM json_each('${JSON.stringify(operationalTables)}'))`);
        // The live stream and rule state refers to live data: the drill's own data starts from nothing.
        if (tables.has('ts_streams')) scratch.exec(`UPDATE ts_streams SET last_ts = NULL`);
        if (tables.has('mon_rules')) scratch.exec(`UPDATE mon_rules SET last_eval_ts = NULL`);
        for (const t of triggers) scratch.exec(t.sql);
        writeMeta(scratch, meta);
      })();
      scratch.exec('VACUUM');
    } finally {
      scratch.close();
    }
    renameSync(tmp, drillPath);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return openStore(drillPath);
}

function writeMeta(db: Database.Database, meta: DrillMeta): void {
  const put = db.prepare(`INSERT INTO cityops_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
  put.run('drill.run_id', meta.runId);
  put.run('drill.exercise_id', meta.exerciseId);
  put.run('drill.name', meta.name);
  put.run('drill.demo', meta.demo ? '1' : '0');
  put.run('drill.status', meta.status);
  put.run('drill.t0', String(meta.t0));
  put.run('drill.started_at', String(meta.startedAt));
  put.run('drill.ended_at', meta.endedAt === null ? '' : String(meta.endedAt));
  put.run('drill.end_reason', meta.endReason ?? '');
  put.run('drill.source_store', meta.sourceStore);
  put.run('drill.scenario', JSON.stringify(meta.scenario));
}

/** Updates the status (and end) of an open drill store. */
export function setDrillStatus(db: Database.Database, status: DrillStatus, endedAt: number | null, reason: string | null): void {
  const put = db.prepare(`UPDATE cityops_meta SET value = ? WHERE key = ?`);
  db.transaction(() => {
    put.run(status, 'drill.status');
    put.run(endedAt === null ? '' : String(endedAt), 'drill.ended_at');
    put.run(reason ?? '', 'drill.end_reason');
  })();
}

/** The drill metadata of a store; null when it is not a drill store. */
export function readDrillMeta(db: Database.Database): DrillMeta | null {
  const rows = db.prepare(`SELECT key, value FROM cityops_meta WHERE key LIKE 'drill.%'`).all() as { key: string; value: string }[];
  const m = new Map(rows.map((r) => [r.key, r.value]));
  const runId = m.get('drill.run_id');
  if (!runId) return null;
  let scenario: DrillScenario;
  try {
    scenario = JSON.parse(m.get('drill.scenario') ?? '') as DrillScenario;
  } catch {
    throw new DrillStoreError(`演练库损坏 / drill store ${runId}: drill.scenario is not JSON`, 'STORE_REFUSED');
  }
  const ended = m.get('drill.ended_at');
  return {
    runId,
    exerciseId: m.get('drill.exercise_id') ?? '',
    name: m.get('drill.name') ?? '',
    demo: m.get('drill.demo') === '1',
    status: (m.get('drill.status') ?? 'interrupted') as DrillStatus,
    t0: Number(m.get('drill.t0')),
    startedAt: Number(m.get('drill.started_at')),
    endedAt: ended ? Number(ended) : null,
    endReason: m.get('drill.end_reason') || null,
    sourceStore: m.get('drill.source_store') ?? '',
    scenario,
  };
}

/**
 * Runs fn over a read-only connection to the drill store of `runId`, after checking that the file is a CityOps store,
 * is a drill store, and belongs to that run (a renamed or foreign file is refused and left untouched).
 */
export function withDrillStore<T>(drillsDir: string, runId: string, fn: (db: Database.Database, meta: DrillMeta) => T): T {
  if (!runIdSchema.safeParse(runId).success) throw new DrillStoreError(`不是演练编号 / '${runId}' is not a drill run id`);
  const path = drillStorePath(drillsDir, runId);
  if (!existsSync(path)) throw new DrillStoreError(`未知演练 / unknown drill ${runId} (no ${path})`, 'NOT_FOUND');
  try {
    inspectStoreFile(path);
  } catch (err) {
    throw new DrillStoreError(`演练库损坏或不可读 / drill store ${path}: ${(err as Error).message}`, 'STORE_REFUSED');
  }
  return peekReadOnly(path, (db) => {
    const meta = readDrillMeta(db);
    if (!meta) throw new DrillStoreError(`不是演练库 / ${path} is not a drill store (no drill.run_id)`, 'STORE_REFUSED');
    if (meta.runId !== runId) throw new DrillStoreError(`演练库属于另一次演练 / ${path} belongs to drill ${meta.runId}, not ${runId}`, 'STORE_REFUSED');
    return fn(db, meta);
  });
}

/** The drills recorded in a folder, newest first; unreadable files are listed in `problems`, never changed. */
export function listDrillRuns(drillsDir: string): { runs: DrillRunSummary[]; problems: string[] } {
  if (!existsSync(drillsDir)) return { runs: [], problems: [] };
  const runs: DrillRunSummary[] = [];
  const problems: string[] = [];
  for (const name of readdirSync(drillsDir).sort()) {
    if (!name.endsWith('.gpkg')) continue;
    const runId = basename(name, '.gpkg');
    try {
      runs.push(
        withDrillStore(drillsDir, runId, (db, meta) => ({
          runId: meta.runId,
          exerciseId: meta.exerciseId,
          name: meta.name,
          demo: meta.demo,
          status: meta.status,
          t0: meta.t0,
          startedAt: meta.startedAt,
          endedAt: meta.endedAt,
          events: (db.prepare(`SELECT count(*) AS n FROM rec_events`).get() as { n: number }).n,
          path: join(drillsDir, name),
        })),
      );
    } catch (err) {
      problems.push(`${name}: ${(err as Error).message}`);
    }
  }
  runs.sort((a, b) => b.startedAt - a.startedAt);
  return { runs, problems };
}

export { StoreRefusedError };
