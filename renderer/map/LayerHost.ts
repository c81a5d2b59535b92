import { PrimitiveCollection, type Scene } from 'cesium';
import type { Feature, LayerInfo } from '../../preload/contract';
import type { Locale } from '../ui/locale';
import type { LayerModule, MapLayer } from './mapLayer';

interface Entry {
  collection: PrimitiveCollection;
  layer: MapLayer;
  drawn: number;
  reported: boolean;
}

/**
 * Owns one PrimitiveCollection per layer (visibility = show) and tells when a layer's primitives are
 * really drawable. Holds Cesium objects so React does not have to.
 */
export class LayerHost {
  private readonly entries = new Map<string, Entry>();
  private readonly removePostRender: () => void;

  constructor(
    private readonly scene: Scene,
    private locale: Locale,
    private readonly onReady: (layerId: string, drawn: number) => void,
  ) {
    this.removePostRender = scene.postRender.addEventListener(() => this.poll());
  }

  has(layerId: string): boolean {
    return this.entries.has(layerId);
  }

  add(info: LayerInfo, module: LayerModule): void {
    const layerId = info.id;
    if (this.entries.has(layerId)) return;
    const collection = new PrimitiveCollection({ destroyPrimitives: true });
    this.scene.primitives.add(collection);
    const layer = module.create(collection, this.scene, this.locale, info);
    this.entries.set(layerId, { collection, layer, drawn: 0, reported: true });
  }

  setData(layerId: string, features: Feature[]): void {
    const e = this.entries.get(layerId);
    if (!e) return;
    e.drawn = e.layer.setData(features);
    e.reported = false;
    this.scene.requestRender();
  }

  setVisible(layerId: string, visible: boolean): void {
    const e = this.entries.get(layerId);
    if (!e) return;
    e.collection.show = visible;
    this.scene.requestRender();
  }

  setLive(layerId: string, data: unknown): void {
    const e = this.entries.get(layerId);
    if (!e?.layer.setLive) return;
    e.layer.setLive(data);
    this.scene.requestRender();
  }

  flash(layerId: string, featureId: string): void {
    this.entries.get(layerId)?.layer.flash?.(featureId);
    this.scene.requestRender();
  }

  /**
   * Which layer and feature a scene.pick() result belongs to: billboards, labels and primitives sit in the layer's
   * PrimitiveCollection (directly or through their collection).
   */
  resolvePick(picked: unknown): { layerId: string; featureId: string } | null {
    if (!picked || typeof picked !== 'object') return null;
    const p = picked as { id?: unknown; primitive?: unknown; collection?: unknown };
    for (const [layerId, e] of this.entries) {
      if (!e.collection.show) continue;
      const owner = [p.collection, p.primitive].some((x) => x !== undefined && e.collection.contains(x as never));
      if (!owner) continue;
      const featureId = e.layer.featureIdOf ? e.layer.featureIdOf(p) : p.id !== undefined && p.id !== null ? String(p.id) : null;
      return featureId === null ? null : { layerId, featureId };
    }
    return null;
  }

  setLocale(locale: Locale): void {
    this.locale = locale;
    for (const e of this.entries.values()) e.layer.setLocale?.(locale);
    this.scene.requestRender();
  }

  private poll(): void {
    let pending = false;
    for (const [id, e] of this.entries) {
      if (e.reported) continue;
      if (e.layer.isReady()) {
        e.reported = true;
        this.onReady(id, e.drawn);
      } else pending = true;
    }
    // Keep frames coming while worker-built geometry is still on its way (requestRenderMode is on).
    if (pending) this.scene.requestRender();
  }

  destroy(): void {
    this.removePostRender();
    for (const e of this.entries.values()) {
      e.layer.destroy();
      if (!this.scene.isDestroyed()) this.scene.primitives.remove(e.collection);
    }
    this.entries.clear();
  }
}
