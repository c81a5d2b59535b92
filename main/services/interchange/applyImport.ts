import type Database from 'better-sqlite3';
import type { Geometry } from '../../../preload/contract';
import { applyMapping } from '../../sources/interchange/fieldMapping';
import { ImportError } from '../../sources/interchange/importError';
import type { SourceDataset } from '../../sources/interchange/sourceDataset';
import { createFeatureTable } from '../../store/featureTables';
import { layerSchema, type LayerSchema } from '../../store/layerSchemas';
import { LayerWriter, type WriteResult } from '../../store/layerWriter';

export interface ImportPlan {
  /** A CityOps layer id, or 'new:<name>' for a new generic layer. */
  layerId: string;
  /** Target column → source field (null: not mapped). */
  mapping: Record<string, string | null>;
  /** The source field holding a stable id; null: `<file name>#<row>` (re-importing the same file still updates). */
  idField: string | null;
  /** The source field holding the display name, if any. */
  nameField: string | null;
}

export interface ImportResult {
  layerId: string;
  count: number;
  inserted: number;
  updated: number;
  bbox: [number, number, number, number] | null;
  warnings: string[];
}

export const updateRule = {
  zh: '按编号更新：同一编号的要素被更新，不会重复；新编号的要素被新增。',
  en: 'Updates by id: a feature whose id exists is updated, never duplicated; new ids are added.',
};

const genericName = /^new:([\p{L}\p{N}_ -]{1,40})$/u;

/** The layer to import into: an existing CityOps layer, or a new generic one created in this transaction. */
export function resolveTargetLayer(db: Database.Database, plan: ImportPlan, dataset: SourceDataset): LayerSchema {
  const known = layerSchema(plan.layerId);
  if (known) return known;
  const existing = db.prepare(`SELECT l.id, l.title_zh, l.title_en, g.geometry_type_name AS gt FROM cityops_layers l JOIN gpkg_geometry_columns g ON g.table_name = l.id WHERE l.id = ? AND l.kind = 'generic'`).get(plan.layerId) as
    | { id: string; title_zh: string; title_en: string; gt: string }
    | undefined;
  if (existing) return { id: existing.id, kind: 'generic', geometryType: existing.gt as LayerSchema['geometryType'], title: { zh: existing.title_zh, en: existing.title_en }, description: '', columns: [], sortOrder: 90 };
  const m = genericName.exec(plan.layerId);
  if (!m) throw new ImportError({ file: dataset.file }, `unknown layer '${plan.layerId}' (choose a CityOps layer or new:<name>)`);
  const title = m[1]!.trim();
  let base = `imp_${title.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '')}`.slice(0, 50);
  if (base === 'imp_' || base === 'imp') base = 'imp_layer';
  let id = base;
  for (let i = 2; db.prepare('SELECT 1 FROM gpkg_contents WHERE table_name = ?').get(id); i++) id = `${base}_${i}`;
  const geometryType = genericGeometryType(dataset.geometryType);
  createFeatureTable(db, {
    table: id,
    geometryType,
    columns: ['external_id TEXT NOT NULL UNIQUE', 'name TEXT', 'demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1))', 'props TEXT'],
    description: `导入 Imported: ${title}`,
  });
  db.prepare(`INSERT INTO cityops_layers (id, title_zh, title_en, kind, source, demo, sort_order) VALUES (?, ?, ?, 'generic', '', 0, 90)`).run(id, title, title);
  return { id, kind: 'generic', geometryType, title: { zh: title, en: title }, description: '', columns: [], sortOrder: 90 };
}

function genericGeometryType(t: string | null): LayerSchema['geometryType'] {
  switch (t) {
    case 'Point':
    case 'MultiPoint':
      return t === 'Point' ? 'POINT' : 'MULTIPOINT';
    case 'LineString':
    case 'MultiLineString':
      return 'MULTILINESTRING';
    case 'Polygon':
    case 'MultiPolygon':
      return 'MULTIPOLYGON';
    default:
      return 'GEOMETRY';
  }
}

