import {
  Cartesian3,
  Color,
  ColorGeometryInstanceAttribute,
  GeometryInstance,
  GroundPolylineGeometry,
  GroundPolylinePrimitive,
  GroundPrimitive,
  HorizontalOrigin,
  LabelCollection,
  LabelStyle,
  NearFarScalar,
  PerInstanceColorAppearance,
  PolygonGeometry,
  PolygonHierarchy,
  PolylineColorAppearance,
  VerticalOrigin,
  type PrimitiveCollection,
} from 'cesium';
import type { Feature, LayerInfo } from '../../../preload/contract';
import type { MapLayer } from '../../map/mapLayer';
import type { Locale } from '../../ui/locale';
import { toBoundaryShapes, type BoundaryShape } from './boundaryAdapter';
import { boundaryLabel, boundaryStyle } from './boundaryStyle';

/** District boundary: terrain-clamped outline and fill (one primitive each), and a name label. */
export class BoundaryRenderer implements MapLayer {
  private outline: GroundPolylinePrimitive | undefined;
  private fill: GroundPrimitive | undefined;
  private readonly labels: LabelCollection;
  private shapes: BoundaryShape[] = [];

  constructor(
    private readonly collection: PrimitiveCollection,
    private locale: Locale,
    private readonly info: LayerInfo,
  ) {
    this.labels = collection.add(new LabelCollection()) as LabelCollection;
  }

  setData(features: Feature[]): number {
    this.shapes = toBoundaryShapes(features);
    if (this.outline) this.collection.remove(this.outline);
    if (this.fill) this.collection.remove(this.fill);
    this.outline = undefined;
    this.fill = undefined;
    const outlineColor = Color.fromCssColorString(boundaryStyle.outlineCss);
    const fillColor = Color.fromCssColorString(boundaryStyle.fillCss);
    const lines: GeometryInstance[] = [];
    const areas: GeometryInstance[] = [];
    this.shapes.forEach((shape) =>
      shape.polygons.forEach((poly, i) => {
        lines.push(
          new GeometryInstance({
            id: `${shape.id}#${i}`,
            geometry: new GroundPolylineGeometry({ positions: Cartesian3.fromDegreesArray(poly.outer), width: boundaryStyle.outlineWidthPx }),
            attributes: { color: ColorGeometryInstanceAttribute.fromColor(outlineColor) },
          }),
        );
        areas.push(
          new GeometryInstance({
            id: `${shape.id}#${i}`,
            geometry: new PolygonGeometry({
              polygonHierarchy: new PolygonHierarchy(
                Cartesian3.fromDegreesArray(poly.outer),
                poly.holes.map((h) => new PolygonHierarchy(Cartesian3.fromDegreesArray(h))),
              ),
            }),
            attributes: { color: ColorGeometryInstanceAttribute.fromColor(fillColor) },
          }),
        );
      }),
    );
    if (lines.length) {
      this.fill = this.collection.add(
        new GroundPrimitive({ geometryInstances: areas, appearance: new PerInstanceColorAppearance({ flat: true, translucent: true }) }),
      ) as GroundPrimitive;
      this.outline = this.collection.add(new GroundPolylinePrimitive({ geometryInstances: lines, appearance: new PolylineColorAppearance() })) as GroundPolylinePrimitive;
    }
    this.drawLabels();
    return this.shapes.length;
  }

  private drawLabels(): void {
    this.labels.removeAll();
    for (const s of this.shapes) {
      this.labels.add({
        id: s.id,
        position: Cartesian3.fromDegrees(s.labelAt[0], s.labelAt[1], 300),
        text: boundaryLabel(s.name, this.info.caption, this.locale),
        font: boundaryStyle.labelFont,
        fillColor: Color.fromCssColorString(boundaryStyle.labelFillCss),
        outlineColor: Color.fromCssColorString(boundaryStyle.labelOutlineCss),
        outlineWidth: 4,
        style: LabelStyle.FILL_AND_OUTLINE,
        horizontalOrigin: HorizontalOrigin.CENTER,
        verticalOrigin: VerticalOrigin.CENTER,
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
        scaleByDistance: new NearFarScalar(5_000, 1.2, 300_000, 0.5),
      });
    }
  }

  isReady(): boolean {
    return (!this.outline || this.outline.ready) && (!this.fill || this.fill.ready);
  }

  setLocale(locale: Locale): void {
    this.locale = locale;
    this.drawLabels();
  }

  destroy(): void {
    this.collection.removeAll();
  }
}
