import type { z } from 'zod';
import { drillScenarioSchema, type DrillScenario, type ScenarioError, type ScenarioFormat } from '../../../preload/contract/drillScenario';
import { formatScenarioPath, readScenarioText, type ScenarioLocation, type ScenarioPath } from '../../sources/drills/readScenarioText';

export { injectStartTimes, lastPointOffset, resolveInjectTimes, scheduledPoints, type ScheduledPoint } from './resolveInjectTimes';
export { scenarioDurationMs, scenarioSummary, type ScenarioSummary } from './scenarioSummary';
export { checkScenarioStructure, readScenarioStoreFacts, validateScenarioAgainstStore } from './validateScenarioAgainstStore';

export interface LoadedScenario {
  /** The checked scenario (defaults applied); null when anything is wrong. */
  scenario: DrillScenario | null;
  errors: ScenarioError[];
  /** Where a path of the scenario is in the file (pass it to validateScenarioAgainstStore for line numbers). */
  locate?: (path: ScenarioPath) => ScenarioLocation | undefined;
}

const zh: Record<string, string> = {
  invalid_type: '类型错误',
  too_small: '数值过小或内容过短',
  too_big: '数值过大或内容过长',
  invalid_format: '格式错误',
  invalid_value: '取值无效',
  invalid_union: '类型不符',
  unrecognized_keys: '未知字段',
  custom: '无效值',
};

/**
 * Reads a scenario file (YAML, JSON or CSV MSEL) and checks its shape against the drill scenario schema. Each error
 * names the inject (by id, when it has one), the field (injects[3].series[2].value, or row/column for a CSV) and
 * the line when known. Store checks are separate: validateScenarioAgainstStore.
 */
export function loadScenario(text: string, format: ScenarioFormat, fileName?: string): LoadedScenario {
  const read = readScenarioText(text, format, fileName);
  if (read.raw === null) return { scenario: null, errors: read.errors, locate: read.locate };
  const parsed = drillScenarioSchema.safeParse(read.raw);
  if (parsed.success && read.errors.length === 0) return { scenario: parsed.data, errors: [], locate: read.locate };
  const schemaErrors = parsed.success ? [] : zodIssuesToErrors(parsed.error.issues, read.raw, read.locate, format === 'csv');
  // A CSV cell that could not be read was left out; the schema then misses it too: keep the reader's error only.
  const seen = new Set(read.errors.map((e) => e.field));
  return { scenario: null, errors: [...read.errors, ...schemaErrors.filter((e) => !seen.has(e.field))], locate: read.locate };
}

/** Schema issues as scenario errors (an unknown key becomes one error per key, at the key's own path). */
export function zodIssuesToErrors(issues: readonly z.core.$ZodIssue[], raw: unknown, locate?: (path: ScenarioPath) => ScenarioLocation | undefined, csv = false): ScenarioError[] {
  const out: ScenarioError[] = [];
  for (const issue of issues) {
    const base = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const one = (path: (string | number)[], en: string) => {
      const where = locate?.(path);
      const pathText = formatScenarioPath(path) || '(scenario)';
      const field = where?.column ? `row ${where.line}, column ${where.column}` : pathText;
      const label = issue.code === 'invalid_type' && /received undefined/.test(issue.message) ? '缺少必填项' : (zh[issue.code] ?? '无效');
      const message = `${label} / ${en}${csv && where?.column ? ` (${pathText})` : ''}`;
      out.push({ injectId: injectIdAt(raw, path), field, message, ...(where?.line ? { line: where.line } : {}) });
    };
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) one([...base, key], `unknown field '${key}'`);
    else one(base, missingMessage(issue) ?? issue.message);
  }
  return out;
}

function missingMessage(issue: z.core.$ZodIssue): string | null {
  if (issue.code !== 'invalid_type' || !/received undefined/.test(issue.message)) return null;
  const key = issue.path.at(-1);
  return `${typeof key === 'string' ? key : 'value'} is required (expected ${issue.expected})`;
}

function injectIdAt(raw: unknown, path: readonly (string | number)[]): string | null {
  if (path[0] !== 'injects' || typeof path[1] !== 'number') return null;
  const injects = (raw as { injects?: unknown } | null)?.injects;
  const inj = Array.isArray(injects) ? (injects[path[1]] as { id?: unknown } | undefined) : undefined;
  return typeof inj?.id === 'string' ? inj.id : null;
}
