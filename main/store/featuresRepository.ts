import type Database from 'better-sqlite3';
import type { BBox, Feature, LayerInfo } from '../../preload/contract';
import { decodeGpkgGeometry } from './gpkgGeometry';

export class NotFoundError extends Error {
  readonly code = 'NOT_FOUND';
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

interface LayerRow {
  id: string;
  title_zh: string;
  title_en: string;
  kind: string;
  source: string;
  demo: number;
  caption_zh: string | null;
  caption_en: string | null;
  geometry_type_name: string;
  min_x: number | null;
  min_y: number | null;
  max_x: number | null;
  max_y: number | null;
  last_change: string;
}

export interface FeaturePage {
  features: Feature[];
  total: number;
}

/** Reads feature layers of the store. Statements are prepared once per layer and reused. */
export class FeaturesRepository {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private stmt(key: string, sql: () => string): Database.Statement {
    let s = this.statements.get(key);
    if (!s) {
      s = this.db.prepare(sql());
      this.statements.set(key, s);
    }
    return s;
  }

  private layerRow(id: string): LayerRow | undefined {
    return this.stmt('layer', () => `${layerSelect} WHERE l.id = ?`).get(id) as LayerRow | undefined;
  }

  listLayers(): LayerInfo[] {
    const rows = this.stmt('layers', () => `${layerSelect} ORDER BY l.sort_order, l.id`).all() as LayerRow[];
    return rows.map((r) => this.toInfo(r));
  }

  private toInfo(r: LayerRow): LayerInfo {
    const count = (this.stmt(`count:${r.id}`, () => `SELECT count(*) AS n FROM "${r.id}"`).get() as { n: number }).n;
    const bbox: LayerInfo['bbox'] =
      r.min_x === null || r.min_y === null || r.max_x === null || r.max_y === null ? null : [r.min_x, r.min_y, r.max_x, r.max_y];
    return {
      id: r.id,
      title: { zh: r.title_zh, en: r.title_en },
      kind: r.kind,
      geometryType: r.geometry_type_name.toUpperCase() as LayerInfo['geometryType'],
      featureCount: count,
      bbox: count > 0 ? bbox : null,
      source: r.source,
      demo: r.demo === 1,
      caption: r.caption_zh !== null && r.caption_en !== null ? { zh: r.caption_zh, en: r.caption_en } : null,
      lastChange: r.last_change,
    };
  }

  /** Features of a layer intersecting bbox (through the GeoPackage R-tree), at most `limit`. */
  query(layerId: string, bbox: BBox | undefined, limit: number): FeaturePage {
    const layer = this.layerRow(layerId);
    if (!layer) throw new NotFoundError(`no layer '${layerId}' in the store`);
    const t = layer.id;
    let rows: Record<string, unknown>[];
    let total: number;
    if (bbox) {
      const [w, s, e, n] = bbox;
      const where = `r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ?`;
      rows = this.stmt(`q:${t}`, () => `SELECT t.* FROM "${t}" t JOIN "rtree_${t}_geom" r ON r.id = t.fid WHERE ${where} ORDER BY t.fid LIMIT ?`).all(w, e, s, n, limit) as Record<string, unknown>[];
      total = (this.stmt(`qc:${t}`, () => `SELECT count(*) AS n FROM "rtree_${t}_geom" r WHERE ${where}`).get(w, e, s, n) as { n: number }).n;
    } else {
      rows = this.stmt(`a:${t}`, () => `SELECT * FROM "${t}" ORDER BY fid LIMIT ?`).all(limit) as Record<string, unknown>[];
      total = (this.stmt(`count:${t}`, () => `SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n;
    }
    return { features: rows.map(rowToFeature), total };
  }
}

const layerSelect = `
SELECT l.id, l.title_zh, l.title_en, l.kind, l.source, l.demo, l.caption_zh, l.caption_en,
       g.geometry_type_name, c.min_x, c.min_y, c.max_x, c.max_y, c.last_change
FROM cityops_layers l
JOIN gpkg_contents c ON c.table_name = l.id AND c.data_type = 'features'
JOIN gpkg_geometry_columns g ON g.table_name = l.id`;

export function rowToFeature(row: Record<string, unknown>): Feature {
  const { fid, geom, external_id, props, ...rest } = row;
  const properties: Record<string, unknown> = {};
  if (typeof props === 'string' && props) Object.assign(properties, JSON.parse(props) as Record<string, unknown>);
  for (const [k, v] of Object.entries(rest)) {
    if (k === 'demo') properties.demo = v === 1;
    else if (v !== null) properties[k] = v;
  }
  return {
    type: 'Feature',
    id: typeof external_id === 'string' && external_id ? external_id : Number(fid),
    geometry: geom instanceof Uint8Array ? decodeGpkgGeometry(geom) : null,
    properties,
  };
}
