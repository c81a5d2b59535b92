import {
  Cartesian3,
  Color,
  ColorGeometryInstanceAttribute,
  GeometryInstance,
  GroundPolylineGeometry,
  GroundPolylinePrimitive,
  GroundPrimitive,
  PerInstanceColorAppearance,
  PolygonGeometry,
  PolygonHierarchy,
  PolylineColorAppearance,
  type PrimitiveCollection,
} from 'cesium';

export interface GroundLine {
  id: string;
  /** Flat [lon, lat, …]. */
  positions: number[];
  color: string;
  width: number;
}

export interface GroundArea {
  id: string;
  outer: number[];
  holes: number[][];
  color: string;
}

/**
 * Terrain-clamped lines and areas, one batched primitive each (geometry is built on workers).
 * Replacing the data swaps the primitives; `ready` says when the new ones can draw.
 */
export class GroundShapes {
  private lines: GroundPolylinePrimitive | undefined;
  private areas: GroundPrimitive | undefined;

  constructor(private readonly collection: PrimitiveCollection) {}

  set(lines: GroundLine[], areas: GroundArea[] = []): void {
    if (this.lines) this.collection.remove(this.lines);
    if (this.areas) this.collection.remove(this.areas);
    this.lines = undefined;
    this.areas = undefined;
    const valid = lines.filter((l) => l.positions.length >= 4);
    if (areas.length) {
      this.areas = this.collection.add(
        new GroundPrimitive({
          geometryInstances: areas.map(
            (a) =>
              new GeometryInstance({
                id: a.id,
                geometry: new PolygonGeometry({
                  polygonHierarchy: new PolygonHierarchy(Cartesian3.fromDegreesArray(a.outer), a.holes.map((h) => new PolygonHierarchy(Cartesian3.fromDegreesArray(h)))),
                }),
                attributes: { color: ColorGeometryInstanceAttribute.fromColor(Color.fromCssColorString(a.color)) },
              }),
          ),
          appearance: new PerInstanceColorAppearance({ flat: true, translucent: true }),
        }),
      ) as GroundPrimitive;
    }
    if (valid.length) {
      this.lines = this.collection.add(
        new GroundPolylinePrimitive({
          geometryInstances: valid.map(
            (l) =>
              new GeometryInstance({
                id: l.id,
                geometry: new GroundPolylineGeometry({ positions: Cartesian3.fromDegreesArray(l.positions), width: l.width }),
                attributes: { color: ColorGeometryInstanceAttribute.fromColor(Color.fromCssColorString(l.color)) },
              }),
          ),
          appearance: new PolylineColorAppearance(),
        }),
      ) as GroundPolylinePrimitive;
    }
  }

  get ready(): boolean {
    return (!this.lines || this.lines.ready) && (!this.areas || this.areas.ready);
  }
}
