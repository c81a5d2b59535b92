import type { PrimitiveCollection, Scene } from 'cesium';
import type { Feature } from '../../preload/contract';
import type { Locale } from '../ui/locale';
import { pointOf } from './geometryParts';
import { markerImage, type MarkerShape } from './markerImage';
import type { MapLayer } from './mapLayer';
import { PointMarkers, type PointMarkerOptions } from './pointMarkers';

export interface MarkerStyle {
  shape: MarkerShape;
  fill: string;
  glyph?: string;
  size?: number;
  label?: string;
  maxDistance?: number;
}

/** A point layer drawn as terrain-clamped markers; the layer supplies only a pure style function. */
export class MarkerLayer implements MapLayer {
  private readonly markers: PointMarkers;
  private features: Feature[] = [];

  constructor(
    collection: PrimitiveCollection,
    scene: Scene,
    private readonly style: (f: Feature, locale: Locale) => MarkerStyle | null,
    private locale: Locale,
    opts: PointMarkerOptions = {},
  ) {
    this.markers = new PointMarkers(collection, scene, opts);
  }

  setData(features: Feature[]): number {
    this.features = features;
    return this.draw();
  }

  private draw(): number {
    const list = [];
    for (const f of this.features) {
      const p = pointOf(f.geometry);
      const s = p && this.style(f, this.locale);
      if (!p || !s) continue;
      list.push({ id: String(f.id), lon: p[0], lat: p[1], image: markerImage(s.shape, s.fill, s.glyph ?? '', s.size ?? 32), label: s.label, maxDistance: s.maxDistance });
    }
    return this.markers.setMarkers(list);
  }

  setLocale(locale: Locale): void {
    this.locale = locale;
    this.draw();
  }

  isReady(): boolean {
    return true;
  }

  flash(featureId: string): void {
    this.markers.flash(featureId);
  }

  destroy(): void {
    this.markers.destroy();
  }
}
