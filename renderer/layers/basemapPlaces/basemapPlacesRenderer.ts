import { Cartesian3, Color, DistanceDisplayCondition, HeightReference, LabelCollection, LabelStyle, type PrimitiveCollection, type Scene } from 'cesium';
import type { Feature } from '../../../preload/contract';
import { pointOf } from '../../map/geometryParts';
import type { MapLayer } from '../../map/mapLayer';
import { placeStyle } from './basemapPlacesStyle';

/** Place names (sub-districts, peaks, reservoirs): labels clamped to the terrain, bigger for higher rank. */
export class BasemapPlacesRenderer implements MapLayer {
  private readonly labels: LabelCollection;

  constructor(collection: PrimitiveCollection, scene: Scene) {
    this.labels = collection.add(new LabelCollection({ scene })) as LabelCollection;
  }

  setData(features: Feature[]): number {
    this.labels.removeAll();
    let n = 0;
    for (const f of features) {
      const p = pointOf(f.geometry);
      const name = f.properties.name;
      if (!p || typeof name !== 'string') continue;
      const style = placeStyle(f.properties.rank);
      this.labels.add({
        id: String(f.id),
        position: Cartesian3.fromDegrees(p[0], p[1]),
        text: name,
        font: style.font,
        fillColor: Color.fromCssColorString('#f2f6fa'),
        outlineColor: Color.fromCssColorString('#05101c'),
        outlineWidth: 5,
        style: LabelStyle.FILL_AND_OUTLINE,
        heightReference: HeightReference.CLAMP_TO_GROUND,
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
        distanceDisplayCondition: new DistanceDisplayCondition(0, style.maxDistance),
      });
      n++;
    }
    return n;
  }

  isReady(): boolean {
    return true;
  }

  destroy(): void {}
}
