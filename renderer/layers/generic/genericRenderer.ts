import type { PrimitiveCollection, Scene } from 'cesium';
import type { Feature, LayerInfo } from '../../../preload/contract';
import { lineParts, pointOf, polygonParts } from '../../map/geometryParts';
import { GroundShapes, type GroundArea, type GroundLine } from '../../map/groundLines';
import { markerImage } from '../../map/markerImage';
import type { MapLayer } from '../../map/mapLayer';
import { PointMarkers } from '../../map/pointMarkers';
import { genericColour } from './genericStyle';

/** Any imported layer: points as markers, lines as ground lines, polygons filled and outlined. */
export class GenericRenderer implements MapLayer {
  private readonly shapes: GroundShapes;
  private readonly markers: PointMarkers;

  constructor(collection: PrimitiveCollection, scene: Scene, private readonly info: LayerInfo) {
    this.shapes = new GroundShapes(collection);
    this.markers = new PointMarkers(collection, scene, { labelDistance: 3_000 });
  }

  setData(features: Feature[]): number {
    const colour = genericColour(this.info.id);
    const lines: GroundLine[] = [];
    const areas: GroundArea[] = [];
    const points = [];
    const dot = markerImage('circle', colour, '', 18);
    for (const f of features) {
      const id = String(f.id);
      const p = pointOf(f.geometry);
      if (p) {
        points.push({ id, lon: p[0], lat: p[1], image: dot, label: typeof f.properties.name === 'string' ? f.properties.name : undefined });
        continue;
      }
      const polys = polygonParts(f.geometry);
      if (polys.length) {
        polys.forEach((poly, i) => {
          areas.push({ id: `${id}#${i}`, outer: poly.outer, holes: poly.holes, color: `${colour}55` });
          lines.push({ id: `${id}#o${i}`, positions: poly.outer, color: colour, width: 2 });
        });
        continue;
      }
      lineParts(f.geometry).forEach((positions, i) => lines.push({ id: `${id}#${i}`, positions, color: colour, width: 2.5 }));
    }
    this.shapes.set(lines, areas);
    this.markers.setMarkers(points);
    return features.length;
  }

  isReady(): boolean {
    return this.shapes.ready;
  }

  destroy(): void {}
}
