import { MarkerLayer } from '../../map/markerLayer';
import type { LayerModule } from '../../map/mapLayer';
import { facilityStyle } from './facilitiesStyle';

/** Schools, hospitals, shelters, hazardous sites, gas stations (kind 'facilities'). */
export const facilitiesLayer: LayerModule = {
  kind: 'facilities',
  queryLimit: 10_000,
  create: (collection, scene, locale) => new MarkerLayer(collection, scene, facilityStyle, locale, { labelDistance: 5_000 }),
};
