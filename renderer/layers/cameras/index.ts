import type { LayerModule } from '../../map/mapLayer';
import { CamerasRenderer } from './camerasRenderer';

/**
 * Video cameras (kind 'cameras'): icons by type and status, screen-space clusters, field-of-view sectors at close
 * range, filters, selection and coverage through setLive (CamerasLive). Picks give the camera's external_id.
 */
export const camerasLayer: LayerModule = {
  kind: 'cameras',
  queryLimit: 50_000,
  create: (collection, scene, locale) => new CamerasRenderer(collection, scene, locale),
};
