import {
  Cartesian3,
  Color,
  HorizontalOrigin,
  LabelCollection,
  LabelStyle,
  NearFarScalar,
  VerticalOrigin,
  type PrimitiveCollection,
} from 'cesium';
import type { Feature, LayerInfo } from '../../../preload/contract';
import { GroundShapes } from '../../map/groundLines';
import type { MapLayer } from '../../map/mapLayer';
import type { Locale } from '../../ui/locale';
import { toBoundaryShapes, type BoundaryShape } from './boundaryAdapter';
import { boundaryLabel, boundaryStyle } from './boundaryStyle';

/** District boundary: terrain-clamped outline and fill (one batched primitive each), and a name label. */
export class BoundaryRenderer implements MapLayer {
  private readonly shapes: GroundShapes;
  private readonly labels: LabelCollection;
  private boundaries: BoundaryShape[] = [];

  constructor(
    collection: PrimitiveCollection,
    private locale: Locale,
    private readonly info: LayerInfo,
  ) {
    this.shapes = new GroundShapes(collection);
    this.labels = collection.add(new LabelCollection()) as LabelCollection;
  }

  setData(features: Feature[]): number {
    this.boundaries = toBoundaryShapes(features);
    const parts = this.boundaries.flatMap((b) => b.polygons.map((p, i) => ({ id: `${b.id}#${i}`, ...p })));
    this.shapes.set(
      parts.map((p) => ({ id: p.id, positions: p.outer, color: boundaryStyle.outlineCss, width: boundaryStyle.outlineWidthPx })),
      parts.map((p) => ({ id: p.id, outer: p.outer, holes: p.holes, color: boundaryStyle.fillCss })),
    );
    this.drawLabels();
    return this.boundaries.length;
  }

  private drawLabels(): void {
    this.labels.removeAll();
    for (const s of this.boundaries) {
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
    return this.shapes.ready;
  }

  setLocale(locale: Locale): void {
    this.locale = locale;
    this.drawLabels();
  }

  destroy(): void {}
}
