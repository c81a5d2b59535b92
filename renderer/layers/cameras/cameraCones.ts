import {
  Cartesian3,
  Cartographic,
  ClassificationPrimitive,
  Color,
  ColorGeometryInstanceAttribute,
  DistanceDisplayConditionGeometryInstanceAttribute,
  GeometryInstance,
  PolygonGeometry,
  PolygonHierarchy,
  type PrimitiveCollection,
  type Scene,
} from 'cesium';
import { coneSamplePoints, coneVolume } from './coneVolume';

/** One field-of-view sector on the ground. */
export interface Cone {
  /** The camera's id (picking a cone picks the camera). */
  id: string;
  /** Flat [lon, lat, …] ring (from fovSector). */
  ring: number[];
  /** The camera's range, m (how far the sector reaches: sizes the volume's margin). */
  rangeM: number;
  /** CSS colour with alpha. */
  colour: string;
}

/** Where no terrain height could be sampled (no globe, nothing loaded there): a volume from below to above any terrain. */
const FALLBACK_VOLUME = { bottom: -500, top: 9000 };

/**
 * Field-of-view sectors draped on the terrain: one ClassificationPrimitive batch per cone colour (Cesium classifies
 * with one colour per batch; there are three, by status), built on workers, whose shadow volumes are extruded sectors
 * reaching only from just below to just above the terrain sampled under each cone (coneVolume), each instance hidden
 * beyond `maxDistance` metres from the eye. A new set replaces the drawn one only
 * once it is ready, so the cones never blink while the view moves; the same set twice (same cameras, colours and
 * volumes) is not rebuilt.
 */
export class CameraCones {
  private shown: ClassificationPrimitive[] = [];
  private pending: ClassificationPrimitive[] | null = null;
  private key = '';
  private readonly removePostRender: () => void;

  constructor(
    private readonly collection: PrimitiveCollection,
    private readonly scene: Scene,
    private readonly maxDistance: number,
  ) {
    this.removePostRender = scene.postRender.addEventListener(() => this.poll());
  }

  /** Cones to draw. Returns false when the set is unchanged (nothing is rebuilt). */
  set(cones: Cone[]): boolean {
    const volumes = cones.map((c) => this.volumeOf(c));
    const key = cones
      .map((c, i) => `${c.id}:${c.colour}:${c.ring.length}:${c.ring[2]}:${Math.round(volumes[i]!.bottom)}:${Math.round(volumes[i]!.top)}`)
      .sort()
      .join('|');
    if (key === this.key) return false;
    this.key = key;
    for (const p of this.pending ?? []) this.collection.remove(p);
    this.pending = null;
    if (cones.length === 0) {
      for (const p of this.shown) this.collection.remove(p);
      this.shown = [];
      return true;
    }
    const ddc = new DistanceDisplayConditionGeometryInstanceAttribute(0, this.maxDistance);
    const byColour = new Map<string, GeometryInstance[]>();
    cones.forEach((c, i) => {
      const instance = new GeometryInstance({
        id: c.id,
        geometry: new PolygonGeometry({
          polygonHierarchy: new PolygonHierarchy(Cartesian3.fromDegreesArray(c.ring)),
          height: volumes[i]!.top,
          extrudedHeight: volumes[i]!.bottom,
        }),
        attributes: { color: ColorGeometryInstanceAttribute.fromColor(Color.fromCssColorString(c.colour)), distanceDisplayCondition: ddc },
      });
      const list = byColour.get(c.colour);
      if (list) list.push(instance);
      else byColour.set(c.colour, [instance]);
    });
    this.pending = [...byColour.values()].map((geometryInstances) => this.collection.add(new ClassificationPrimitive({ geometryInstances })) as ClassificationPrimitive);
    this.scene.requestRender();
    return true;
  }

  /** Whether a new set of cone batches is still being built. */
  get building(): boolean {
    return this.pending !== null;
  }

  /** The volume under one cone from the terrain heights the globe has loaded there. */
  private volumeOf(c: Cone): { bottom: number; top: number } {
    const globe = this.scene.globe;
    if (!globe) return FALLBACK_VOLUME;
    const pts = coneSamplePoints(c.ring);
    const heights: (number | undefined)[] = [];
    const carto = new Cartographic();
    for (let i = 0; i < pts.length; i += 2) heights.push(globe.getHeight(Cartographic.fromDegrees(pts[i]!, pts[i + 1]!, 0, carto)));
    return coneVolume(heights, c.rangeM) ?? FALLBACK_VOLUME;
  }

  private poll(): void {
    if (!this.pending) return;
    if (!this.pending.every((p) => p.ready)) {
      // requestRenderMode: keep frames coming while the workers build the geometry.
      this.scene.requestRender();
      return;
    }
    for (const p of this.shown) this.collection.remove(p);
    this.shown = this.pending;
    this.pending = null;
    this.scene.requestRender();
  }

  destroy(): void {
    this.removePostRender();
  }
}
