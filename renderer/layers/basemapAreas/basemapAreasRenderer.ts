import type { PrimitiveCollection, Scene } from 'cesium';
import type { Feature, LayerInfo } from '../../../preload/contract';
import { polygonParts } from '../../map/geometryParts';
import { GroundShapes, type GroundArea, type GroundLine } from '../../map/groundLines';
import type { MapLayer } from '../../map/mapLayer';
import { areaStyle } from './basemapAreasStyle';

/** Sub-districts and water areas: terrain-clamped fills and outlines. */
export class BasemapAreasRenderer implements MapLayer {
  private readonly shapes: GroundShapes;

  constructor(collection: PrimitiveCollection, _scene: Scene, private readonly info: LayerInfo) {
    this.shapes = new GroundShapes(collection);
  }

  setData(features: Feature[]): number {
    const style = areaStyle(this.info.id);
    const lines: GroundLine[] = [];
    const areas: GroundArea[] = [];
    for (const f of features) {
      polygonParts(f.geometry).forEach((p, i) => {
        lines.push({ id: `${f.id}#${i}`, positions: p.outer, color: style.outline, width: style.width });
        if (style.fill) areas.push({ id: `${f.id}#${i}`, outer: p.outer, holes: p.holes, color: style.fill });
      });
    }
    this.shapes.set(lines, areas);
    return features.length;
  }

  isReady(): boolean {
    return this.shapes.ready;
  }

  destroy(): void {}
}
