import type { DemoPack } from '../sources/demoPack/generateDemoPack';
import { saveDem } from '../sources/terrain/demRepository';
import { layerSchema } from '../store/layerSchemas';
import { LayerWriter, type WriteResult } from '../store/layerWriter';
import type { Store } from '../store/openStore';

export const demoSource = 'resources/demo · 演示数据包 (generated, seeded)';

/**
 * Writes the generated district pack into layers that are still empty, and the DEM when the store has none,
 * all in one transaction. Layers that already hold data (imports, earlier seeds) are left alone.
 */
export function seedDemoPack(store: Store, pack: DemoPack): string[] {
  const changed: string[] = [];
  store.db.transaction(() => {
    for (const [layerId, features] of Object.entries(pack.layers)) {
      const schema = layerSchema(layerId);
      if (!schema) throw new Error(`demo pack layer '${layerId}' has no schema`);
      const count = (store.db.prepare(`SELECT count(*) AS n FROM "${schema.id}"`).get() as { n: number }).n;
      if (count > 0 || features.length === 0) continue;
      const writer = new LayerWriter(store.db, schema);
      const result: WriteResult = { inserted: 0, updated: 0 };
      let anyDemo = false;
      for (const f of features) {
        const { demo, ...columns } = f.columns;
        const isDemo = demo === 1;
        anyDemo ||= isDemo;
        writer.write({ external_id: f.external_id, name: f.name, geometry: f.geometry, columns, props: f.props, demo: isDemo }, result);
      }
      writer.finish(anyDemo ? demoSource : 'resources/demo (approximate positions, see SOURCES.md)', anyDemo);
      changed.push(layerId);
    }
    const hasDem = store.db.prepare(`SELECT 1 FROM cityops_dem WHERE id = 'terrain'`).get();
    if (!hasDem) saveDem(store.db, 'terrain', pack.dem, 'synthetic DEM 演示数据 (resources/demo generator)', true);
  })();
  return changed;
}
