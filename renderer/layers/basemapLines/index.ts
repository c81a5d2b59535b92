import type { LayerModule } from '../../map/mapLayer';
import { BasemapLinesRenderer } from './basemapLinesRenderer';

/** Base-map lines (kind 'basemapLines'): rivers and roads from the district pack. */
export const basemapLinesLayer: LayerModule = {
  kind: 'basemapLines',
  queryLimit: 50_000,
  create: (collection, scene, _locale, info) => new BasemapLinesRenderer(collection, scene, info),
};
