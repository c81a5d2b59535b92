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
  /** Live state for the layer (e.g. station values and alarm levels), pushed by the app; the layer defines its shape. */
  setLive?(data: unknown): void;
  /** Draws attention to one feature for a few seconds (a new alarm). */
  flash?(featureId: string): void;
  /** The feature id of a picked Cesium object that belongs to this layer (default: the object's id as a string). */
  featureIdOf?(picked: { id?: unknown; primitive?: unknown }): string | null;
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
