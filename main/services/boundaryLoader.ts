import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { geometrySchema } from '../../preload/contract';
import { refreshContentsExtent } from '../store/featureTables';
import { encodeGpkgGeometry, envelopeOf } from '../store/gpkgGeometry';
import type { Store } from '../store/openStore';

export class InputError extends Error {
  readonly code = 'BAD_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

const boundaryFeature = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  properties: z.object({ name: z.string().min(1), adcode: z.string().optional(), name_en: z.string().optional() }).passthrough(),
  geometry: geometrySchema,
});
const boundaryCollection = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()).min(1) });

/**
 * Loads district boundary polygons from a GeoJSON file into the `boundary` layer: all or nothing,
 * in one transaction; a re-load updates by id (adcode or feature id) instead of duplicating.
 */
export function loadBoundaryGeoJson(store: Store, file: string, source: string, demo = false): number {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const fc = boundaryCollection.safeParse(json);
  if (!fc.success) throw new InputError(`${file}: not a GeoJSON FeatureCollection with features`);
  const rows = fc.data.features.map((raw, index) => {
    const f = boundaryFeature.safeParse(raw);
    if (!f.success) {
      const issue = f.error.issues[0]!;
      throw new InputError(`${file}: feature ${index}, field ${issue.path.join('.') || '(feature)'}: ${issue.message}`);
    }
    const g = f.data.geometry;
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') throw new InputError(`${file}: feature ${index}, field geometry.type: expected Polygon or MultiPolygon, got ${g.type}`);
    const multi = g.type === 'Polygon' ? { type: 'MultiPolygon' as const, coordinates: [g.coordinates] } : g;
    let blob: Buffer;
    try {
      if (!envelopeOf(g)) throw new Error('empty geometry');
      blob = encodeGpkgGeometry(multi);
    } catch (err) {
      throw new InputError(`${file}: feature ${index}, field geometry: ${(err as Error).message}`);
    }
    const p = f.data.properties;
    return { blob, name: p.name, nameEn: p.name_en ?? null, adcode: p.adcode ?? null, externalId: String(p.adcode ?? f.data.id ?? `${p.name}`) };
  });
  // Update-or-insert by id as two statements: an UPSERT would override the R-tree triggers' conflict clause.
  const find = store.db.prepare(`SELECT fid FROM boundary WHERE external_id = ?`);
  const update = store.db.prepare(
    `UPDATE boundary SET geom = @blob, name = @name, name_en = @nameEn, adcode = @adcode, source = @source, demo = @demo WHERE fid = @fid`,
  );
  const insert = store.db.prepare(
    `INSERT INTO boundary (geom, name, name_en, adcode, source, demo, external_id) VALUES (@blob, @name, @nameEn, @adcode, @source, @demo, @externalId)`,
  );
  store.db.transaction(() => {
    for (const r of rows) {
      const existing = find.get(r.externalId) as { fid: number } | undefined;
      const params = { ...r, source, demo: demo ? 1 : 0 };
      if (existing) update.run({ ...params, fid: existing.fid });
      else insert.run(params);
    }
    refreshContentsExtent(store.db, 'boundary');
    store.db.prepare(`UPDATE cityops_layers SET source = ?, demo = ? WHERE id = 'boundary'`).run(source, demo ? 1 : 0);
  })();
  return rows.length;
}
