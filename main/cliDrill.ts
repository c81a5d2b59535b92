import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { parseCommandArgs } from './cliArgs';
import { formatOffset, type DrillEvent, type ScenarioFormat } from '../preload/contract';
import { appPaths, resolveStorePath } from './appPaths';
import { DrillHost, type LiveSide } from './drillHost';
import { exportDrillReport, readRun } from './drillHandlers';
import { createHostRuntime } from './hostRuntime';
import { EventBus } from './rpc/eventBus';
import { cliActor } from './services/auth/actor';
import { listDrillRuns } from './services/drills/drillStore';
import { formatDurationZh } from './services/drills/drillFormat';
import { loadScenario, scenarioSummary, validateScenarioAgainstStore } from './services/drills/loadScenario';
import { openStore } from './store/openStore';

export const drillUsage = `  cityops drill validate FILE [--store PATH] [--json]
                                            check a scenario (YAML, JSON or CSV MSEL) and, when the store
                                            exists, its stations, plans, items and cameras; exit 1 on errors
  cityops drill run FILE [--speed N] [--store PATH] [--autoplay] [--json]
                                            run a drill headless through the real receivers (×1–×600, no
                                            window; lockstep clock: the same script gives the same record).
                                            --store is the live store it copies from: never changed
  cityops drill report RUN_ID --out FILE.pdf|FILE.html [--store PATH] [--overwrite]
                                            演练评估报告/总结报告 of a finished drill (PDF via Chromium, or HTML)
  cityops drill list [--store PATH] [--json]
                                            the drills recorded beside the store`;

class DrillUsageError extends Error {}
type Out = (s: string) => void;

const parse = (args: string[], options: NonNullable<ParseArgsConfig['options']>, positionals: number, what: string) =>
  parseCommandArgs(args, options, positionals, what, (m) => new DrillUsageError(m));

const formatOf = (file: string): ScenarioFormat => {
  const ext = extname(file).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  throw new DrillUsageError(`${file}: 不支持的文件类型 / unknown scenario type '${ext}' (use .yaml, .yml, .json or .csv)`);
};

function readScenarioFile(file: string): string {
  if (!existsSync(file)) throw new DrillUsageError(`${file}: 文件不存在 / no such file`);
  return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
}

/** A read-only view of the live store for a headless drill; the -wal/-shm it created are removed at close. */
function readOnlyLive(storePath: string): LiveSide & { close(): void } {
  if (!existsSync(storePath)) throw new DrillUsageError(`${storePath}: 没有实况库 / no store (run 'cityops seed --store ${storePath}' first)`);
  const companions = [`${storePath}-wal`, `${storePath}-shm`].filter((p) => !existsSync(p));
  const store = openStore(storePath, { readonly: true });
  return {
    storePath,
    db: store.db,
    bus: new EventBus(),
    dispatch: () => Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: 'headless drill: no live host' } }),
    auth: { session: () => null },
    audit: null,
    openAlarms: () => [],
    close: () => {
      store.close();
      for (const p of companions) rmSync(p, { force: true });
    },
  };
}

const beijing = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(11, 19);

function summarize(e: DrillEvent): string {
  const p = e.payload as Record<string, unknown>;
  switch (e.kind) {
    case 'inject.delivered':
      return `${String(p.injectId)} ${String(p.synopsis)}${Number(p.of) > 1 ? ` (${String(p.point)}/${String(p.of)})` : ''}`;
    case 'alarm': {
      const a = p.alarm as { id: number; stationName: string | null; stationId: string | null; level: string };
      return `${String(p.action)} alarm ${a.id} ${a.stationName ?? a.stationId ?? ''} ${a.level}`;
    }
    case 'incident': {
      const i = p.incident as { code: string; title: string; status: string };
      return `${String(p.action)} ${i.code} ${i.title} [${i.status}]`;
    }
    case 'plan':
      return `${String(p.action)} ${String(p.planId)} ${String(p.level)}`;
    case 'checklist':
      return `${String(p.itemId)} ${p.done ? 'done' : 'undone'}`;
    default:
      return Object.keys(p).length ? JSON.stringify(p).slice(0, 120) : '';
  }
}

