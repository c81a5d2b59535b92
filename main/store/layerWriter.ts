import type Database from 'better-sqlite3';
import type { Geometry } from '../../preload/contract';
import { refreshContentsExtent } from './featureTables';
import { encodeGpkgGeometry } from './gpkgGeometry';
import type { LayerSchema } from './layerSchemas';

export interface LayerFeatureInput {
  external_id: string;
  name: string | null;
  geometry: Geometry | null;
  /** Values of the layer's typed columns (unknown keys are refused). */
  columns: Record<string, string | number | null>;
  props?: Record<string, unknown>;
  demo: boolean;
}

export interface WriteResult {
  inserted: number;
  updated: number;
}

/**
 * Writes features into a layer table by external id: an existing id is updated, a new one inserted.
 * The caller owns the transaction (so an import is all or nothing); statements are prepared once.
 */
export class LayerWriter {
  private readonly find: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly update: Database.Statement;
  private readonly columnNames: string[];

  constructor(
    private readonly db: Database.Database,
    private readonly schema: LayerSchema,
  ) {
    this.columnNames = schema.columns.map((c) => c.name);
    const t = schema.id;
    const all = ['geom', 'name', ...this.columnNames, 'demo', 'props'];
    this.find = db.prepare(`SELECT fid FROM "${t}" WHERE external_id = ?`);
    this.insert = db.prepare(`INSERT INTO "${t}" (external_id, ${all.map((c) => `"${c}"`).join(', ')}) VALUES (?, ${all.map(() => '?').join(', ')})`);
    this.update = db.prepare(`UPDATE "${t}" SET ${all.map((c) => `"${c}" = ?`).join(', ')} WHERE fid = ?`);
  }

  write(f: LayerFeatureInput, result: WriteResult): void {
    for (const key of Object.keys(f.columns)) {
      if (!this.columnNames.includes(key)) throw new Error(`layer ${this.schema.id} has no column '${key}'`);
    }
    const values = [
      f.geometry ? encodeGpkgGeometry(f.geometry) : null,
      f.name,
      ...this.columnNames.map((c) => f.columns[c] ?? null),
      f.demo ? 1 : 0,
      f.props && Object.keys(f.props).length ? JSON.stringify(f.props) : null,
    ];
    const existing = this.find.get(f.external_id) as { fid: number } | undefined;
    if (existing) {
      this.update.run(...values, existing.fid);
      result.updated++;
    } else {
      this.insert.run(f.external_id, ...values);
      result.inserted++;
    }
  }

  /** Recomputes the layer's extent and records where its data came from. */
  finish(source: string, demo: boolean): void {
    refreshContentsExtent(this.db, this.schema.id);
    this.db.prepare(`UPDATE cityops_layers SET source = ?, demo = ? WHERE id = ?`).run(source, demo ? 1 : 0, this.schema.id);
  }
}
