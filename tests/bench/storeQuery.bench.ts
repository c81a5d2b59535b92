import { join } from 'node:path';
import { FeaturesRepository } from '../../main/store/featuresRepository';
import { layerSchema } from '../../main/store/layerSchemas';
import { LayerWriter } from '../../main/store/layerWriter';
import { openStore } from '../../main/store/openStore';
import { tempDir } from '../helpers/tempStore';
import { medianMs, type Row } from './benchHarness';

/** features.query through the GeoPackage R-tree vs a full scan of the same table, 100,000 points. */
export function storeQueryBench(): Row[] {
  const t = tempDir('cityops-bench-');
  const store = openStore(join(t.dir, 'bench.gpkg'));
  const schema = layerSchema('cameras')!;
  const writer = new LayerWriter(store.db, schema);
  const result = { inserted: 0, updated: 0 };
  let seed = 1;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  store.db.transaction(() => {
    for (let i = 0; i < 100_000; i++) {
      writer.write({ external_id: `c${i}`, name: `c${i}`, geometry: { type: 'Point', coordinates: [110.59 + rnd() * 0.36, 32.39 + rnd() * 0.3] }, columns: { status: 'online' }, demo: true }, result);
    }
    writer.finish('bench', true);
  })();
  const repo = new FeaturesRepository(store.db);
  const bbox: [number, number, number, number] = [110.78, 32.6, 110.80, 32.62];
  const rtree = medianMs(() => repo.query('cameras', bbox, 5000));
  const scanStmt = store.db.prepare('SELECT * FROM cameras');
  const scan = medianMs(() => {
    const out = [];
    for (const row of scanStmt.iterate() as Iterable<{ geom: Buffer }>) {
      const x = row.geom.readDoubleLE(8), y = row.geom.readDoubleLE(24);
      if (x >= bbox[0] && x <= bbox[2] && y >= bbox[1] && y <= bbox[3]) out.push(row);
    }
    return out;
  }, 5, 1);
  store.close();
  t.cleanup();
  return [{ name: 'features.query bbox, 100k points (R-tree)', value: rtree, baselineName: 'full table scan', baseline: scan, unit: 'ms', goal: 'ratio <= 0.1', pass: rtree / scan <= 0.1 }];
}
