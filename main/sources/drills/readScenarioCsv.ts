import { parse } from 'csv-parse/sync';
import type { ScenarioError } from '../../../preload/contract/drillScenario';
import type { ScenarioLocation, ScenarioPath, ScenarioText } from './readScenarioText';

/**
 * CSV MSEL (主事件清单, one row per inject), comma-separated, UTF-8 (a BOM is fine), as a spreadsheet saves it.
 *
 *   #id,rainstorm-majiahe-demo                 exercise fields: rows whose first cell starts with #, anywhere
 *   #name,马家河流域50年一遇暴雨演练（演示）       #id #name #form #scope #purpose #hazard #t0 #duration
 *   #form,桌面                                  #description #organizer #demo (true/false)
 *   #scope,综合
 *   #hazard,rainstorm
 *   #t0,2026-07-15T08:00:00+08:00
 *   #objective,O1,20分钟内启动Ⅳ级响应,指挥与协调    repeatable: <id>,<text>[,<capability>] — or just <text> (then O1, O2…)
 *   #plan,urban-waterlogging:IV                  repeatable: <plan>:<level> (or <plan>,<level>)
 *   id,at,after,delay,kind,channel,station,element,series,synopsis,…    the header row (any order, case-insensitive)
 *   INJ-001,PT0M,,,telemetry,sl651,0061300019,PJ,PT0M=0;PT5M=8.5,雨强加大,…
 *
 * A row whose first cell is `#` alone or starts with `# ` or `##` is a comment. Columns (only id, kind and synopsis
 * are needed; the others may be left out or empty):
 *   id, kind (telemetry | camera-status | field-report | phone | manual-reminder), synopsis, controllerNotes, from, to
 *   at          ISO 8601 duration from t0 (PT0M, PT1H30M) — or after + delay: after another inject (delay default PT0M)
 *   channel     sl651 | mqtt (telemetry; the others are in-app)
 *   station, element, series    telemetry: SL651 address, element id, points `t=value;t=value` (PT0M=0;PT5M=8.5)
 *   objectives  objective ids, `;`-separated (O1;O3)
 *   expected    `;`-separated `action[:arg[:arg]]@within`: alarm.raised[:station]@PT1M; alarm.acknowledged@PT5M;
 *               incident.created@PT15M; plan.activated:urban-waterlogging:IV@PT20M; checklist.done:fc-iv-duty@PT40M;
 *               report.sent@PT30M
 *   contingency true/false (also 1/0, yes/no, 是/否)
 *   camera, status               camera-status: the camera id and online | offline | fault
 *   message                      phone / manual-reminder text
 *   reportType, reportTitle, description, lon, lat, address, severity, department, callerName, callerPhone
 *                                field-report (lon/lat in WGS 84 degrees, severity 1–4)
 * Rows are numbered as a spreadsheet shows them (the first row of the file is row 1); every error names its row and column.
 */
export const mselColumns = [
  'id', 'at', 'after', 'delay', 'kind', 'channel', 'station', 'element', 'series', 'synopsis', 'controllerNotes', 'from', 'to',
  'objectives', 'expected', 'contingency', 'camera', 'status', 'message', 'reportType', 'reportTitle', 'description', 'lon', 'lat',
  'address', 'severity', 'department', 'callerName', 'callerPhone',
] as const;
export type MselColumn = (typeof mselColumns)[number];

export const mselExerciseKeys = ['id', 'name', 'form', 'scope', 'purpose', 'hazard', 't0', 'duration', 'description', 'organizer', 'demo', 'objective', 'plan'] as const;

const columnByKey = new Map<string, MselColumn>(mselColumns.map((c) => [c.toLowerCase(), c]));
const reportColumns: Record<string, MselColumn> = {
  type: 'reportType', title: 'reportTitle', description: 'description', address: 'address', severity: 'severity',
  department: 'department', callerName: 'callerName', callerPhone: 'callerPhone',
};
const expectedArgs: Record<string, { args: string[]; min: number }> = {
  'alarm.raised': { args: ['station'], min: 0 },
  'alarm.acknowledged': { args: [], min: 0 },
  'incident.created': { args: [], min: 0 },
  'plan.activated': { args: ['plan', 'level'], min: 2 },
  'checklist.done': { args: ['item'], min: 1 },
  'report.sent': { args: [], min: 0 },
};
const TRUE = new Set(['true', '1', 'yes', 'y', '是']);
const FALSE = new Set(['false', '0', 'no', 'n', '否']);

