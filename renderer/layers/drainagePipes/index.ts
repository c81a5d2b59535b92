import type { LayerModule } from '../../map/mapLayer';
import { DrainagePipesRenderer } from './drainagePipesRenderer';

/** Drainage pipes (kind 'drainagePipes'). */
export const drainagePipesLayer: LayerModule = {
  kind: 'drainagePipes',
  queryLimit: 50_000,
  create: (collection) => new DrainagePipesRenderer(collection),
};
