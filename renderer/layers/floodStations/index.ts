import type { LayerModule } from '../../map/mapLayer';
import { FloodStationsRenderer } from './floodStationsRenderer';

/** Reservoir, river and rain-gauge stations (kind 'floodStations') with live readings (setLive: stations.live). */
export const floodStationsLayer: LayerModule = {
  kind: 'floodStations',
  queryLimit: 10_000,
  create: (collection, scene, locale) => new FloodStationsRenderer(collection, scene, locale),
};
