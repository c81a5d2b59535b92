import {
  Cartesian3,
  Color,
  ColorGeometryInstanceAttribute,
  DistanceDisplayConditionGeometryInstanceAttribute,
  GeometryInstance,
  GroundPrimitive,
  PerInstanceColorAppearance,
  PolygonGeometry,
  PolygonHierarchy,
  type PrimitiveCollection,
  type Scene,
} from 'cesium';

/** One field-of-view sector on the ground. */
export interface Cone {
  /** The camera's id (picking a cone picks the camera). */
  id: string;
  /** Flat [lon, lat, …] ring (from fovSector). */
  ring: number[];
  /** CSS colour with alpha. */
  colour: string;
}

/**
 * Field-of-view sectors draped on the terrain: one GroundPrimitive batch (built on workers), each instance hidden
 * beyond `maxDistance` metres from the eye. A new set replaces the drawn one only once it is ready, so the cones
 * never blink while the view moves; the same set twice (same key) is not rebuilt.
 */
export class CameraCones {
  private shown: GroundPrimitive | null = null;
  private pending: GroundPrimitive | null = null;
  private key = '';
  private readonly removePostRender: () => void;

  constructor(
    private readonly collection: PrimitiveCollection,
    private readonly scene: Scene,
    private readonly maxDistance: number,
  ) {
    this.removePostRender = scene.postRender.addEventListener(() => this.poll());
  }

  /** Cones to draw; `key` identifies the set (ids, statuses). Returns false when the set is unchanged. */
  set(cones: Cone[], key: string): boolean {
    if (key === this.key) return false;
    this.key = key;
    if (this.pending) this.collection.remove(this.pending);
    this.pending = null;
    if (cones.length === 0) {
      if (this.shown) this.collection.remove(this.shown);
      this.shown = null;
      return true;
    }
    const ddc = new DistanceDisplayConditionGeometryInstanceAttribute(0, this.maxDistance);
    this.pending = this.collection.add(
      new GroundPrimitive({
        geometryInstances: cones.map(
          (c) =>
            new GeometryInstance({
              id: c.id,
              geometry: new PolygonGeometry({ polygonHierarchy: new PolygonHierarchy(Cartesian3.fromDegreesArray(c.ring)) }),
              attributes: { color: ColorGeometryInstanceAttribute.fromColor(Color.fromCssColorString(c.colour)), distanceDisplayCondition: ddc },
            }),
        ),
        appearance: new PerInstanceColorAppearance({ flat: true, translucent: true }),
      }),
    ) as GroundPrimitive;
    this.scene.requestRender();
    return true;
  }

  /** How many cone batches are still being built (0 or 1). */
  get building(): boolean {
    return this.pending !== null;
  }

  private poll(): void {
    if (!this.pending) return;
    if (!this.pending.ready) {
      // requestRenderMode: keep frames coming while the workers build the geometry.
      this.scene.requestRender();
      return;
    }
    if (this.shown) this.collection.remove(this.shown);
    this.shown = this.pending;
    this.pending = null;
    this.scene.requestRender();
  }

  destroy(): void {
    this.removePostRender();
  }
}
