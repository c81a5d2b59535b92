import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Reprojector, crsFromCode, knownEpsg, type CrsDefinition } from './crs';
import { inferFields } from './fieldTypes';
import { summariseGeometryType } from './geometryTools';
import { ImportError } from './importError';
import type { Geometry, ReadOptions, SourceDataset, SourceFeature, TimeSeriesDataset, TimeSeriesRow } from './sourceDataset';
import { decodeText, detectEncoding, normaliseEncoding } from './textEncoding';

const lonNames = ['lon', 'lng', 'long', 'longitude', '经度', 'jd'];
const latNames = ['lat', 'latitude', '纬度', 'wd'];
const xNames = ['x', 'x坐标', 'xzb', 'easting', 'east', '东坐标'];
const yNames = ['y', 'y坐标', 'yzb', 'northing', 'north', '北坐标'];
const key = (s: string) => s.trim().toLowerCase().replace(/[\s_()（）]/g, '');

function decodeCsv(bytes: Uint8Array, file: string, encodingOption?: string): { text: string; encoding: string; warnings: string[] } {
  const warnings: string[] = [];
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeText(bytes.subarray(3), 'utf-8'), encoding: 'utf-8', warnings };
  }
  if (encodingOption) {
    const enc = normaliseEncoding(encodingOption);
    if (!enc) throw new ImportError({ file }, `unknown text encoding '${encodingOption}'`);
    return { text: decodeText(bytes, enc), encoding: enc, warnings };
  }
  const d = detectEncoding(bytes);
  if (!d.ascii) warnings.push(`text detected as ${d.encoding === 'utf-8' ? 'UTF-8' : 'GBK'}`);
  return { text: decodeText(bytes, d.encoding), encoding: d.encoding, warnings };
}

/** Unquoted CSV in one pass: lines (CRLF or LF), empty lines skipped, fields split on the delimiter. */
function splitPlain(text: string, delimiter: string): string[][] {
  const out: string[][] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (stop > start) {
      const line = text.slice(start, stop);
      if (line.trim() !== '') out.push(line.split(delimiter));
    }
    start = end + 1;
  }
  return out;
}

function delimiterOf(text: string): string {
  const nl = text.indexOf('\n');
  const first = (nl < 0 ? text : text.slice(0, nl)).replace(/\r$/, '');
  const counts = [',', '\t', ';', '|'].map((d) => [d, first.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

const timePattern = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const digit = (s: string, i: number) => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};
const num = (s: string, i: number, n: number) => {
  let v = 0;
  for (let k = 0; k < n; k++) v = v * 10 + digit(s, i + k);
  return v;
};

/** The exact 'YYYY-MM-DDTHH:MM:SS[.sss](Z|±HH:MM)' shape of machine exports, parsed by character; else null. */
function fastIsoMs(s: string): number | null {
  if (s.length < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return null;
  const y = num(s, 0, 4), mo = num(s, 5, 2), d = num(s, 8, 2), h = num(s, 11, 2), mi = num(s, 14, 2), sec = num(s, 17, 2);
  let i = 19, msPart = 0;
  if (s.charCodeAt(i) === 46) {
    if (s.length < 24) return null;
    msPart = num(s, 20, 3);
    i = 23;
  }
  let offsetMin: number;
  if (i === s.length - 1 && s.charCodeAt(i) === 90) offsetMin = 0;
  else if (i === s.length - 6 && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45) && s.charCodeAt(i + 3) === 58) {
    offsetMin = (s.charCodeAt(i) === 45 ? -1 : 1) * (num(s, i + 1, 2) * 60 + num(s, i + 4, 2));
  } else return null;
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) && h <= 23 && mi <= 59 && sec <= 60 && msPart >= 0)) return null;
  return Date.UTC(y, mo - 1, d, h, mi, sec, msPart) - offsetMin * 60_000;
}

