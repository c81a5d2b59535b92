import type Database from 'better-sqlite3';
import { formatOffset, parseIsoDuration, type DrillScenario, type ScenarioError } from '../../../preload/contract/drillScenario';
import { encodeSl651Report, Sl651EncodeError } from '../../sources/sl651/encodeSl651Report';
import { sl651ElementByAsciiId } from '../../sources/sl651/sl651ElementTable';
import { formatScenarioPath, type ScenarioLocation, type ScenarioPath } from '../../sources/drills/readScenarioText';
import { objectiveList } from './drillObjectives';
import { injectStartTimes, lastPointOffset } from './resolveInjectTimes';

type Locate = (path: ScenarioPath) => ScenarioLocation | undefined;

/** What the store knows that a scenario may name: station codes, camera ids, plans with their action ids. */
export interface ScenarioStoreFacts {
  stations: Set<string>;
  cameras: Set<string>;
  plans: Map<string, Set<string>>;
}

function column(db: Database.Database, sql: string): string[] {
  try {
    return (db.prepare(sql).pluck().all() as unknown[]).filter((v): v is string => typeof v === 'string' && v !== '');
  } catch {
    return []; // the table is missing: everything it should hold counts as unknown
  }
}

export function readScenarioStoreFacts(db: Database.Database): ScenarioStoreFacts {
  const stations = new Set(column(db, `SELECT station_code FROM flood_stations`).map((s) => s.toUpperCase()));
  const cameras = new Set(column(db, `SELECT external_id FROM cameras`));
  const plans = new Map<string, Set<string>>();
  for (const body of column(db, `SELECT body FROM plan_library`)) {
    try {
      const p = JSON.parse(body) as { id?: unknown; levels?: { actions?: { id?: unknown }[] }[] };
      if (typeof p.id !== 'string') continue;
      const actions = new Set<string>();
      for (const l of p.levels ?? []) for (const a of l.actions ?? []) if (typeof a.id === 'string') actions.add(a.id);
      plans.set(p.id, actions);
    } catch {
      /* a broken library row names no plan */
    }
  }
  return { stations, cameras, plans };
}

/** Collects errors with their path (and the file line, when a locator is given). */
function collector(scenario: DrillScenario, locate?: Locate) {
  const errors: ScenarioError[] = [];
  const add = (path: ScenarioPath, message: string) => {
    const index = path[0] === 'injects' && typeof path[1] === 'number' ? path[1] : null;
    const injectId = index !== null ? (scenario.injects[index]?.id ?? null) : null;
    const where = locate?.(path);
    const field = where?.column ? `row ${where.line}, column ${where.column}` : formatScenarioPath(path);
    errors.push({ injectId, field, message, ...(where?.line ? { line: where.line } : {}) });
  };
  return { errors, add };
}

/**
 * Checks of a scenario that need no store: duplicate inject ids, `at.after` naming an unknown or later inject or
 * forming a cycle, series offsets that do not increase, objective ids (duplicate, or referenced but not defined),
 * and exercise.duration ending before the last point.
 */
export function checkScenarioStructure(scenario: DrillScenario, locate?: Locate): ScenarioError[] {
  const { errors, add } = collector(scenario, locate);
  const firstIndex = new Map<string, number>();
  scenario.injects.forEach((inj, i) => {
    const first = firstIndex.get(inj.id);
    if (first !== undefined) add(['injects', i, 'id'], `重复的注入编号 / duplicate inject id ${inj.id} (first at injects[${first}])`);
    else firstIndex.set(inj.id, i);
  });
  const { times, problems } = injectStartTimes(scenario);
  const inCycle = new Set(problems.filter((p) => p.kind === 'cycle').flatMap((p) => p.chain));
  const cycleOf = (id: string) => problems.find((p) => p.kind === 'cycle' && p.chain.includes(id))?.chain.join(' → ') ?? id;
  scenario.injects.forEach((inj, i) => {
    if (typeof inj.at === 'string') return;
    const after = inj.at.after;
    const j = firstIndex.get(after);
    const path = ['injects', i, 'at', 'after'];
    if (j === undefined) add(path, `未知的前序注入 / at.after names unknown inject ${after}`);
    else if (after === inj.id) add(path, `注入时间循环 / at.after: inject ${inj.id} follows itself`);
    else if (j > i && inCycle.has(inj.id)) add(path, `注入时间循环 / at.after forms a cycle: ${cycleOf(inj.id)}`);
    else if (j > i) add(path, `前序注入在后 / at.after names ${after} (injects[${j}]), which comes later in the list: an inject may only follow an earlier one`);
  });
  scenario.injects.forEach((inj, i) => {
    if (inj.kind !== 'telemetry') return;
    let prev = -Infinity;
    inj.series.forEach((p, k) => {
      const t = parseIsoDuration(p.t) ?? 0;
      if (t <= prev) add(['injects', i, 'series', k, 't'], `时间偏移顺序错误 / offset out of order: ${p.t} is not after ${inj.series[k - 1]!.t} (series[${k - 1}]); offsets must strictly increase`);
      prev = Math.max(prev, t);
    });
  });
  const objectives = objectiveList(scenario);
  const objectiveIds = new Set<string>();
  objectives.forEach((o, k) => {
    if (objectiveIds.has(o.id)) add(['exercise', 'objectives', k, 'id'], `重复的目标编号 / duplicate objective id ${o.id}${typeof scenario.exercise.objectives[k] === 'string' ? ' (text objectives are numbered O1, O2… by position)' : ''}`);
    objectiveIds.add(o.id);
  });
  scenario.injects.forEach((inj, i) => {
    inj.objectives.forEach((id, k) => {
      if (!objectiveIds.has(id)) add(['injects', i, 'objectives', k], `未定义的目标 / objective ${id} is not defined in exercise.objectives (defined: ${[...objectiveIds].join(', ') || 'none'})`);
    });
  });
  const duration = scenario.exercise.duration ? parseIsoDuration(scenario.exercise.duration) : null;
  if (duration !== null) {
    const last = lastPointOffset(scenario, times);
    if (duration < last) add(['exercise', 'duration'], `演练时长过短 / exercise.duration ${scenario.exercise.duration} (${formatOffset(duration)}) ends before the last point at ${formatOffset(last)}`);
  }
  return errors;
}

