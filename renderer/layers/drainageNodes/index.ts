import { MarkerLayer } from '../../map/markerLayer';
import type { LayerModule } from '../../map/mapLayer';
import { drainageNodeStyle } from './drainageNodesStyle';

/** Manholes, outfalls, pump stations and the plant (kind 'drainageNodes'). */
export const drainageNodesLayer: LayerModule = {
  kind: 'drainageNodes',
  queryLimit: 50_000,
  create: (collection, scene, locale) => new MarkerLayer(collection, scene, drainageNodeStyle, locale, { labelDistance: 8_000 }),
};
