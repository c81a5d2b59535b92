import type { LayerModule } from '../../map/mapLayer';
import { BasemapPlacesRenderer } from './basemapPlacesRenderer';

/** Place names (kind 'basemapPlaces'). */
export const basemapPlacesLayer: LayerModule = {
  kind: 'basemapPlaces',
  queryLimit: 5_000,
  create: (collection, scene) => new BasemapPlacesRenderer(collection, scene),
};
