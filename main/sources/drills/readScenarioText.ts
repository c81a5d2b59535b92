import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { ScenarioError, ScenarioFormat } from '../../../preload/contract/drillScenario';
import { readScenarioCsv } from './readScenarioCsv';

/** A path inside a scenario: ['injects', 3, 'series', 2, 'value']. */
export type ScenarioPath = readonly (string | number)[];

/** Where a path of the scenario sits in its file: the 1-based line (YAML/JSON) or row (CSV), and the CSV column. */
export interface ScenarioLocation {
  line?: number;
  column?: string;
}

export interface ScenarioText {
  /** The parsed file as plain data (not yet checked against the schema); null when nothing could be read. */
  raw: unknown | null;
  /** What could not be read (syntax errors; for a CSV MSEL also cells that are not numbers, unknown columns…). */
  errors: ScenarioError[];
  /** Finds a path of `raw` in the file (for the line of a schema or store error); undefined when unknown. */
  locate?: (path: ScenarioPath) => ScenarioLocation | undefined;
}

/** injects[3].series[2].value */
export function formatScenarioPath(path: ScenarioPath): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

const BOM = /^\uFEFF/;
const inFile = (fileName?: string) => (fileName ? ` in ${fileName}` : '');

/**
 * Reads a scenario file's text (演练脚本) as YAML, JSON or a CSV MSEL into plain data, with syntax errors by line
 * (YAML, JSON) or row and column (CSV). The text is already decoded; a leading UTF-8 BOM is ignored.
 * Shape and meaning are checked afterwards (services/drills/loadScenario).
 */
export function readScenarioText(text: string, format: ScenarioFormat, fileName?: string): ScenarioText {
  const body = text.replace(BOM, '');
  if (body.trim() === '') return { raw: null, errors: [{ injectId: null, field: '(file)', message: `文件为空 / the scenario file is empty${inFile(fileName)}` }] };
  if (format === 'csv') return readScenarioCsv(body, fileName);
  if (format === 'json') return readJson(body, fileName);
  return readYaml(body, fileName);
}

/** Keys whose values are codes: a plain YAML scalar such as 0061200001 or 001 keeps its digits instead of becoming a number. */
const CODE_KEYS = new Set(['id', 'station', 'camera', 'after', 'item', 'plan', 'from', 'to', 'callerPhone']);

function readYaml(text: string, fileName?: string): ScenarioText {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.some((e) => e.code === 'MULTIPLE_DOCS')) {
    return { raw: null, errors: [{ injectId: null, field: '(file)', message: `YAML 含多个文档 / the YAML file holds more than one document${inFile(fileName)}; a scenario is one document` }] };
  }
  if (doc.errors.length > 0) {
    return {
      raw: null,
      errors: doc.errors.map((e) => {
        const line = e.linePos?.[0]?.line;
        const first = e.message.split('\n')[0] ?? e.message;
        return { injectId: null, field: line ? `line ${line}` : '(file)', message: `YAML 语法错误 / YAML syntax error${inFile(fileName)}${line ? ` at line ${line}` : ''}: ${first}`, ...(line ? { line } : {}) };
      }),
    };
  }
  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? pair.key.value : null;
      if (typeof key === 'string' && CODE_KEYS.has(key)) keepDigits(pair.value);
      if (key === 'objectives' && isSeq(pair.value)) for (const item of pair.value.items) keepDigits(item);
    },
  });
  return { raw: doc.toJS({ maxAliasCount: 100 }) as unknown, errors: [], locate: locator(doc, lineCounter) };
}

function keepDigits(node: unknown): void {
  if (isScalar(node) && typeof node.value === 'number' && node.type === 'PLAIN' && typeof node.source === 'string') node.value = node.source;
}

/** Line of the node at `path`; for a path below a scalar or a missing key, the line of the nearest node above it. */
function locator(doc: Document.Parsed, lineCounter: LineCounter): (path: ScenarioPath) => ScenarioLocation | undefined {
  return (path) => {
    let node: unknown = doc.contents;
    let found: unknown = node;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
        if (!pair) break;
        // The key's line: the value of a nested map or list starts on the next line.
        found = isScalar(pair.value) ? pair.value : pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
        if (!node) break;
        found = node;
      } else break;
    }
    const range = (found as { range?: [number, number, number] } | null)?.range;
    if (!range) return undefined;
    return { line: lineCounter.linePos(range[0]).line };
  };
}

function readJson(text: string, fileName?: string): ScenarioText {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const line = jsonErrorLine(text, message);
    return {
      raw: null,
      errors: [{ injectId: null, field: line ? `line ${line}` : '(file)', message: `JSON 语法错误 / JSON syntax error${inFile(fileName)}${line ? ` at line ${line}` : ''}: ${message}`, ...(line ? { line } : {}) }],
    };
  }
  // JSON is YAML 1.2: the YAML parser gives the source ranges for line numbers of later errors.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  return { raw, errors: [], locate: doc.errors.length === 0 ? locator(doc, lineCounter) : undefined };
}

/**
 * The 1-based line of a JSON.parse error: where a strict scan of the text first fails (V8's messages carry a position
 * only sometimes), else from the message's "(line L column C)" or "position N"; the last line at an unexpected end.
 */
export function jsonErrorLine(text: string, message: string): number | undefined {
  const at = jsonErrorOffset(text);
  if (at !== null) return lineOfOffset(text, at);
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return Number(lc[1]);
  const pos = /position (\d+)/.exec(message);
  if (pos) return lineOfOffset(text, Number(pos[1]));
  if (/end of JSON input/i.test(message)) return lineOfOffset(text, text.length);
  return undefined;
}

/** Offset of the first character that makes `text` invalid JSON (text.length for an unexpected end); null if valid. */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const fail = (at: number): never => {
    throw new JsonScanError(at);
  };
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const literal = (word: string) => {
    for (let k = 0; k < word.length; k++) if (text[i + k] !== word[k]) fail(i + k);
    i += word.length;
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= text.length) fail(i);
      const c = text.charCodeAt(i);
      if (c === 34) return void i++;
      if (c < 32) fail(i);
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail(i);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail(i);
      } else i++;
    }
  };
  const number = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail(i);
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail(i);
        string();
        ws();
        if (text[i] !== ':') fail(i);
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail(i);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail(i);
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail(i);
  };
  try {
    value();
    ws();
    return i < text.length ? i : null;
  } catch (err) {
    if (err instanceof JsonScanError) return Math.min(err.at, text.length);
    throw err;
  }
}

class JsonScanError extends Error {
  constructor(readonly at: number) {
    super(`invalid JSON at ${at}`);
  }
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < Math.min(offset, text.length); i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
