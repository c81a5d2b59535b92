import {
  BillboardCollection,
  Cartesian2,
  Cartesian3,
  Cartographic,
  Color,
  DistanceDisplayCondition,
  HeightReference,
  HorizontalOrigin,
  LabelCollection,
  LabelStyle,
  VerticalOrigin,
  type PrimitiveCollection,
  type Scene,
} from 'cesium';
import { markerImage } from '../../map/markerImage';
import type { MapLayer } from '../../map/mapLayer';
import { readDefectsLive, type DrainageDefectsLive, type PlacedMark } from './drainageDefectsLive';
import { defectMarkStyle } from './drainageDefectsStyle';
import { markHeight } from './markHeight';

export interface DrainageDefectsOptions {
  /**
   * Camera height above the ground (m) under which, in underground mode, marks sit on the tubes at depth; beyond it (and
   * outside underground mode) they are clamped to the ground, where the pipes layer draws its lines. The pipes layer's
   * default tubeRange.
   */
  tubeRange?: number;
}

const LABEL_FONT = '700 17px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';

/**
 * CCTV defects of the inspected pipe as marks at their chainage (overlay kind 'drainageDefects', fed through setLive with
 * DrainageDefectsLive): a disc in the grade's colour and a 'PL Ⅲ' label — one BillboardCollection and one
 * LabelCollection, no entities. Underground and close up, the marks sit on the crown of the 3D tube (the pipe's
 * inverts and diameter); otherwise they are clamped to the ground. Marks are drawn over everything (no depth test) so
 * the tube and the translucent ground never hide them. Picking a mark gives the defect id. setLive(null) removes all.
 */
export class DrainageDefectsRenderer implements MapLayer {
  private readonly billboards: BillboardCollection;
  private readonly labels: LabelCollection;
  private readonly tubeRange: number;
  private live: DrainageDefectsLive | null = null;
  private atDepth = false;
  private readonly removeListeners: (() => void)[];

  constructor(
    collection: PrimitiveCollection,
    private readonly scene: Scene,
    opts: DrainageDefectsOptions = {},
  ) {
    this.tubeRange = opts.tubeRange ?? 3_000;
    this.billboards = collection.add(new BillboardCollection({ scene })) as BillboardCollection;
    this.labels = collection.add(new LabelCollection({ scene })) as LabelCollection;
    this.removeListeners = [scene.preRender.addEventListener(() => this.chooseDepth())];
    this.installTestHook();
  }

  /** Not a store layer: the marks come through setLive only. */
  setData(): number {
    return this.count;
  }

  /** DrainageDefectsLive, or null to remove every mark. */
  setLive(data: unknown): void {
    this.live = readDefectsLive(data);
    this.atDepth = this.wantDepth();
    this.draw();
  }

  /** How many marks are drawn. */
  get count(): number {
    return this.billboards.length;
  }

  featureIdOf(picked: { id?: unknown }): string | null {
    return typeof picked.id === 'string' && /^\d+$/.test(picked.id) ? picked.id : null;
  }

  isReady(): boolean {
    return true;
  }

  destroy(): void {
    for (const off of this.removeListeners) off();
    this.live = null;
    if (!this.billboards.isDestroyed()) this.billboards.removeAll();
    if (!this.labels.isDestroyed()) this.labels.removeAll();
  }

  /** Underground mode (translucent ground) with the camera within tubeRange of the ground: where the tubes are shown. */
  private wantDepth(): boolean {
    const globe = this.scene.globe;
    if (!globe?.translucency.enabled) return false;
    const carto = this.scene.camera.positionCartographic;
    return carto.height - (globe.getHeight(carto) ?? 0) < this.tubeRange;
  }

  private chooseDepth(): void {
    if (!this.live || this.live.marks.length === 0) return;
    const want = this.wantDepth();
    if (want === this.atDepth) return;
    this.atDepth = want;
    this.draw();
    this.scene.requestRender();
  }

  /** Rebuilds the marks (a pipe has a handful of defects: rebuilding beats diffing). */
  private draw(): void {
    this.billboards.removeAll();
    this.labels.removeAll();
    const live = this.live;
    if (!live) return;
    const ex = this.scene.verticalExaggeration ?? 1;
    const rel = this.scene.verticalExaggerationRelativeHeight ?? 0;
    const globe = this.scene.globe;
    const labelRange = new DistanceDisplayCondition(0, 4_000);
    const placed: PlacedMark[] = [];
    // The selected mark last: drawn on top of its neighbours.
    const ordered = [...live.marks].sort((a, b) => Number(a.id === live.selectedId) - Number(b.id === live.selectedId));
    for (const m of ordered) {
      const selected = m.id === live.selectedId;
      const style = defectMarkStyle(m, selected);
      const ground = globe?.getHeight(Cartographic.fromDegrees(m.lon, m.lat)) ?? null;
      const h = this.atDepth ? markHeight(m, { exaggeration: ex, relativeHeight: rel, ground }) : null;
      const atDepth = h !== null;
      const position = Cartesian3.fromDegrees(m.lon, m.lat, h ?? 0);
      const heightReference = atDepth ? HeightReference.NONE : HeightReference.CLAMP_TO_GROUND;
      const id = String(m.id);
      this.billboards.add({
        id,
        position,
        image: markerImage('circle', style.fill, '', style.size, style.stroke),
        heightReference,
        verticalOrigin: VerticalOrigin.CENTER,
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
      });
      this.labels.add({
        id,
        position,
        text: style.label,
        font: LABEL_FONT,
        fillColor: Color.fromCssColorString(style.labelColour),
        outlineColor: Color.fromCssColorString('#05101c'),
        outlineWidth: 4,
        style: LabelStyle.FILL_AND_OUTLINE,
        heightReference,
        horizontalOrigin: HorizontalOrigin.CENTER,
        verticalOrigin: VerticalOrigin.BOTTOM,
        pixelOffset: new Cartesian2(0, -style.size / 2 - 2),
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
        distanceDisplayCondition: labelRange,
      });
      placed.push({ id: m.id, lon: m.lon, lat: m.lat, height: atDepth ? h : ground, atDepth });
    }
    this.scene.requestRender();
    live.onPlaced?.(placed.sort((a, b) => a.id - b.id));
  }

  /**
   * E2E test hook, installed only when the page set `window.__cityopsTestHooks = true` before loading:
   * `window.__cityopsDrainageDefects.marks()` lists the drawn marks with their canvas positions (CSS px, or null).
   */
  private installTestHook(): void {
    const w = window as unknown as { __cityopsTestHooks?: boolean; __cityopsDrainageDefects?: unknown };
    if (w.__cityopsTestHooks !== true) return;
    w.__cityopsDrainageDefects = {
      marks: () => {
        const out: { id: string; atDepth: boolean; screen: [number, number] | null }[] = [];
        for (let i = 0; i < this.billboards.length; i++) {
          const b = this.billboards.get(i);
          const p = b.computeScreenSpacePosition(this.scene);
          out.push({ id: String(b.id), atDepth: b.heightReference === HeightReference.NONE, screen: p ? [p.x, p.y] : null });
        }
        return out;
      },
    };
  }
}
