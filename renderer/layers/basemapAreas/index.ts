import type { LayerModule } from '../../map/mapLayer';
import { BasemapAreasRenderer } from './basemapAreasRenderer';

/** Base-map areas (kind 'basemapAreas'): sub-districts, reservoirs and water. */
export const basemapAreasLayer: LayerModule = {
  kind: 'basemapAreas',
  queryLimit: 5_000,
  create: (collection, scene, _locale, info) => new BasemapAreasRenderer(collection, scene, info),
};
