import type { LayerModule } from '../../map/mapLayer';
import { DrainagePipesRenderer } from './drainagePipesRenderer';

/**
 * Drainage pipes (kind 'drainagePipes'): lines from afar, tubes at invert depth close up in underground mode.
 * setLive takes DrainagePipesLive (colour-by, CJJ 181 grades, highlight); see pipeHighlight.ts.
 */
export const drainagePipesLayer: LayerModule = {
  kind: 'drainagePipes',
  queryLimit: 50_000,
  create: (collection, scene) => new DrainagePipesRenderer(collection, scene),
};