/** Fits a geometry to the layer's geometry type (Polygon → MultiPolygon, single-part Multi → single) or says why not. */
export function fitGeometry(g: Geometry | null, target: LayerSchema['geometryType']): Geometry | null | string {
  if (!g || target === 'GEOMETRY') return g;
  const single = target.replace(/^MULTI/, '');
  const type = g.type.toUpperCase();
  if (type === target) return g;
  if (target.startsWith('MULTI') && type === single && g.type !== 'GeometryCollection') {
    return { type: g.type === 'Point' ? 'MultiPoint' : g.type === 'LineString' ? 'MultiLineString' : 'MultiPolygon', coordinates: [g.coordinates] } as Geometry;
  }
  if (!target.startsWith('MULTI') && type === `MULTI${target}` && g.type !== 'GeometryCollection' && Array.isArray(g.coordinates) && g.coordinates.length === 1) {
    return { type: g.type.replace('Multi', '') as 'Point', coordinates: g.coordinates[0] } as Geometry;
  }
  return `a ${g.type} cannot go into a ${target} layer`;
}

export interface ApplyHooks {
  onProgress?(done: number, total: number): void;
  isCancelled?(): boolean;
}

export class ImportCancelled extends Error {
  readonly code = 'CANCELLED';
  constructor() {
    super('import cancelled: nothing was changed');
  }
}

/**
 * Writes a read dataset into the store: ONE transaction, all or nothing. Every bad row stops the import
 * with the file, row and field named; a cancel rolls everything back.
 */
export function applyImport(db: Database.Database, dataset: SourceDataset, plan: ImportPlan, hooks: ApplyHooks = {}): ImportResult {
  const fileName = dataset.file.split(/[\\/]/).pop() ?? dataset.file;
  const total = dataset.features.length;
  return db.transaction(() => {
    const schema = resolveTargetLayer(db, plan, dataset);
    const writer = new LayerWriter(db, schema);
    const result: WriteResult = { inserted: 0, updated: 0 };
    const seenIds = new Set<string>();
    let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
    dataset.features.forEach((f, i) => {
      if (i % 500 === 0) {
        if (hooks.isCancelled?.()) throw new ImportCancelled();
        hooks.onProgress?.(i, total);
      }
      const where = { file: dataset.file, feature: f.index };
      const geometry = fitGeometry(f.geometry, schema.geometryType);
      if (typeof geometry === 'string') throw new ImportError({ ...where, field: 'geometry' }, geometry);
      const mapped = applyMapping(f.properties, plan.mapping, schema);
      if (mapped.errors.length) throw new ImportError({ ...where, field: mapped.errors[0]!.field }, mapped.errors[0]!.message);
      const mappedId = mapped.columns.external_id;
      const rawId = plan.idField ? f.properties[plan.idField] : mappedId !== undefined && mappedId !== null ? mappedId : f.id;
      const externalId = rawId === undefined || rawId === null || rawId === '' ? `${fileName}#${f.index}` : String(rawId);
      if (seenIds.has(externalId)) throw new ImportError({ ...where, field: plan.idField ?? 'id' }, `duplicate id '${externalId}' in the file`);
      seenIds.add(externalId);
      const name = plan.nameField ? f.properties[plan.nameField] : (mapped.columns.name ?? null);
      const columns: Record<string, string | number | null> = {};
      for (const c of schema.columns) if (c.name in mapped.columns) columns[c.name] = mapped.columns[c.name] as string | number | null;
      writer.write({ external_id: externalId, name: name === null || name === undefined ? null : String(name), geometry, columns, props: mapped.rest, demo: false }, result);
      if (geometry) {
        const visit = (c: unknown): void => {
          if (Array.isArray(c) && typeof c[0] === 'number') {
            const [x, y] = c as number[];
            if (x! < w) w = x!;
            if (x! > e) e = x!;
            if (y! < s) s = y!;
            if (y! > n) n = y!;
          } else if (Array.isArray(c)) c.forEach(visit);
        };
        if (geometry.type === 'GeometryCollection') geometry.geometries.forEach((g) => visit(g.coordinates));
        else visit(geometry.coordinates);
      }
    });
    if (hooks.isCancelled?.()) throw new ImportCancelled();
    writer.finish(`import: ${fileName}`, false);
    hooks.onProgress?.(total, total);
    return { layerId: schema.id, count: total, inserted: result.inserted, updated: result.updated, bbox: w === Infinity ? null : ([w, s, e, n] as [number, number, number, number]), warnings: dataset.warnings };
  })();
}
