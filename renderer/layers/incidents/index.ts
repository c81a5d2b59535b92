import type { LayerModule } from '../../map/mapLayer';
import { IncidentsRenderer } from './incidentsRenderer';

/** Incident markers by state (kind 'incidents'); data comes from the incidents tool through setLive. */
export const incidentsLayer: LayerModule = {
  kind: 'incidents',
  queryLimit: 5_000,
  create: (collection, scene, locale) => new IncidentsRenderer(collection, scene, locale),
};
