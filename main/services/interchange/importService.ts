import type Database from 'better-sqlite3';
import { basename } from 'node:path';
import { detectExternalIdField, detectMapping, guessLayer, normaliseFieldName } from '../../sources/interchange/fieldMapping';
import { bboxOf } from '../../sources/interchange/geometryTools';
import { isTimeSeries, readSource } from '../../sources/interchange/readSource';
import type { ReadOptions, SourceDataset, TimeSeriesDataset } from '../../sources/interchange/sourceDataset';
import { layerSchema, layerSchemas } from '../../store/layerSchemas';
import { applyImport, updateRule, type ApplyHooks, type ImportPlan, type ImportResult } from './applyImport';
import { applyTimeSeries, type TimeSeriesResult } from './applyTimeSeries';

export interface ImportPreview {
  file: string;
  kind: 'features' | 'timeseries';
  format: string;
  layerName: string;
  crs: { code: string; label: string } | null;
  encoding: string | null;
  geometryType: string | null;
  count: number;
  bbox: [number, number, number, number] | null;
  fields: { name: string; type: string }[];
  /** The first rows' attributes, as read (after decoding). */
  rows: Record<string, unknown>[];
  suggested: ImportPlan & { score: number };
  /** Target layers the analyst may choose, with their mappable columns. */
  targets: { id: string; title: { zh: string; en: string }; geometryType: string; columns: { name: string; zh: string; en: string; unit: string | null }[] }[];
  rule: { zh: string; en: string };
  warnings: string[];
}

const nameFields = ['name', '名称', 'mc', '站名', '设施名称', 'title'];

export function suggestPlan(dataset: SourceDataset): ImportPlan & { score: number } {
  const names = dataset.fields.map((f) => f.name);
  const guess = guessLayer(names, dataset.geometryType);
  const schema = layerSchema(guess.layerId);
  const useLayer = schema && guess.score > 0;
  const nameField = names.find((n) => nameFields.includes(normaliseFieldName(n))) ?? null;
  return {
    layerId: useLayer ? guess.layerId : `new:${dataset.layerName || basename(dataset.file)}`,
    mapping: useLayer ? detectMapping(names, schema) : {},
    idField: detectExternalIdField(names),
    nameField,
    score: guess.score,
  };
}

export async function readForImport(file: string, opts: ReadOptions): Promise<SourceDataset | TimeSeriesDataset> {
  return readSource(file, opts);
}

export function previewOf(data: SourceDataset | TimeSeriesDataset): ImportPreview {
  const targets = layerSchemas
    .filter((s) => !s.kind.startsWith('basemap'))
    .map((s) => ({ id: s.id, title: s.title, geometryType: s.geometryType, columns: s.columns.map((c) => ({ name: c.name, zh: c.zh, en: c.en, unit: c.unit ?? null })) }));
  if (isTimeSeries(data)) {
    const streams = new Set(data.rows.map((r) => r.stream));
    return {
      file: data.file,
      kind: 'timeseries',
      format: 'csv',
      layerName: `${streams.size} streams`,
      crs: null,
      encoding: data.encoding,
      geometryType: null,
      count: data.rows.length,
      bbox: null,
      fields: [
        { name: 'stream', type: 'string' },
        { name: 'time', type: 'date' },
        { name: 'value', type: 'number' },
      ],
      rows: data.rows.slice(0, 10).map((r) => ({ stream: r.stream, time: new Date(r.ts).toISOString(), value: r.value })),
      suggested: { layerId: 'observations', mapping: {}, idField: null, nameField: null, score: 1 },
      targets,
      rule: { zh: '按（序列, 时间）去重：重复的观测值被更新，不会重复。', en: 'Deduplicated by (stream, time): a repeated observation is updated, never duplicated.' },
      warnings: data.warnings,
    };
  }
  return {
    file: data.file,
    kind: 'features',
    format: data.format,
    layerName: data.layerName,
    crs: data.crs,
    encoding: data.encoding ?? null,
    geometryType: data.geometryType,
    count: data.features.length,
    bbox: bboxOf(data.features.map((f) => f.geometry)),
    fields: data.fields.map((f) => ({ name: f.name, type: f.type })),
    rows: data.features.slice(0, 10).map((f) => f.properties),
    suggested: suggestPlan(data),
    targets,
    rule: updateRule,
    warnings: data.warnings,
  };
}

export type ImportOutcome = ({ kind: 'features' } & ImportResult) | ({ kind: 'timeseries' } & TimeSeriesResult);

/** Reads and writes in the calling thread (the CLI; tests). The host uses the worker in importJobs.ts. */
export async function importFile(db: Database.Database, file: string, plan: ImportPlan | null, opts: ReadOptions, hooks: ApplyHooks = {}): Promise<ImportOutcome> {
  const data = await readSource(file, opts);
  if (isTimeSeries(data)) return { kind: 'timeseries', ...applyTimeSeries(db, data, hooks) };
  return { kind: 'features', ...applyImport(db, data, plan ?? suggestPlan(data), hooks) };
}