export function parseMselBoolean(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  return TRUE.has(t) ? true : FALSE.has(t) ? false : null;
}

const isComment = (first: string) => first === '#' || first.startsWith('##') || /^#\s/.test(first);
const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

export function readScenarioCsv(text: string, fileName?: string): ScenarioText {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (err) {
    const e = err as Error & { lines?: number };
    const line = typeof e.lines === 'number' && e.lines > 0 ? e.lines : undefined;
    return {
      raw: null,
      errors: [{ injectId: null, field: line ? `row ${line}` : '(file)', message: `CSV 格式错误 / CSV syntax error${fileName ? ` in ${fileName}` : ''}: ${e.message}`, ...(line ? { line } : {}) }],
    };
  }
  const errors: ScenarioError[] = [];
  const err = (row: number, column: string, message: string, injectId: string | null = null): void => {
    errors.push({ injectId, field: `row ${row}, column ${column}`, message, line: row });
  };

  const exercise: Record<string, unknown> = {};
  const exerciseRows = new Map<string, number>();
  const objectiveRows: number[] = [];
  const planRows: number[] = [];
  const injects: Record<string, unknown>[] = [];
  const injectRows: number[] = [];
  const injectHasAfter: boolean[] = [];
  /** The header's columns by position: a known column, 'unknown' (already reported) or null (empty header cell). */
  let header: (MselColumn | 'unknown' | null)[] | null = null;
  let headerRow = 0;

  records.forEach((rawCells, index) => {
    const row = index + 1;
    const cells = rawCells.map((c) => c.trim());
    if (isBlank(cells)) return;
    const first = cells[0] ?? '';
    if (first.startsWith('#')) {
      if (isComment(first)) return;
      readExerciseRow(row, first.slice(1).trim(), trimTrailing(cells.slice(1)));
      return;
    }
    if (!header) {
      header = readHeader(row, cells);
      headerRow = row;
      return;
    }
    readInjectRow(row, cells, header);
  });

  function readExerciseRow(row: number, key: string, values: string[]): void {
    const column = `#${key}`;
    if (!(mselExerciseKeys as readonly string[]).includes(key)) {
      err(row, column, `未知的演练字段 / unknown exercise field #${key} (known: ${mselExerciseKeys.map((k) => `#${k}`).join(' ')})`);
      return;
    }
    if (key === 'objective') {
      if (values.length === 0) return err(row, column, '目标为空 / #objective needs a text (or id,text[,capability])');
      const list = (exercise.objectives ??= []) as unknown[];
      objectiveRows.push(row);
      list.push(values.length === 1 ? values[0] : { id: values[0], text: values[1], ...(values[2] ? { capability: values[2] } : {}) });
      return;
    }
    if (key === 'plan') {
      const [plan, level] = values.length === 1 && values[0]!.includes(':') ? values[0]!.split(':').map((s) => s.trim()) : values;
      if (!plan || !level) return err(row, column, `预案格式错误 / #plan: write <plan>:<level>, e.g. urban-waterlogging:IV (got '${values.join(',')}')`);
      const list = (exercise.plans ??= []) as unknown[];
      planRows.push(row);
      list.push({ plan, expectedLevel: level });
      return;
    }
    if (exerciseRows.has(key)) return err(row, column, `重复的演练字段 / #${key} is given twice (rows ${exerciseRows.get(key)} and ${row})`);
    exerciseRows.set(key, row);
    if (values.length > 1) return err(row, column, `多余的单元格 / #${key} takes one value; put text with commas in quotes`);
    const value = values[0] ?? '';
    if (key === 'demo') {
      const b = parseMselBoolean(value);
      if (b === null) return err(row, column, `不是布尔值 / #demo: '${value}' is not true/false`);
      exercise.demo = b;
      return;
    }
    exercise[key] = value;
  }

  function readHeader(row: number, cells: string[]): (MselColumn | 'unknown' | null)[] {
    const seen = new Map<MselColumn, number>();
    const out = cells.map((cell, i): MselColumn | 'unknown' | null => {
      if (cell === '') return null;
      const col = columnByKey.get(cell.toLowerCase());
      if (!col) {
        err(row, cell, `未知列 / unknown column '${cell}' (known: ${mselColumns.join(', ')})`);
        return 'unknown';
      }
      if (seen.has(col)) err(row, cell, `重复的列 / column '${cell}' appears twice (columns ${seen.get(col)! + 1} and ${i + 1})`);
      seen.set(col, i);
      return col;
    });
    for (const need of ['id', 'kind', 'synopsis'] as const) if (!seen.has(need)) err(row, need, `缺少列 / the header row has no '${need}' column`);
    return out;
  }

  function readInjectRow(row: number, cells: string[], cols: (MselColumn | 'unknown' | null)[]): void {
    const cell: Partial<Record<MselColumn, string>> = {};
    const idAt = cols.indexOf('id');
    const id = (idAt >= 0 ? cells[idAt] : '') || null;
    cells.forEach((v, i) => {
      if (v === '') return;
      const col = cols[i];
      if (col === 'unknown') return; // reported once, at the header
      if (col) cell[col] = v;
      else err(row, `${i + 1}`, `单元格没有列名 / a value in column ${i + 1}, which has no header: '${v}'`, id);
    });
    const bad = (column: string, message: string) => err(row, column, message, id);
    const inj: Record<string, unknown> = {};
    if (cell.id !== undefined) inj.id = cell.id;
    if (cell.at !== undefined && cell.after !== undefined) bad('after', 'at 与 after 只能填一个 / give either at or after (+ delay), not both');
    if (cell.after !== undefined) inj.at = { after: cell.after, delay: cell.delay ?? 'PT0M' };
    else if (cell.at !== undefined) inj.at = cell.at;
    else bad('at', '缺少时间 / at (ISO 8601 duration from t0, e.g. PT5M) or after (+ delay) is required');
    if (cell.delay !== undefined && cell.after === undefined) bad('delay', 'delay 需与 after 同用 / delay needs after (the inject it follows)');
    for (const k of ['kind', 'channel', 'station', 'element', 'synopsis', 'controllerNotes', 'from', 'to', 'camera', 'status', 'message'] as const) {
      if (cell[k] !== undefined) inj[k] = cell[k];
    }
    if (cell.series !== undefined) {
      const series = parseSeries(cell.series, (m) => bad('series', m));
      if (series) inj.series = series;
    }
    if (cell.objectives !== undefined) inj.objectives = splitList(cell.objectives);
    if (cell.expected !== undefined) {
      const expected = parseExpected(cell.expected, (m) => bad('expected', m));
      if (expected) inj.expected = expected;
    }
    if (cell.contingency !== undefined) {
      const b = parseMselBoolean(cell.contingency);
      if (b === null) bad('contingency', `不是布尔值 / contingency: '${cell.contingency}' is not true/false`);
      else inj.contingency = b;
    }
    const report = readReport(cell, bad);
    if (report) inj.report = report;
    injects.push(inj);
    injectRows.push(row);
    injectHasAfter.push(cell.after !== undefined);
  }

  if (!header) errors.push({ injectId: null, field: '(file)', message: '缺少表头行 / no header row (id,at,kind,synopsis,…) after the # exercise rows' });
  else if (injects.length === 0) errors.push({ injectId: null, field: `row ${headerRow}`, message: '没有注入 / the MSEL has no inject rows below its header', line: headerRow });

  const locate = (path: ScenarioPath): ScenarioLocation | undefined => {
    const [top, a, b, c] = path;
    if (top === 'exercise') {
      if (a === 'objectives' && typeof b === 'number') return at(objectiveRows[b], '#objective');
      if (a === 'plans' && typeof b === 'number') return at(planRows[b], '#plan');
      if (typeof a === 'string') return at(exerciseRows.get(a), `#${a}`);
      return undefined;
    }
    if (top === 'injects' && typeof a === 'number') {
      const row = injectRows[a];
      if (row === undefined) return undefined;
      if (b === undefined) return { line: row, column: 'id' };
      if (b === 'at') return { line: row, column: c === 'delay' ? 'delay' : injectHasAfter[a] ? 'after' : 'at' };
      if (b === 'report') return { line: row, column: c === 'location' ? (path[3] === 1 ? 'lat' : 'lon') : (reportColumns[String(c)] ?? 'reportType') };
      return { line: row, column: String(b) };
    }
    return undefined;
  };
  const raw = { exercise, injects };
  return { raw, errors, locate };
}

function at(line: number | undefined, column: string): ScenarioLocation | undefined {
  return line === undefined ? undefined : { line, column };
}

function trimTrailing(cells: string[]): string[] {
  const out = [...cells];
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

const splitList = (text: string): string[] => text.split(/[;\n]/).map((s) => s.trim()).filter((s) => s !== '');

/** `PT0M=0;PT5M=8.5` → [{t, value}]; null (with errors reported) if any item is malformed. */
export function parseSeries(text: string, bad: (message: string) => void): { t: string; value: number }[] | null {
  const out: { t: string; value: number }[] = [];
  let ok = true;
  splitList(text).forEach((item, i) => {
    const eq = item.indexOf('=');
    if (eq < 0) {
      ok = false;
      return bad(`第${i + 1}项缺少“=” / series item ${i + 1} '${item}': write offset=value, e.g. PT5M=8.5`);
    }
    const t = item.slice(0, eq).trim();
    const v = item.slice(eq + 1).trim();
    const value = v === '' ? Number.NaN : Number(v);
    if (!Number.isFinite(value)) {
      ok = false;
      return bad(`第${i + 1}项不是数字 / series item ${i + 1} '${item}': '${v}' is not a number`);
    }
    out.push({ t, value });
  });
  if (out.length === 0 && ok) {
    bad('序列为空 / series has no points');
    return null;
  }
  return ok ? out : null;
}

/** `alarm.acknowledged@PT5M;plan.activated:urban-waterlogging:IV@PT20M` → expected actions; null if any item is malformed. */
export function parseExpected(text: string, bad: (message: string) => void): Record<string, string>[] | null {
  const out: Record<string, string>[] = [];
  let ok = true;
  for (const [i, item] of splitList(text).entries()) {
    const atSign = item.lastIndexOf('@');
    const spec = atSign < 0 ? item : item.slice(0, atSign);
    const within = atSign < 0 ? '' : item.slice(atSign + 1).trim();
    const [action = '', ...args] = spec.split(':').map((s) => s.trim());
    const def = expectedArgs[action];
    if (!def) {
      ok = false;
      bad(`未知的预期动作 / expected item ${i + 1}: unknown action '${action}' (known: ${Object.keys(expectedArgs).join(', ')})`);
      continue;
    }
    const form = `${action}${def.args.map((a) => `:<${a}>`).join('')}@<within>`;
    if (!within || args.length < def.min || args.length > def.args.length || args.some((a) => a === '')) {
      ok = false;
      bad(`预期动作格式错误 / expected item ${i + 1} '${item}': write ${form}, e.g. ${action}${def.args.map((a) => `:${exampleArg[a]}`).join('')}@PT15M`);
      continue;
    }
    const e: Record<string, string> = { action, within };
    def.args.forEach((name, k) => {
      if (args[k] !== undefined) e[name] = args[k]!;
    });
    out.push(e);
  }
  return ok ? out : null;
}
const exampleArg: Record<string, string> = { station: '0061300019', plan: 'urban-waterlogging', level: 'IV', item: 'uw-iv-patrol' };

function readReport(cell: Partial<Record<MselColumn, string>>, bad: (column: string, message: string) => void): Record<string, unknown> | null {
  const keys = ['reportType', 'reportTitle', 'description', 'lon', 'lat', 'address', 'severity', 'department', 'callerName', 'callerPhone'] as const;
  if (!keys.some((k) => cell[k] !== undefined)) return null;
  const r: Record<string, unknown> = {};
  if (cell.reportType !== undefined) r.type = cell.reportType;
  if (cell.reportTitle !== undefined) r.title = cell.reportTitle;
  for (const k of ['description', 'address', 'department', 'callerName', 'callerPhone'] as const) if (cell[k] !== undefined) r[k] = cell[k];
  const num = (k: 'lon' | 'lat' | 'severity'): number | undefined => {
    const v = cell[k];
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) {
      bad(k, `不是数字 / ${k}: '${v}' is not a number`);
      return undefined;
    }
    return n;
  };
  const lon = num('lon');
  const lat = num('lat');
  if (cell.lon === undefined || cell.lat === undefined) bad(cell.lon === undefined ? 'lon' : 'lat', '缺少坐标 / a field report needs both lon and lat (WGS 84 degrees)');
  else if (lon !== undefined && lat !== undefined) r.location = [lon, lat];
  const severity = num('severity');
  if (severity !== undefined) r.severity = severity;
  return r;
}
