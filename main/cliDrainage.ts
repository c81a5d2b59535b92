import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseCommandArgs } from './cliArgs';
import { resolveStorePath } from './appPaths';
import { DrainageService } from './services/drainage/drainageService';
import type { TraceDirection } from './services/drainage/drainageTypes';
import { openStore, StoreRefusedError } from './store/openStore';

export const drainageUsage = `  cityops trace NODE_OR_PIPE_ID --direction up|down|connected [--stop-at-pumps] [--store PATH] [--json]
                                            downstream to the outfall/plant, upstream catchment, or connected
  cityops drainage check [--store PATH] [--json] [--csv FILE] [--gpkg FILE] [--overwrite]
                                            topology check of the drainage network (exit 1 when errors are found)
  cityops drainage profile FROM_NODE [TO_NODE] [--store PATH] [--json]   纵断面 longitudinal profile
  cityops drainage condition PIPE_ID [--store PATH] [--json]             CJJ 181-2012 condition of a pipe
  cityops drainage import-defects FILE.csv [--store PATH]               CCTV defects (all rows or none)`;

class DrainageUsageError extends Error {}

type Out = (s: string) => void;

const parse = (args: string[], options: NonNullable<ParseArgsConfig['options']>, positionals: number, what: string) =>
  parseCommandArgs(args, options, positionals, what, (m) => new DrainageUsageError(m));

const directions: Record<string, TraceDirection> = { up: 'up', down: 'down', connected: 'connected', upstream: 'up', downstream: 'down' };
const directionZh: Record<TraceDirection, string> = { up: '上游追踪', down: '下游追踪', connected: '连通追踪' };
const fmt = (v: number | null, digits = 3) => (v === null ? '—' : v.toFixed(digits));

/**
 * `cityops trace …` and `cityops drainage …`: parses, opens the store (read-only except import-defects), prints text
 * or JSON and returns the exit code (0 ok, 1 bad input / not found / check found errors, 2 usage).
 */
export async function runDrainageCli(command: 'trace' | 'drainage', argv: string[], out: Out, err: Out): Promise<number> {
  try {
    if (command === 'trace') return trace(argv, out, err);
    const [sub, ...args] = argv;
    switch (sub) {
      case 'check':
        return check(args, out, err);
      case 'profile':
        return profile(args, out, err);
      case 'condition':
        return condition(args, out);
      case 'import-defects':
        return importDefectsCommand(args, out);
      default:
        throw new DrainageUsageError(`unknown drainage command '${sub ?? ''}' (check, profile, condition, import-defects)`);
    }
  } catch (e) {
    if (e instanceof DrainageUsageError) {
      err(`cityops: ${e.message}\n\nUsage:\n${drainageUsage}`);
      return 2;
    }
    if (e instanceof StoreRefusedError || ['BAD_INPUT', 'NOT_FOUND', 'STORE_REFUSED'].includes((e as { code?: string }).code ?? '')) {
      err(`cityops: ${(e as Error).message}`);
      return 1;
    }
    throw e;
  }
}

function withService<T>(store: string | undefined, readonly: boolean, fn: (s: DrainageService) => T): T {
  const opened = openStore(resolveStorePath(store), { readonly });
  try {
    return fn(new DrainageService(opened.db));
  } finally {
    opened.close();
  }
}

function trace(argv: string[], out: Out, err: Out): number {
  const { values, positionals } = parse(
    argv,
    { direction: { type: 'string' }, 'stop-at-pumps': { type: 'boolean' }, store: { type: 'string' }, json: { type: 'boolean' } },
    1,
    'trace needs exactly one NODE_OR_PIPE_ID',
  );
  const direction = directions[String(values.direction ?? '')];
  if (!direction) throw new DrainageUsageError(`--direction: '${String(values.direction ?? '')}' is not up, down or connected`);
  const r = withService(values.store as string | undefined, true, (s) => s.trace(positionals[0]!, direction, { stopAtPumps: !!values['stop-at-pumps'] }));
  if (values.json) {
    out(JSON.stringify(r, null, 2));
    return 0;
  }
  out(`${directionZh[direction]} ${direction} trace from ${r.start.kind} ${r.start.id}: ${r.pipeCount} pipes, ${r.totalLengthM.toFixed(2)} m, ${r.nodeIds.length} nodes`);
  if (r.outfalls.length) out(`排放口 outfalls: ${r.outfalls.join(', ')}`);
  if (r.plants.length) out(`污水厂 plants: ${r.plants.join(', ')}`);
  if (r.pumps.length) out(`泵站 pumps: ${r.pumps.join(', ')}`);
  if (r.storages.length) out(`调蓄池 storages: ${r.storages.join(', ')}`);
  for (const s of r.stoppedAt) out(`止于 stopped at ${s.kind} ${s.id} (${s.reason})`);
  out(`pipes: ${r.pipeIds.join(' ')}`);
  for (const w of r.warnings) err(`warning: ${w.message.zh} / ${w.message.en}`);
  return 0;
}

