import type { PrimitiveCollection, Scene } from 'cesium';
import type { Feature, LayerInfo } from '../../preload/contract';
import type { Locale } from '../ui/locale';

/** What a layer draws into the collection LayerHost gives it. */
export interface MapLayer {
  /** Replaces the layer's features (updating primitives in place by id where it can); returns how many it draws. */
  setData(features: Feature[]): number;
  /** True when every primitive of the current data is ready to draw (geometry built on workers). */
  isReady(): boolean;
  setLocale?(locale: Locale): void;
  destroy(): void;
}

/** A map layer's module (renderer/layers/<id>/index.ts exports one). The map knows only this shape. */
export interface LayerModule {
  /** The contract's layer kind this module draws. */
  kind: string;
  /** Upper bound of features to request per query. */
  queryLimit: number;
  create(collection: PrimitiveCollection, scene: Scene, locale: Locale, info: LayerInfo): MapLayer;
}
