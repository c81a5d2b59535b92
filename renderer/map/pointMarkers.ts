import {
  BillboardCollection,
  Cartesian2,
  Cartesian3,
  Color,
  DistanceDisplayCondition,
  HeightReference,
  HorizontalOrigin,
  LabelCollection,
  LabelStyle,
  VerticalOrigin,
  type Billboard,
  type Label,
  type PrimitiveCollection,
  type Scene,
} from 'cesium';

export interface Marker {
  id: string;
  lon: number;
  lat: number;
  /** A data URL from markerImage (shared, deduplicated by the texture atlas). */
  image: string;
  scale?: number;
  /** Shown under the marker up to labelDistance metres. */
  label?: string;
  /** Hide the marker beyond this camera distance (m). */
  maxDistance?: number;
}

export interface PointMarkerOptions {
  labelDistance?: number;
  labelFont?: string;
}

/**
 * Billboards (and labels) clamped to the terrain, kept in place by id: setMarkers adds new ids, updates
 * changed ones and removes the rest, so a live update never rebuilds the whole collection.
 */
export class PointMarkers {
  private readonly billboards: BillboardCollection;
  private readonly labels: LabelCollection;
  private readonly byId = new Map<string, { b: Billboard; l: Label | null; key: string }>();
  private readonly flashing = new Map<string, number>();

  constructor(collection: PrimitiveCollection, private readonly scene: Scene, private readonly opts: PointMarkerOptions = {}) {
    this.billboards = collection.add(new BillboardCollection({ scene })) as BillboardCollection;
    this.labels = collection.add(new LabelCollection({ scene })) as LabelCollection;
  }

  setMarkers(markers: Marker[]): number {
    const seen = new Set<string>();
    const labelCond = new DistanceDisplayCondition(0, this.opts.labelDistance ?? 6000);
    for (const m of markers) {
      seen.add(m.id);
      const key = `${m.lon},${m.lat},${m.scale ?? 1},${m.label ?? ''},${m.maxDistance ?? ''}`;
      const existing = this.byId.get(m.id);
      if (existing && existing.key === key && existing.b.image === m.image) continue;
      const position = Cartesian3.fromDegrees(m.lon, m.lat);
      const cond = m.maxDistance ? new DistanceDisplayCondition(0, m.maxDistance) : undefined;
      if (existing) {
        existing.b.position = position;
        existing.b.image = m.image;
        existing.b.scale = m.scale ?? 1;
        existing.b.distanceDisplayCondition = cond as DistanceDisplayCondition;
        if (existing.l) {
          existing.l.position = position;
          existing.l.text = m.label ?? '';
        }
        existing.key = key;
        continue;
      }
      const b = this.billboards.add({
        id: m.id,
        position,
        image: m.image,
        scale: m.scale ?? 1,
        heightReference: HeightReference.CLAMP_TO_GROUND,
        verticalOrigin: VerticalOrigin.CENTER,
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
        distanceDisplayCondition: cond,
      });
      const l = m.label
        ? this.labels.add({
            id: m.id,
            position,
            text: m.label,
            font: this.opts.labelFont ?? '600 20px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
            fillColor: Color.fromCssColorString('#e8f4ff'),
            outlineColor: Color.fromCssColorString('#05101c'),
            outlineWidth: 4,
            style: LabelStyle.FILL_AND_OUTLINE,
            heightReference: HeightReference.CLAMP_TO_GROUND,
            horizontalOrigin: HorizontalOrigin.CENTER,
            verticalOrigin: VerticalOrigin.TOP,
            pixelOffset: new Cartesian2(0, 16),
            disableDepthTestDistance: Number.POSITIVE_INFINITY,
            distanceDisplayCondition: labelCond,
          })
        : null;
      this.byId.set(m.id, { b, l, key });
    }
    for (const [id, e] of this.byId) {
      if (seen.has(id)) continue;
      this.stopFlash(id);
      this.billboards.remove(e.b);
      if (e.l) this.labels.remove(e.l);
      this.byId.delete(id);
    }
    return this.byId.size;
  }

  /** Pulses one marker (scale and colour) for `ms`; a second call restarts it. */
  flash(id: string, ms = 8000): void {
    const e = this.byId.get(id);
    if (!e) return;
    this.stopFlash(id);
    const base = e.b.scale;
    const start = performance.now();
    const timer = window.setInterval(() => {
      const t = performance.now() - start;
      const cur = this.byId.get(id);
      if (!cur || t > ms || this.scene.isDestroyed()) {
        this.stopFlash(id);
        return;
      }
      const on = Math.floor(t / 400) % 2 === 0;
      cur.b.scale = on ? base * 1.7 : base;
      cur.b.color = on ? Color.fromCssColorString('#ffffff') : Color.WHITE.withAlpha(0.55);
      this.scene.requestRender();
    }, 200);
    this.flashing.set(id, timer);
    e.b.scale = base;
  }

  private stopFlash(id: string): void {
    const timer = this.flashing.get(id);
    if (timer === undefined) return;
    window.clearInterval(timer);
    this.flashing.delete(id);
    const e = this.byId.get(id);
    if (e) {
      e.b.color = Color.WHITE;
      const scale = Number(e.key.split(',')[2]);
      e.b.scale = Number.isFinite(scale) ? scale : 1;
    }
    if (!this.scene.isDestroyed()) this.scene.requestRender();
  }

  /** Stops every flash (the layer is going away). */
  destroy(): void {
    for (const id of [...this.flashing.keys()]) this.stopFlash(id);
  }
}
