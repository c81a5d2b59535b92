import type { LayerModule } from '../../map/mapLayer';
import { DrainageNodesRenderer } from './drainageNodesRenderer';

/** Manholes, outfalls, pump stations and the plant (kind 'drainageNodes'); shafts close up in underground mode. */
export const drainageNodesLayer: LayerModule = {
  kind: 'drainageNodes',
  queryLimit: 50_000,
  create: (collection, scene, locale) => new DrainageNodesRenderer(collection, scene, locale),
};
