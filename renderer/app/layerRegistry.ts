import { boundaryLayer } from '../layers/boundary';
import type { LayerModule } from '../map/mapLayer';

/** Layer kind → module. The composition root: the only place that knows every layer. */
export const layerModules: Record<string, LayerModule> = {
  boundary: boundaryLayer,
};
