import type { LayerModule } from '../../map/mapLayer';
import { GenericRenderer } from './genericRenderer';

/** Imported layers that map to no CityOps layer (kind 'generic'). */
export const genericLayer: LayerModule = {
  kind: 'generic',
  queryLimit: 50_000,
  create: (collection, scene, _locale, info) => new GenericRenderer(collection, scene, info),
};
