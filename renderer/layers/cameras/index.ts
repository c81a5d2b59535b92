import { MarkerLayer } from '../../map/markerLayer';
import type { LayerModule } from '../../map/mapLayer';
import { cameraStyle } from './camerasStyle';

/** Video cameras (kind 'cameras'): status-coloured markers. Cones, clustering and video come with the cameras issue. */
export const camerasLayer: LayerModule = {
  kind: 'cameras',
  queryLimit: 50_000,
  create: (collection, scene, locale) => new MarkerLayer(collection, scene, cameraStyle, locale),
};
