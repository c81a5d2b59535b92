import {
  Cartesian3,
  Color,
  ColorGeometryInstanceAttribute,
  CylinderGeometry,
  DistanceDisplayConditionGeometryInstanceAttribute,
  GeometryInstance,
  PerInstanceColorAppearance,
  Primitive,
  Transforms,
  type PrimitiveCollection,
  type Scene,
} from 'cesium';
import type { Feature } from '../../../preload/contract';
import { MarkerLayer } from '../../map/markerLayer';
import type { MapLayer } from '../../map/mapLayer';
import type { Locale } from '../../ui/locale';
import { drainageNodeStyle } from './drainageNodesStyle';
import { nodeShaft } from './nodeShafts';

/** Shafts are drawn within this distance (m) of the camera, in underground mode only. */
const SHAFT_DISTANCE = 1_500;
const HIGHLIGHT = '#fff200';

/**
 * Manholes, outfalls, pumps and the plant as markers (MarkerLayer, unchanged look) and, close up in underground mode,
 * their shafts: one Primitive of cylinders from ground to invert. setLive({ highlight: { nodeIds, colour } }) recolours
 * shafts in place. Picking a marker or a shaft gives the node's external_id.
 */
export class DrainageNodesRenderer implements MapLayer {
  private readonly markers: MarkerLayer;
  private shafts: Primitive | null = null;
  private baseColour = new Map<string, string>();
  private applied = new Map<string, string>();
  private highlight = new Map<string, string>();
  private dirty = false;
  private readonly removeListeners: (() => void)[];

  constructor(
    private readonly collection: PrimitiveCollection,
    private readonly scene: Scene,
    locale: Locale,
  ) {
    this.markers = new MarkerLayer(collection, scene, drainageNodeStyle, locale, { labelDistance: 8_000 });
    this.removeListeners = [scene.preRender.addEventListener(() => this.chooseDetail()), scene.postRender.addEventListener(() => this.sync())];
  }

  setData(features: Feature[]): number {
    const n = this.markers.setData(features);
    if (this.shafts) this.collection.remove(this.shafts);
    this.shafts = null;
    this.baseColour.clear();
    this.applied.clear();
    const ex = this.scene.verticalExaggeration ?? 1;
    const rel = this.scene.verticalExaggerationRelativeHeight ?? 0;
    const instances: GeometryInstance[] = [];
    for (const f of features) {
      const s = nodeShaft(f, ex, rel);
      if (!s) continue;
      const colour = this.highlight.get(s.id) ?? s.colour;
      this.baseColour.set(s.id, s.colour);
      this.applied.set(s.id, colour);
      const length = s.top - s.bottom;
      instances.push(
        new GeometryInstance({
          id: s.id,
          geometry: new CylinderGeometry({ length, topRadius: s.radius, bottomRadius: s.radius, slices: 10, vertexFormat: PerInstanceColorAppearance.VERTEX_FORMAT }),
          modelMatrix: Transforms.eastNorthUpToFixedFrame(Cartesian3.fromDegrees(s.lon, s.lat, s.bottom + length / 2)),
          attributes: {
            color: ColorGeometryInstanceAttribute.fromColor(Color.fromCssColorString(colour).withAlpha(0.9)),
            distanceDisplayCondition: new DistanceDisplayConditionGeometryInstanceAttribute(0, SHAFT_DISTANCE),
          },
        }),
      );
    }
    if (instances.length) {
      this.shafts = this.collection.add(
        new Primitive({ geometryInstances: instances, appearance: new PerInstanceColorAppearance({ translucent: true, closed: true }), releaseGeometryInstances: true, show: false }),
      ) as Primitive;
      this.chooseDetail();
    }
    return n;
  }

  /** { highlight: { nodeIds, colour? } | null } — the nodes of a trace or a finding. */
  setLive(data: unknown): void {
    const h = (data as { highlight?: { nodeIds?: unknown; colour?: unknown } | null } | null)?.highlight;
    const colour = typeof h?.colour === 'string' ? h.colour : HIGHLIGHT;
    this.highlight = new Map(Array.isArray(h?.nodeIds) ? h.nodeIds.filter((x): x is string => typeof x === 'string').map((id) => [id, colour]) : []);
    this.dirty = true;
    this.sync();
  }

  setLocale(locale: Locale): void {
    this.markers.setLocale(locale);
  }

  flash(featureId: string): void {
    this.markers.flash(featureId);
  }

  featureIdOf(picked: { id?: unknown }): string | null {
    return picked.id === undefined || picked.id === null ? null : String(picked.id);
  }

  isReady(): boolean {
    return !this.shafts || !this.shafts.show || this.shafts.ready;
  }

  destroy(): void {
    for (const off of this.removeListeners) off();
    this.markers.destroy();
  }

  private chooseDetail(): void {
    if (!this.shafts) return;
    const show = this.scene.globe?.translucency.enabled ?? false;
    if (this.shafts.show === show) return;
    this.shafts.show = show;
    this.scene.requestRender();
  }

  private sync(): void {
    const prim = this.shafts;
    if (!this.dirty || !prim || !prim.ready) return;
    this.dirty = false;
    let changed = false;
    for (const [id, base] of this.baseColour) {
      const want = this.highlight.get(id) ?? base;
      if (this.applied.get(id) === want) continue;
      const attrs = prim.getGeometryInstanceAttributes(id) as { color?: Uint8Array } | undefined;
      if (attrs) attrs.color = ColorGeometryInstanceAttribute.toValue(Color.fromCssColorString(want).withAlpha(0.9));
      this.applied.set(id, want);
      changed = true;
    }
    if (changed) this.scene.requestRender();
  }
}