const daysIn = (y: number, m: number) => (m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

/**
 * ISO 8601, or 'YYYY-MM-DD HH:mm[:ss]' / 'YYYY/MM/DD …' taken as China Standard Time (UTC+8), as epoch
 * milliseconds (computed from the parts: no string round trip, it runs per row of million-row files).
 */
export function parseTime(s: string): { ms: number; assumedCst: boolean } | null {
  const fast = fastIsoMs(s);
  if (fast !== null) return { ms: fast, assumedCst: false };
  const m = timePattern.exec(s.trim());
  if (!m) return null;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  const h = Number(m[4] ?? 0), mi = Number(m[5] ?? 0), sec = Number(m[6] ?? 0);
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || sec > 60) return null;
  const zone = m[8];
  let offsetMin = 480;
  if (zone === 'Z') offsetMin = 0;
  else if (zone) offsetMin = (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  const ms = Date.UTC(y, mo - 1, d, h, mi, sec, m[7] ? Math.round(Number(m[7]) * 1000) : 0) - offsetMin * 60_000;
  return { ms, assumedCst: !zone };
}

function numberOf(raw: string): number | null {
  const s = raw.trim();
  if (s === '') return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : NaN;
}

function readTimeSeries(records: string[][], header: string[], file: string, encoding: string, warnings: string[]): TimeSeriesDataset {
  const idx = (n: string) => header.findIndex((h) => key(h) === n);
  const [si, ti, vi] = [idx('stream'), idx('time'), idx('value')];
  let assumed = false;
  const rows: TimeSeriesRow[] = records.map((rec, row) => {
    const line = row + 2;
    const stream = (rec[si] ?? '').trim();
    if (!stream) throw new ImportError({ file, row, line, field: header[si]! }, 'stream is empty');
    const rawTime = rec[ti] ?? '';
    const time = parseTime(rawTime);
    if (!time) throw new ImportError({ file, row, line, field: header[ti]! }, `'${rawTime}' is not a date-time (ISO 8601 or YYYY-MM-DD HH:mm:ss)`);
    assumed ||= time.assumedCst;
    const rawValue = rec[vi] ?? '';
    const value = numberOf(rawValue);
    if (value === null || Number.isNaN(value)) throw new ImportError({ file, row, line, field: header[vi]! }, `'${rawValue}' is not a number`);
    return { stream, ts: time.ms, value };
  });
  if (assumed) warnings.push('times without a UTC offset were taken as China Standard Time (UTC+8)');
  return { kind: 'timeseries', file, format: 'csv', encoding, rows, warnings };
}

/**
 * A CSV of points (lon/lat columns, or x/y with a CRS) or a time series (`stream,time,value`). UTF-8 with or
 * without BOM and GBK (detected, or `opts.encoding`).
 */
export function readCsv(file: string, opts: ReadOptions = {}): SourceDataset | TimeSeriesDataset {
  const bytes = readFileSync(file);
  const { text, encoding, warnings } = decodeCsv(bytes, file, opts.encoding);
  let all: string[][];
  try {
    const delimiter = delimiterOf(text);
    // Unquoted CSV (the usual telemetry export) splits exactly; anything with quotes goes through csv-parse.
    all = text.includes('"')
      ? (parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: false }) as string[][])
      : splitPlain(text, delimiter);
  } catch (e) {
    const m = /line (\d+)/i.exec((e as Error).message);
    throw new ImportError({ file, ...(m ? { line: Number(m[1]) } : {}) }, `CSV syntax error: ${(e as Error).message}`);
  }
  const header = all[0];
  if (!header || header.length === 0) throw new ImportError({ file, line: 1 }, 'the CSV has no header row');
  const records = all.slice(1);
  const keys = header.map(key);
  if (['stream', 'time', 'value'].every((k) => keys.includes(k))) return readTimeSeries(records, header, file, encoding, warnings);

  const find = (names: string[]) => keys.findIndex((k) => names.includes(k));
  let xi = find(lonNames), yi = find(latNames);
  const geographicColumns = xi >= 0 && yi >= 0;
  if (!geographicColumns) {
    xi = find(xNames);
    yi = find(yNames);
  }
  if (xi < 0 || yi < 0) {
    throw new ImportError({ file, line: 1 }, `no coordinate columns: expected lon/lat (经度/纬度) or x/y, or stream,time,value; header is ${header.join(', ')}`);
  }
  const coords = records.map((rec, row) => {
    const out: number[] = [];
    for (const i of [xi, yi]) {
      const v = numberOf(rec[i] ?? '');
      if (Number.isNaN(v)) throw new ImportError({ file, row, line: row + 2, field: header[i]! }, `'${rec[i]}' is not a number`);
      if (v !== null) out.push(v);
    }
    return out.length === 2 ? (out as [number, number]) : null;
  });
  let crs: CrsDefinition;
  if (opts.crs) crs = crsFromCode(opts.crs, file);
  else {
    const geographic = coords.every((c) => !c || (Math.abs(c[0]) <= 180 && Math.abs(c[1]) <= 90));
    if (!geographic) throw new ImportError({ file, field: header[xi]! }, 'the coordinates are projected; give the CRS, e.g. --crs EPSG:4546');
    if (!geographicColumns) warnings.push(`x/y columns are within longitude/latitude ranges and were taken as EPSG:4326`);
    crs = knownEpsg(4326)!;
  }
  const reprojector = new Reprojector(crs, file);
  // Chinese survey tables put northing in X and easting in Y: try that order when the given one fails.
  let swap = false;
  const firstIndex = coords.findIndex((c) => c !== null);
  if (!crs.geographic && firstIndex >= 0) {
    const [a, b] = coords[firstIndex]!;
    try {
      reprojector.position([a, b], firstIndex);
    } catch (e) {
      try {
        new Reprojector(crs, file).position([b, a], firstIndex);
        swap = true;
        warnings.push(`columns ${header[xi]}/${header[yi]} read as northing/easting (Chinese survey convention)`);
      } catch {
        throw e;
      }
    }
  }
  const skip = new Set([xi, yi]);
  let missing = 0;
  const features: SourceFeature[] = records.map((rec, index) => {
    const properties: Record<string, unknown> = {};
    header.forEach((h, i) => {
      if (skip.has(i)) return;
      const raw = rec[i];
      properties[h] = raw === undefined || raw === '' ? null : raw;
    });
    const c = coords[index];
    let geometry: Geometry | null = null;
    if (c) {
      const p = swap ? [c[1], c[0]] : c;
      geometry = { type: 'Point', coordinates: reprojector.position(p, index, header[swap ? yi : xi]) };
    } else missing++;
    return { index, geometry, properties };
  });
  if (missing) warnings.push(`${missing} row(s) without coordinates imported without geometry`);
  warnings.push(...reprojector.warnings);
  // Columns whose every value is numeric become numbers.
  const fields = inferFields(features.map((f) => f.properties));
  for (const f of fields) {
    const numeric = features.every((x) => {
      const v = x.properties[f.name];
      return v === null || (typeof v === 'string' && /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v) && !/^-?0\d/.test(v.trim()));
    });
    if (!numeric || features.every((x) => x.properties[f.name] === null)) continue;
    let integer = true;
    for (const x of features) {
      const v = x.properties[f.name];
      if (typeof v === 'string') {
        x.properties[f.name] = Number(v);
        if (!Number.isInteger(Number(v))) integer = false;
      }
    }
    f.type = integer ? 'integer' : 'number';
  }
  return {
    kind: 'features',
    file,
    format: 'csv',
    layerName: basename(file, extname(file)),
    crs: { code: crs.code, label: crs.label },
    encoding,
    geometryType: summariseGeometryType(features.map((f) => f.geometry)),
    fields,
    features,
    warnings,
  };
}