/** `cityops drill …`: 0 ok, 1 bad input / errors found, 2 usage. */
export async function runDrillCli(argv: string[], out: Out, err: Out): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    switch (sub) {
      case 'validate': {
        const { values, positionals } = parse(rest, { store: { type: 'string' }, json: { type: 'boolean' } }, 1, 'usage: cityops drill validate FILE [--store PATH] [--json]');
        const file = resolve(positionals[0]!);
        const loaded = loadScenario(readScenarioFile(file), formatOf(file), file);
        const errors = [...loaded.errors];
        const storePath = resolveStorePath(values.store as string | undefined);
        let checkedStore = false;
        if (loaded.scenario && existsSync(storePath)) {
          const live = readOnlyLive(storePath);
          try {
            errors.push(...validateScenarioAgainstStore(live.db, loaded.scenario, loaded.locate));
            checkedStore = true;
          } finally {
            live.close();
          }
        }
        const summary = loaded.scenario && errors.length === 0 ? scenarioSummary(loaded.scenario) : null;
        if (values.json) out(JSON.stringify({ ok: errors.length === 0, file, checkedStore, errors, summary }, null, 2));
        else if (errors.length) for (const e of errors) err(`${file}${e.line ? `:${e.line}` : ''}: ${e.injectId ?? 'exercise'} ${e.field}: ${e.message}`);
        else out(`OK ${summary!.exerciseId} · ${summary!.name}: ${summary!.injects} injects, ${summary!.points} points, ${summary!.stations} stations, ${Math.round(summary!.durationMs / 60_000)} min${checkedStore ? '' : ` (store ${storePath} not found: stations and plans not checked)`}`);
        return errors.length ? 1 : 0;
      }
      case 'run': {
        const { values, positionals } = parse(
          rest,
          { store: { type: 'string' }, speed: { type: 'string' }, autoplay: { type: 'boolean' }, json: { type: 'boolean' } },
          1,
          'usage: cityops drill run FILE [--speed N] [--store PATH] [--autoplay] [--json]',
        );
        const speed = values.speed === undefined ? 60 : Number(values.speed);
        if (!Number.isFinite(speed) || speed < 1 || speed > 600) throw new DrillUsageError(`--speed: '${String(values.speed)}' is not 1–600`);
        const file = resolve(positionals[0]!);
        const loaded = loadScenario(readScenarioFile(file), formatOf(file), file);
        const storePath = resolveStorePath(values.store as string | undefined);
        const live = readOnlyLive(storePath);
        let host: DrillHost | null = null;
        try {
          const errors = loaded.scenario ? validateScenarioAgainstStore(live.db, loaded.scenario, loaded.locate) : loaded.errors;
          if (errors.length || !loaded.scenario) {
            for (const e of errors) err(`${file}${e.line ? `:${e.line}` : ''}: ${e.injectId ?? 'exercise'} ${e.field}: ${e.message}`);
            err('演练脚本有误，未开始 / the scenario has errors: nothing started');
            return 1;
          }
          const paths = appPaths();
          const drillsDir = join(dirname(storePath), 'drills');
          const logs: string[] = [];
          host = new DrillHost(live, {
            drillsDir,
            resourcesDir: paths.resourcesDir,
            createRuntime: (path, now) => createHostRuntime(path, 'browser', paths, { seed: false, now, drills: false }),
            log: (m) => logs.push(m),
          });
          const state = await host.start(loaded.scenario, { speed, lockstep: true, autoplay: !!values.autoplay, actor: cliActor() });
          const runId = state.run!.runId;
          if (!values.json) out(`演练 EXERCISE ${loaded.scenario.exercise.id} · run ${runId} · ×${speed}${values.autoplay ? ' · autoplay' : ''}`);
          await host.current!.ended;
          const run = readRun(drillsDir, runId);
          const t0 = run.meta.t0;
          const timeline = run.events.filter((e) => e.kind !== 'observation').map((e) => ({ seq: e.seq, at: e.at, offset: formatOffset(e.at - t0), kind: e.kind, actor: e.actor, summary: summarize(e) }));
          const observations = run.events.length - timeline.length;
          if (values.json) {
            out(JSON.stringify({ exerciseId: run.meta.exerciseId, runId, status: run.meta.status, store: join(drillsDir, `${runId}.gpkg`), observations, timeline, metrics: run.evaluation.metrics, missed: run.evaluation.missed, control: run.evaluation.control }, null, 2));
          } else {
            for (const t of timeline) out(`${t.offset.padEnd(11)} ${beijing(t.at)}  ${t.kind.padEnd(17)} ${t.actor.padEnd(20)} ${t.summary}`);
            out(`(${observations} observations recorded)`);
            out('\n指标 metrics:');
            for (const m of run.evaluation.metrics) out(`  ${m.label.zh} / ${m.label.en}: ${m.valueMs === null ? '未完成 not done' : formatDurationZh(m.valueMs)}${m.limitMs !== null ? ` (时限 ${formatDurationZh(m.limitMs)})` : ''}${m.met === null ? '' : m.met ? ' ✔' : ' ✘'}`);
            out(`missed: ${run.evaluation.missed.length} · drift max ${run.evaluation.control.maxDriftMs} ms · paused ${run.evaluation.control.totalPauseMs} ms`);
            out(`store: ${join(drillsDir, `${runId}.gpkg`)}`);
          }
          return 0;
        } finally {
          await host?.close();
          live.close();
        }
      }
      case 'report': {
        const { values, positionals } = parse(rest, { store: { type: 'string' }, out: { type: 'string' }, overwrite: { type: 'boolean' } }, 1, 'usage: cityops drill report RUN_ID --out FILE.pdf|FILE.html [--store PATH] [--overwrite]');
        if (!values.out) throw new DrillUsageError('--out FILE.pdf|FILE.html is required');
        const outPath = resolve(values.out as string);
        const ext = extname(outPath).toLowerCase();
        if (ext !== '.pdf' && ext !== '.html' && ext !== '.htm') throw new DrillUsageError(`--out: '${outPath}' must end in .pdf or .html`);
        const drillsDir = join(dirname(resolveStorePath(values.store as string | undefined)), 'drills');
        const r = await exportDrillReport(drillsDir, positionals[0]!, ext === '.pdf' ? 'pdf' : 'html', outPath, !!values.overwrite);
        out(`${r.path} (${r.bytes} bytes)`);
        return 0;
      }
      case 'list': {
        const { values } = parse(rest, { store: { type: 'string' }, json: { type: 'boolean' } }, 0, 'usage: cityops drill list [--store PATH] [--json]');
        const drillsDir = join(dirname(resolveStorePath(values.store as string | undefined)), 'drills');
        const { runs, problems } = listDrillRuns(drillsDir);
        if (values.json) out(JSON.stringify({ runs, problems }, null, 2));
        else {
          if (runs.length === 0) out(`没有演练记录 / no drills in ${drillsDir}`);
          for (const r of runs) out(`${r.runId}  ${r.status.padEnd(11)} ${r.demo ? '演示 ' : ''}${r.name}  (${r.events} events)`);
          for (const p of problems) err(`skipped ${p}`);
        }
        return 0;
      }
      default:
        throw new DrillUsageError(`unknown drill command '${sub ?? ''}'\n${drillUsage}`);
    }
  } catch (e) {
    if (e instanceof DrillUsageError) {
      err(e.message);
      return 2;
    }
    const code = (e as { code?: string }).code;
    if (code === 'BAD_INPUT' || code === 'NOT_FOUND' || code === 'STORE_REFUSED') {
      err((e as Error).message);
      return 1;
    }
    throw e;
  }
}
