import { MarkerLayer } from '../../map/markerLayer';
import type { LayerModule } from '../../map/mapLayer';
import { floodStationStyle } from './floodStationsStyle';

/** Reservoir, river and rain-gauge stations (kind 'floodStations'). */
export const floodStationsLayer: LayerModule = {
  kind: 'floodStations',
  queryLimit: 10_000,
  create: (collection, scene, locale) => new MarkerLayer(collection, scene, floodStationStyle, locale, { labelDistance: 25_000 }),
};
