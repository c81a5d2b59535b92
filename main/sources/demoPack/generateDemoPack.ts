import { buildCameras } from './camerasDemo';
import { demHeightAt, generateDemoDem } from './demDemo';
import type { DemoDem, DemoFeature, DemoPack } from './demoPackTypes';
import { buildDrainage } from './drainageDemo';
import { buildFacilities } from './facilitiesDemo';
import { buildFloodStations } from './floodStationsDemo';
import { buildPlaces } from './placesDemo';
import { createPrng } from './prng';
import { buildRiverSystem, riverFeatures, waterAreaFeatures } from './riversDemo';
import { buildRoads } from './roadsDemo';
import { subdistrictFeatures } from './subdistrictsDemo';
import { buildUrbanGrid } from './urbanGrid';

export type { DemoDem, DemoFeature, DemoPack };
export { demHeightAt };

export const DEMO_PACK_VERSION = 'maojian-demo-pack/1';
export const DEFAULT_DEMO_SEED = 'maojian-demo-v1';

/**
 * The embedded 茅箭区 demo district pack. Real-but-approximate layers (sub-districts, places, rivers, reservoirs;
 * columns.demo = 0) are hand-placed and seed-independent; everything else (DEM, roads, drainage, cameras,
 * stations, facilities; columns.demo = 1) is synthetic and fully determined by the seed.
 */
export function generateDemoPack(seed: string = DEFAULT_DEMO_SEED): DemoPack {
  const prng = createPrng(seed);
  const rivers = buildRiverSystem();
  const dem = generateDemoDem(seed, rivers);
  const grid = buildUrbanGrid(prng.fork('grid'), rivers);
  const roads = buildRoads(grid, prng.fork('roads'));
  const drainage = buildDrainage({ grid, rivers, dem, prng: prng.fork('drainage') });
  const layers: Record<string, DemoFeature[]> = {
    subdistricts: subdistrictFeatures(),
    places: buildPlaces(rivers),
    rivers: riverFeatures(rivers),
    water_areas: waterAreaFeatures(rivers),
    roads: roads.features,
    drainage_nodes: drainage.nodes,
    drainage_pipes: drainage.pipes,
    cameras: buildCameras(roads.segments, prng.fork('cameras')),
    flood_stations: buildFloodStations(rivers, dem, prng.fork('stations')),
    facilities: buildFacilities(roads.segments, prng.fork('facilities')),
  };
  return { version: `${DEMO_PACK_VERSION}+${seed}`, layers, dem };
}