function check(argv: string[], out: Out, err: Out): number {
  const { values } = parse(
    argv,
    { store: { type: 'string' }, json: { type: 'boolean' }, csv: { type: 'string' }, gpkg: { type: 'string' }, overwrite: { type: 'boolean' } },
    0,
    'drainage check takes no positional arguments',
  );
  const r = withService(values.store as string | undefined, true, (s) =>
    s.check({}, { csv: values.csv as string | undefined, gpkg: values.gpkg as string | undefined, overwrite: !!values.overwrite }),
  );
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  if (values.json) out(JSON.stringify(r, null, 2));
  else {
    out(`drainage check: ${r.pipeCount} pipes, ${r.nodeCount} nodes, ${r.findings.length} findings (${errors} errors)`);
    for (const [kind, n] of Object.entries(r.counts)) if (n) out(`  ${kind}: ${n}`);
    for (const f of r.findings.slice(0, 50)) (f.severity === 'error' ? err : out)(`${f.severity.padEnd(7)} ${f.kind}: ${f.message.zh} / ${f.message.en}`);
    if (r.findings.length > 50) out(`… ${r.findings.length - 50} more (use --json, --csv or --gpkg)`);
    if (r.exported.csv) out(`written ${r.exported.csv}`);
    if (r.exported.gpkg) out(`written ${r.exported.gpkg}`);
  }
  return errors > 0 ? 1 : 0;
}

function profile(argv: string[], out: Out, err: Out): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { store: { type: 'string' }, json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new DrainageUsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length < 1 || positionals.length > 2) throw new DrainageUsageError('drainage profile needs FROM_NODE and optionally TO_NODE');
  const r = withService(values.store, true, (s) => s.profile(positionals[1] === undefined ? { from: positionals[0]! } : { from: positionals[0]!, to: positionals[1] }));
  if (values.json) {
    out(JSON.stringify(r, null, 2));
    return 0;
  }
  out(`纵断面 profile (${r.method}): ${r.segments.length} pipes, ${r.totalLengthM.toFixed(2)} m`);
  out('chainage_m\tnode\tground\tinvert');
  for (const s of r.stations) out(`${s.chainageM.toFixed(2)}\t${s.nodeId}\t${fmt(s.groundElev)}\t${fmt(s.invertElev)}`);
  out('pipe\tfrom→to\tD_mm\tstart_invert\tend_invert\tslope_‰');
  for (const g of r.segments) out(`${g.pipeId}\t${g.fromNode}→${g.toNode}${g.reversed ? ' (against flow)' : ''}\t${g.diameterMm ?? '—'}\t${fmt(g.startInvert)}\t${fmt(g.endInvert)}\t${fmt(g.slopePermille, 2)}`);
  for (const m of r.missing) err(`missing: ${m.kind} ${m.id} ${m.field}${m.derivedFrom ? ` (derived from ${m.derivedFrom})` : ''}`);
  for (const w of r.warnings) err(`warning: ${w.zh} / ${w.en}`);
  return 0;
}

function condition(argv: string[], out: Out): number {
  const { values, positionals } = parse(argv, { store: { type: 'string' }, json: { type: 'boolean' } }, 1, 'drainage condition needs exactly one PIPE_ID');
  const c = withService(values.store as string | undefined, true, (s) => s.condition(positionals[0]!));
  if (values.json) {
    out(JSON.stringify(c, null, 2));
    return 0;
  }
  out(`管段 pipe ${c.pipeId}: ${c.defects.length} defects, L ${c.lengthM ?? '—'} m, D ${c.diameterMm ?? '—'} mm`);
  out(`结构性 structural F ${c.structural.value.toFixed(2)} (${c.structural.grade} ${c.structural.gradeLabel.zh} / ${c.structural.gradeLabel.en}), S_M ${c.structural.density.toFixed(3)} ${c.structural.densityLabel.zh}`);
  out(`修复指数 RI ${c.repair.RI.toFixed(2)} (${c.repair.grade} ${c.repair.label.zh} / ${c.repair.label.en}; K ${c.repair.K}, E ${c.repair.E}, T ${c.repair.T})`);
  out(`功能性 functional G ${c.functional.value.toFixed(2)} (${c.functional.grade} ${c.functional.gradeLabel.zh} / ${c.functional.gradeLabel.en}), Y_M ${c.functional.density.toFixed(3)} ${c.functional.densityLabel.zh}`);
  out(`养护指数 MI ${c.maintenance.MI.toFixed(2)} (${c.maintenance.grade} ${c.maintenance.label.zh} / ${c.maintenance.label.en})`);
  for (const d of c.defects) out(`  ${d.distanceM.toFixed(2)} m  ${d.code} ${d.name.zh} grade ${d.grade} (${d.score})${d.lengthM ? ` length ${d.lengthM} m` : ''}${d.remarks ? `  ${d.remarks}` : ''}`);
  for (const a of c.assumptions) out(`note: ${a.zh} / ${a.en}`);
  return 0;
}

function importDefectsCommand(argv: string[], out: Out): number {
  const { values, positionals } = parse(argv, { store: { type: 'string' } }, 1, 'drainage import-defects needs exactly one FILE.csv');
  const r = withService(values.store as string | undefined, false, (s) => s.importDefects(positionals[0]!));
  out(`imported ${r.rows} defects for ${r.pipes} pipes from ${r.file} (${r.replaced} earlier defects of these pipes replaced)`);
  return 0;
}
