import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { ImportError } from '../../sources/interchange/importError';
import { decodeText, detectEncoding } from '../../sources/interchange/textEncoding';
import { defectCode, defectCodes, defectScore } from './cjj181Scoring';

/** CSV columns (first matching header wins; case and blanks ignored). */
const columns = {
  pipe_id: ['pipe_id', 'pipe', '管段编号', '管段', '管道编号', '管线编号'],
  distance_m: ['distance_m', 'distance', '距离', '缺陷距离', '起点距离'],
  code: ['code', 'defect_code', '缺陷代码', '代码'],
  grade: ['grade', '等级', '缺陷等级'],
  length_m: ['length_m', 'length', '缺陷长度', '长度'],
  media: ['media', 'photo', 'frame', 'video_frame', '照片', '影像', '视频帧'],
  remarks: ['remarks', 'remark', 'note', '备注', '说明'],
  inspected_at: ['inspected_at', 'date', '检测日期', '检测时间'],
} as const;
type Column = keyof typeof columns;
const required: Column[] = ['pipe_id', 'distance_m', 'code', 'grade'];

export interface DefectRecord {
  pipeId: string;
  distanceM: number;
  code: string;
  grade: number;
  lengthM: number | null;
  media: string | null;
  remarks: string | null;
  inspectedAt: string | null;
  /** 0-based data row in the file. */
  row: number;
}

export interface DefectImportResult {
  file: string;
  rows: number;
  pipes: number;
  /** Defects stored before for these pipes and replaced by this inspection. */
  replaced: number;
}

/** Distances up to this much beyond the pipe's length_m are accepted (manhole centre vs pipe end). */
const LENGTH_TOLERANCE_M = 1;

/**
 * Reads a CCTV inspection CSV (UTF-8 or GBK) and checks every row; the first bad value throws an ImportError naming
 * the file, the row (0-based data row, and the line) and the field. Pipe ids must exist in drainage_pipes.
 */
export function readDefectCsv(db: Database.Database, file: string): DefectRecord[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new ImportError({ file }, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const text = decodeText(bytes, detectEncoding(bytes).encoding).replace(/^\uFEFF/, '');
  let table: string[][];
  try {
    table = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (e) {
    throw new ImportError({ file, line: (e as { lines?: number }).lines }, `not a readable CSV (${(e as Error).message})`);
  }
  const header = table[0];
  if (!header) throw new ImportError({ file, line: 1 }, 'the file is empty: expected a header row pipe_id,distance_m,code,grade[,length_m,media,remarks,inspected_at]');
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, '_');
  const at: Partial<Record<Column, number>> = {};
  for (const [col, names] of Object.entries(columns) as [Column, readonly string[]][]) {
    const i = header.findIndex((h) => names.includes(norm(h)));
    if (i >= 0) at[col] = i;
  }
  for (const col of required) {
    if (at[col] === undefined) throw new ImportError({ file, line: 1, field: col }, `the header has no '${col}' column (accepted names: ${columns[col].join(', ')})`);
  }
  const pipeLengths = new Map<string, number | null>();
  for (const r of db.prepare(`SELECT external_id, length_m FROM drainage_pipes`).raw(true).iterate() as IterableIterator<[string, number | null]>) pipeLengths.set(r[0], r[1]);

  const records: DefectRecord[] = [];
  for (let i = 1; i < table.length; i++) {
    const cells = table[i]!;
    const row = i - 1;
    const where = (field: Column) => ({ file, row, line: i + 1, field });
    const cell = (col: Column): string => (at[col] === undefined ? '' : (cells[at[col]!] ?? '').trim());
    const number = (col: Column, value: string): number => {
      const n = Number(value);
      if (value === '' || !Number.isFinite(n)) throw new ImportError(where(col), `'${value}' is not a number`);
      return n;
    };
    const pipeId = cell('pipe_id');
    if (!pipeId) throw new ImportError(where('pipe_id'), 'the pipe id is empty');
    if (!pipeLengths.has(pipeId)) throw new ImportError(where('pipe_id'), `no pipe '${pipeId}' in drainage_pipes`);
    const distanceM = number('distance_m', cell('distance_m'));
    if (distanceM < 0) throw new ImportError(where('distance_m'), `distance ${distanceM} m is negative`);
    const len = pipeLengths.get(pipeId);
    if (typeof len === 'number' && distanceM > len + LENGTH_TOLERANCE_M) {
      throw new ImportError(where('distance_m'), `distance ${distanceM} m is beyond the length of pipe ${pipeId} (${len} m)`);
    }
    const code = cell('code').toUpperCase();
    const def = defectCode(code);
    if (!def) throw new ImportError(where('code'), `unknown CJJ 181 defect code '${cell('code')}' (known: ${defectCodes.map((d) => d.code).join(' ')})`);
    const gradeText = cell('grade');
    const grade = number('grade', gradeText);
    if (!Number.isInteger(grade) || grade < 1 || grade > def.scores.length) {
      throw new ImportError(where('grade'), `grade '${gradeText}' is out of range: ${code} (${def.name.zh}) has grades 1–${def.scores.length}`);
    }
    const lengthText = cell('length_m');
    let lengthM: number | null = null;
    if (lengthText !== '') {
      lengthM = number('length_m', lengthText);
      if (lengthM <= 0) throw new ImportError(where('length_m'), `defect length ${lengthM} m must be positive`);
    }
    const inspected = cell('inspected_at');
    if (inspected && Number.isNaN(Date.parse(inspected))) throw new ImportError(where('inspected_at'), `'${inspected}' is not a date (YYYY-MM-DD)`);
    records.push({ pipeId, distanceM, code, grade, lengthM, media: cell('media') || null, remarks: cell('remarks') || null, inspectedAt: inspected || null, row });
  }
  if (records.length === 0) throw new ImportError({ file, line: 2 }, 'the file has a header but no defect rows');
  return records;
}

/**
 * Imports a CCTV inspection: all rows or none. The file's defects replace the stored defects of every pipe it names
 * (a re-inspection supersedes the previous one; importing the same file twice changes nothing). The file is recorded
 * by its absolute path, against which the rows' relative photo paths are resolved.
 */
export function importDefects(db: Database.Database, file: string, now: () => Date = () => new Date()): DefectImportResult {
  const records = readDefectCsv(db, file);
  const pipes = [...new Set(records.map((r) => r.pipeId))];
  const del = db.prepare(`DELETE FROM drainage_defects WHERE pipe_id = ?`);
  const insert = db.prepare(
    `INSERT INTO drainage_defects (pipe_id, distance_m, code, defect_class, grade, score, length_m, media, remarks, inspected_at, source_file, source_row, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const importedAt = now().toISOString();
  let replaced = 0;
  db.transaction(() => {
    for (const p of pipes) replaced += del.run(p).changes;
    for (const r of records) {
      const def = defectCode(r.code)!;
      insert.run(r.pipeId, r.distanceM, r.code, def.class, r.grade, defectScore(r.code, r.grade), r.lengthM, r.media, r.remarks, r.inspectedAt, resolve(file), r.row, importedAt);
    }
  })();
  return { file, rows: records.length, pipes: pipes.length, replaced };
}
