import type { LayerModule } from '../../map/mapLayer';
import { DrainageDefectsRenderer } from './drainageDefectsRenderer';

export type { DefectMark, DrainageDefectsLive, PlacedMark } from './drainageDefectsLive';
export { pointAtChainage } from './pointAtChainage';

/** The overlay's kind: the drainage tool feeds it with ctx.setLayerLive(DRAINAGE_DEFECTS_KIND, live). */
export const DRAINAGE_DEFECTS_KIND = 'drainageDefects';

/**
 * CCTV defects of the inspected pipe as marks along it (overlay kind 'drainageDefects', live data only:
 * DrainageDefectsLive from the drainage tool). Picking a mark gives the defect id as the feature id.
 */
export const drainageDefectsLayer: LayerModule = {
  kind: DRAINAGE_DEFECTS_KIND,
  queryLimit: 0,
  create: (collection, scene) => new DrainageDefectsRenderer(collection, scene),
};
