import type { PrimitiveCollection } from 'cesium';
import type { Feature } from '../../../preload/contract';
import { lineParts } from '../../map/geometryParts';
import { GroundShapes, type GroundLine } from '../../map/groundLines';
import type { MapLayer } from '../../map/mapLayer';
import { pipeStyle } from './drainagePipesStyle';

/** Pipes in plan view: one batched terrain-clamped primitive, coloured by network. 3D tubes: drainage issue. */
export class DrainagePipesRenderer implements MapLayer {
  private readonly shapes: GroundShapes;

  constructor(collection: PrimitiveCollection) {
    this.shapes = new GroundShapes(collection);
  }

  setData(features: Feature[]): number {
    const lines: GroundLine[] = [];
    for (const f of features) {
      const style = pipeStyle(f.properties.network, f.properties.diameter_mm);
      lineParts(f.geometry).forEach((positions, i) => lines.push({ id: `${f.id}#${i}`, positions, ...style }));
    }
    this.shapes.set(lines);
    return features.length;
  }

  isReady(): boolean {
    return this.shapes.ready;
  }

  destroy(): void {}
}
