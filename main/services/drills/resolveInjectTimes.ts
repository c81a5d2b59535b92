import { parseIsoDuration, type DrillInject, type DrillScenario } from '../../../preload/contract/drillScenario';

export interface InjectTimeProblem {
  injectId: string;
  index: number;
  kind: 'unknown' | 'cycle';
  /** For a cycle: the ids along it, back to the first. */
  chain: string[];
}

/**
 * Start offsets (ms from t0) of the injects whose time can be resolved, and the ones that cannot (`after` an unknown
 * inject, or a cycle). The first inject of a duplicated id is the one `after` refers to.
 */
export function injectStartTimes(scenario: Pick<DrillScenario, 'injects'>): { times: Map<string, number>; problems: InjectTimeProblem[] } {
  const byId = new Map<string, { inject: DrillInject; index: number }>();
  scenario.injects.forEach((inject, index) => {
    if (!byId.has(inject.id)) byId.set(inject.id, { inject, index });
  });
  const times = new Map<string, number>();
  const problems: InjectTimeProblem[] = [];
  const failed = new Set<string>();
  const resolve = (id: string, path: string[]): number | null => {
    const known = times.get(id);
    if (known !== undefined) return known;
    if (failed.has(id)) return null;
    const entry = byId.get(id)!;
    const at = entry.inject.at;
    if (typeof at === 'string') {
      const ms = parseIsoDuration(at) ?? 0;
      times.set(id, ms);
      return ms;
    }
    const delay = parseIsoDuration(at.delay) ?? 0;
    if (!byId.has(at.after)) {
      failed.add(id);
      problems.push({ injectId: id, index: entry.index, kind: 'unknown', chain: [id, at.after] });
      return null;
    }
    const loop = path.indexOf(at.after);
    if (at.after === id || loop >= 0) {
      const chain = [...path.slice(Math.max(0, loop)), id, at.after];
      for (const c of chain) failed.add(c);
      problems.push({ injectId: id, index: entry.index, kind: 'cycle', chain: at.after === id ? [id, id] : chain });
      return null;
    }
    const base = resolve(at.after, [...path, id]);
    if (base === null) {
      failed.add(id);
      return null;
    }
    times.set(id, base + delay);
    return base + delay;
  };
  for (const id of byId.keys()) resolve(id, []);
  return { times, problems };
}

/**
 * Each inject's start as an offset from t0 in exercise ms, `{ after, delay }` chains resolved. Throws when a time
 * cannot be resolved (a scenario that passed validateScenarioAgainstStore always resolves).
 */
export function resolveInjectTimes(scenario: Pick<DrillScenario, 'injects'>): Map<string, number> {
  const { times, problems } = injectStartTimes(scenario);
  const p = problems[0];
  if (p) {
    throw new Error(
      p.kind === 'unknown'
        ? `未知的前序注入 / inject ${p.injectId} follows unknown inject ${p.chain[1]}`
        : `注入时间循环 / the times of injects ${p.chain.join(' → ')} form a cycle`,
    );
  }
  return times;
}

export interface ScheduledPoint {
  injectId: string;
  /** 1-based point of the inject, of `of` (a non-telemetry inject is one point). */
  point: number;
  of: number;
  /** Offset from t0, exercise ms. */
  offsetMs: number;
  /** Telemetry only. */
  station?: string;
  element?: string;
  value?: number;
}

/** Every delivery point of the scenario (telemetry: one per series point), in time order (stable for equal times). */
export function scheduledPoints(scenario: Pick<DrillScenario, 'injects'>, times: Map<string, number> = injectStartTimes(scenario).times): ScheduledPoint[] {
  const out: ScheduledPoint[] = [];
  for (const inj of scenario.injects) {
    const start = times.get(inj.id);
    if (start === undefined) continue;
    if (inj.kind === 'telemetry') {
      inj.series.forEach((p, i) => {
        out.push({ injectId: inj.id, point: i + 1, of: inj.series.length, offsetMs: start + (parseIsoDuration(p.t) ?? 0), station: inj.station, element: inj.element, value: p.value });
      });
    } else out.push({ injectId: inj.id, point: 1, of: 1, offsetMs: start });
  }
  return out.map((p, i) => ({ p, i })).sort((a, b) => a.p.offsetMs - b.p.offsetMs || a.i - b.i).map(({ p }) => p);
}

/** Offset of the last point of the scenario (any inject, contingency ones included), exercise ms; 0 for none. */
export function lastPointOffset(scenario: Pick<DrillScenario, 'injects'>, times?: Map<string, number>): number {
  let last = 0;
  for (const p of scheduledPoints(scenario, times)) last = Math.max(last, p.offsetMs);
  return last;
}