/**
 * Everything checkScenarioStructure checks, plus what the scenario names in the store: stations (flood_stations
 * station_code), SL651 elements and whether each value fits the element (sl651 channel), plans (plan_library) in
 * exercise.plans and plan.activated, checklist items (action ids of the exercise's plans and of the plans it expects
 * to be activated), cameras (cameras external_id) and alarm.raised stations. Every error names its inject and field.
 */
export function validateScenarioAgainstStore(db: Database.Database, scenario: DrillScenario, locate?: Locate): ScenarioError[] {
  const facts = readScenarioStoreFacts(db);
  const { errors, add } = collector(scenario, locate);
  const t0 = Date.parse(scenario.exercise.t0);
  scenario.exercise.plans.forEach((p, k) => {
    if (!facts.plans.has(p.plan)) add(['exercise', 'plans', k, 'plan'], unknownPlan(p.plan, facts));
  });
  const planIds = new Set(scenario.exercise.plans.map((p) => p.plan));
  for (const inj of scenario.injects) for (const e of inj.expected) if (e.action === 'plan.activated') planIds.add(e.plan);
  const items = new Set<string>();
  for (const id of planIds) for (const a of facts.plans.get(id) ?? []) items.add(a);
  const unknownStation = (code: string) => `未知站点 / unknown station ${code} (not in flood_stations)`;

  scenario.injects.forEach((inj, i) => {
    inj.expected.forEach((e, k) => {
      const path = ['injects', i, 'expected', k];
      if (e.action === 'plan.activated' && !facts.plans.has(e.plan)) add([...path, 'plan'], unknownPlan(e.plan, facts));
      if (e.action === 'checklist.done' && !items.has(e.item)) {
        add([...path, 'item'], `未知的检查项 / checklist item ${e.item} is not an action of the exercise's plans (${[...planIds].join(', ') || 'none'})`);
      }
      if (e.action === 'alarm.raised' && e.station && !facts.stations.has(e.station.toUpperCase())) add([...path, 'station'], unknownStation(e.station));
    });
    if (inj.kind === 'camera-status' && !facts.cameras.has(inj.camera)) add(['injects', i, 'camera'], `未知摄像机 / unknown camera ${inj.camera} (not in cameras)`);
    if (inj.kind !== 'telemetry') return;
    if (!facts.stations.has(inj.station.toUpperCase())) add(['injects', i, 'station'], unknownStation(inj.station));
    const def = sl651ElementByAsciiId(inj.element);
    if (!def) return add(['injects', i, 'element'], `未知要素 / unknown SL651 element ${inj.element} (not in SL 651-2014 表C.1)`);
    if (def.encoding !== 'bcd') return add(['injects', i, 'element'], `要素不可遥测 / element ${inj.element} (${def.nameZh}) is not a plain numeric SL651 element`);
    if (inj.channel !== 'sl651') return;
    const scale = 10 ** (def.decimals ?? 0);
    inj.series.forEach((p, k) => {
      if (Math.abs(Math.round(p.value * scale) / scale - p.value) > 1e-9) {
        return add(['injects', i, 'series', k, 'value'], `精度超出要素 / ${p.value} has more decimals than ${inj.element} (${def.nameZh}) carries (${def.decimals}): it would arrive rounded`);
      }
      try {
        encodeSl651Report({ station: inj.station, observedAt: Number.isFinite(t0) ? t0 : 0, elements: [{ id: inj.element, value: p.value }] });
      } catch (err) {
        if (!(err instanceof Sl651EncodeError)) throw err;
        add(['injects', i, 'series', k, 'value'], `数值超出要素范围 / ${p.value} cannot be sent as ${inj.element} (${def.nameZh}, N(${def.digits},${def.decimals}), not negative): ${err.message}`);
      }
    });
  });
  return [...checkScenarioStructure(scenario, locate), ...errors];
}

function unknownPlan(id: string, facts: ScenarioStoreFacts): string {
  return `未知预案 / unknown plan ${id} (not in plan_library; known: ${[...facts.plans.keys()].join(', ') || 'none'})`;
}
