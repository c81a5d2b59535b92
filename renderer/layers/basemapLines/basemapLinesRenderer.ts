import type { PrimitiveCollection, Scene } from 'cesium';
import type { Feature, LayerInfo } from '../../../preload/contract';
import { GroundShapes } from '../../map/groundLines';
import { markerImage } from '../../map/markerImage';
import type { MapLayer } from '../../map/mapLayer';
import { PointMarkers } from '../../map/pointMarkers';
import { toBaseLines } from './basemapLinesAdapter';

/** Rivers and roads: terrain-clamped lines, river names. */
export class BasemapLinesRenderer implements MapLayer {
  private readonly shapes: GroundShapes;
  private readonly names: PointMarkers;

  constructor(collection: PrimitiveCollection, scene: Scene, private readonly info: LayerInfo) {
    this.shapes = new GroundShapes(collection);
    this.names = new PointMarkers(collection, scene, { labelDistance: 60_000, labelFont: 'italic 600 20px "Noto Sans CJK SC", sans-serif' });
  }

  setData(features: Feature[]): number {
    const { lines, labels } = toBaseLines(this.info.id, features);
    this.shapes.set(lines);
    const dot = markerImage('circle', 'rgba(0,0,0,0)', '', 4, 'rgba(0,0,0,0)');
    this.names.setMarkers(labels.map((l) => ({ id: l.id, lon: l.lon, lat: l.lat, image: dot, label: l.text })));
    return features.length;
  }

  isReady(): boolean {
    return this.shapes.ready;
  }

  destroy(): void {}
}
