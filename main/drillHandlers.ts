import { existsSync, renameSync, writeFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { planSchema, type DrillScenario, type EmergencyPlan, type MethodOutput, type MethodParsedInput, type ScenarioError } from '../preload/contract';
import type { drillMethods } from '../preload/contract/drillMethods';
import type { DrillHost } from './drillHost';
import { CommandError } from './services/auth/commandError';
import { currentCaller } from './rpc/callerContext';
import { listDemoScenarios, readDemoScenario } from './services/drills/demoScenarios';
import { loadScenario, scenarioSummary, validateScenarioAgainstStore } from './services/drills/loadScenario';
import { withDrillStore, readDrillMeta } from './services/drills/drillStore';
import { listEvents } from './services/drills/eventRecorder';
import { replayStateAt } from './services/drills/replaySeek';
import { evaluateDrill } from './services/drills/evaluateDrill';
import { renderDrillReportHtml } from './services/drills/drillReportHtml';
import { chromiumPdfPrinter, type PdfPrinter } from './services/drills/printPdf';
import type Database from 'better-sqlite3';

type DrillMethodName = keyof typeof drillMethods;
type DrillHandlers = { [M in DrillMethodName]: (input: MethodParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>> };
type Source = MethodParsedInput<'drill.validate'>;

const who = () => currentCaller()?.actor ?? null;
const username = () => who()?.username ?? 'anonymous';

/** Reads and checks a scenario (shape, then against the live store's stations, plans, cameras). */
export function checkScenario(host: Pick<DrillHost, 'live' | 'o'>, source: Source): { scenario: DrillScenario | null; errors: ScenarioError[] } {
  const { text, format, fileName } = source.source === 'demo' ? readDemoScenario(host.o.resourcesDir, source.id) : source;
  const loaded = loadScenario(text, format, fileName);
  if (!loaded.scenario) return loaded;
  const errors = validateScenarioAgainstStore(host.live.db, loaded.scenario, loaded.locate);
  return { scenario: errors.length ? null : loaded.scenario, errors };
}

function refuseErrors(errors: ScenarioError[]): never {
  const lines = errors.slice(0, 20).map((e) => `${e.injectId ?? 'exercise'} ${e.field}: ${e.message}`);
  throw new CommandError('BAD_INPUT', `演练脚本有误，未开始 / the scenario has ${errors.length} error(s), nothing started: ${lines.join('; ')}${errors.length > 20 ? ' …' : ''}`);
}

function plansOf(db: Database.Database): EmergencyPlan[] {
  try {
    const rows = db.prepare(`SELECT body FROM plan_library`).all() as { body: string }[];
    return rows.flatMap((r) => {
      const p = planSchema.safeParse(JSON.parse(r.body));
      return p.success ? [p.data] : [];
    });
  } catch {
    return [];
  }
}

/** Everything a finished drill's evaluation and report need, read from its store. */
export function readRun(drillsDir: string, runId: string, allowRunning = false) {
  return withDrillStore(drillsDir, runId, (db, meta) => {
    if (!allowRunning && (meta.status === 'running' || meta.status === 'paused')) throw new CommandError('BAD_INPUT', `演练仍在进行 / drill ${runId} is still running: end it first`);
    const events = listEvents(db, { afterSeq: 0, limit: 10_000_000 }).events;
    const evaluation = evaluateDrill({ runId, status: meta.status, scenario: meta.scenario, events, startedAt: meta.startedAt, endedAt: meta.endedAt });
    return { meta, events, evaluation, plans: plansOf(db) };
  });
}

/** Writes the report of a finished drill (PDF through Chromium, or the HTML to edit); never overwrites unless asked. */
export async function exportDrillReport(drillsDir: string, runId: string, format: 'pdf' | 'html', path: string, overwrite: boolean, printer: PdfPrinter = chromiumPdfPrinter()): Promise<{ path: string; bytes: number }> {
  if (!existsSync(dirname(path))) throw new CommandError('BAD_INPUT', `目录不存在 / folder ${dirname(path)} does not exist`);
  if (existsSync(path) && !overwrite) throw new CommandError('BAD_INPUT', `文件已存在 / ${path} exists (overwrite to replace it)`);
  const run = readRun(drillsDir, runId);
  const html = renderDrillReportHtml({
    evaluation: run.evaluation,
    scenario: run.meta.scenario,
    run: { runId, startedAt: run.meta.startedAt, endedAt: run.meta.endedAt, status: run.meta.status, storePath: `${drillsDir}/${runId}.gpkg` },
    events: run.events,
    generatedAt: Date.now(),
    plans: run.plans,
  });
  if (format === 'pdf') {
    await printer.print(html, path, { overwrite });
  } else {
    const tmp = `${path}.part`;
    writeFileSync(tmp, html, 'utf8');
    renameSync(tmp, path);
  }
  return { path, bytes: statSync(path).size };
}

/** The live record's entry in the list of runs (null when nothing was recorded yet). */
function liveSummary(host: DrillHost) {
  const db = host.live.db;
  const n = (db.prepare(`SELECT count(*) AS n FROM rec_events`).get() as { n: number }).n;
  if (n === 0) return null;
  const first = db.prepare(`SELECT at, wall_at AS wallAt FROM rec_events ORDER BY seq LIMIT 1`).get() as { at: number; wallAt: number };
  return { runId: 'live' as const, exerciseId: 'live', name: '实况记录 Live record', demo: false, status: 'running' as const, t0: first.at, startedAt: first.wallAt, endedAt: null, events: n, path: host.live.storePath };
}

export function createDrillHandlers(host: DrillHost): DrillHandlers {
  const dir = host.o.drillsDir;
  /** Reads a run's store: a drill store (read only), or the live store's own record. */
  const withRun = <T,>(runId: string, fn: (db: Database.Database) => T): T => (runId === 'live' ? fn(host.live.db) : withDrillStore(dir, runId, (db) => fn(db)));
  const notLive = (runId: string) => {
    if (runId === 'live') throw new CommandError('BAD_INPUT', '实况记录没有演练脚本，无法评估 / the live record has no scenario: nothing to evaluate');
  };
  const active = () => {
    const a = host.current;
    if (!a) throw new CommandError('BAD_INPUT', '没有进行中的演练 / no drill is running');
    return a;
  };
  const controller = () => `controller:${username()}`;
  return {
    'drill.scenarios': () => ({ scenarios: listDemoScenarios(host.o.resourcesDir) }),
    'drill.validate': (input) => {
      const r = checkScenario(host, input);
      return { ok: r.errors.length === 0, errors: r.errors, summary: r.scenario ? scenarioSummary(r.scenario) : null };
    },
    'drill.state': () => host.state(),
    'drill.start': async ({ scenario, speed }) => {
      const r = checkScenario(host, scenario);
      if (!r.scenario) refuseErrors(r.errors);
      const actor = who();
      if (!actor) throw new CommandError('UNAUTHORIZED', '请先登录 / sign in first');
      return host.start(r.scenario, { speed, actor });
    },
    'drill.control': async ({ action, speed, reason }) => {
      const a = active();
      const by = controller();
      if (action === 'pause') a.session.pause(by);
      else if (action === 'resume') a.session.resume(by);
      else if (action === 'speed') a.session.setSpeed(speed!, by);
      else if (action === 'next') a.session.next(by);
      else if (action === 'end') return host.end('ended', reason ?? null, by);
      else return host.end('terminated', reason ?? '意外终止 / real-world emergency', by);
      return host.state();
    },
    'drill.injects': () => ({ injects: active().session.list() }),
    'drill.injectAction': ({ injectId, action }) => {
      const a = active();
      if (action === 'deliver') a.session.deliverNow(injectId, controller());
      else a.session.skip(injectId, controller());
      return { inject: a.session.get(injectId) };
    },
    'drill.shift': ({ fromInjectId, byMinutes }) => ({ shifted: active().session.shift(fromInjectId, byMinutes * 60_000, controller()) }),
    'drill.addInject': ({ inject }) => {
      const a = active();
      const errors = validateScenarioAgainstStore(a.runtime.ctx.store.db, { exercise: a.meta.scenario.exercise, injects: [inject] }).filter((e) => e.injectId === inject.id);
      if (errors.length) refuseErrors(errors);
      return { inject: a.session.add(inject, controller()) };
    },
    'drill.note': ({ text, rating, injectId, objectiveId }) => ({
      seq: active().log.append('note', username(), injectId ? `inject:${injectId}` : null, { text, rating: rating ?? null, injectId: injectId ?? null, objectiveId: objectiveId ?? null }).seq,
    }),
    'drill.logAction': ({ kind, text }) => {
      const a = active();
      return { seq: a.log.append(kind, username(), null, { text }).seq };
    },
    'drill.recordView': (input) => {
      const a = host.current;
      if (!a) return { recorded: false };
      const { kind, ...payload } = input;
      a.log.append(kind, username(), kind === 'camera.opened' ? `camera:${(payload as { cameraId: string }).cameraId}` : null, payload);
      return { recorded: true };
    },
    'drill.list': () => {
      const live = liveSummary(host);
      return { runs: [...(live ? [live] : []), ...host.runs().runs] };
    },
    'drill.events': ({ runId, afterSeq, limit, kinds }) => withRun(runId, (db) => listEvents(db, { afterSeq, limit, ...(kinds ? { kinds } : {}) })),
    'drill.replayState': ({ runId, at }) => withRun(runId, (db) => replayStateAt(db, runId, at)),
    'drill.replaySeries': ({ runId, streamId }) =>
      withRun(runId, (db) => {
        const s = db.prepare(`SELECT name, unit FROM ts_streams WHERE id = ?`).get(streamId) as { name: string | null; unit: string | null } | undefined;
        const points = db.prepare(`SELECT ts, value FROM ts_observations WHERE stream_id = ? ORDER BY ts LIMIT 20000`).all(streamId) as { ts: number; value: number }[];
        return { points, unit: s?.unit ?? null, name: s?.name ?? null };
      }),
    'drill.evaluation': ({ runId }) => (notLive(runId), readRun(dir, runId).evaluation),
    'drill.exportReport': ({ runId, format, path, overwrite }) => (notLive(runId), exportDrillReport(dir, runId, format, path, overwrite, host.o.pdfPrinter)),
  };
}

export { readDrillMeta };
