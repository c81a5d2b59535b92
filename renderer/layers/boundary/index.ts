import type { LayerModule } from '../../map/mapLayer';
import { BoundaryRenderer } from './boundaryRenderer';

/** The district boundary layer (kind 'boundary'). */
export const boundaryLayer: LayerModule = {
  kind: 'boundary',
  queryLimit: 1000,
  create: (collection, _scene, locale, info) => new BoundaryRenderer(collection, locale, info),
};
