import {
  Cartesian3,
  Color,
  ColorGeometryInstanceAttribute,
  CylinderGeometry,
  DistanceDisplayConditionGeometryInstanceAttribute,
  GeometryInstance,
  PerInstanceColorAppearance,
  Primitive,
  Transforms,
  type PrimitiveCollection,
  type Scene,
} from 'cesium';
import type { Feature, StationLiveInfo } from '../../../preload/contract';
import { pointOf } from '../../map/geometryParts';
import { markerImage } from '../../map/markerImage';
import type { MapLayer } from '../../map/mapLayer';
import { PointMarkers } from '../../map/pointMarkers';
import type { Locale } from '../../ui/locale';
import { floodStationStyle, levelColumn } from './floodStationsStyle';

/** Columns are drawn only at close range (m from the camera). */
const COLUMN_DISTANCE = 30_000;

/**
 * Flood stations: markers by type coloured by warning level, labels with the live reading and trend, and 3D level
 * columns at close range (one Primitive of cylinder instances, rebuilt on each live update — tens of stations).
 * Feature ids are the station codes (external_id), the same ids the live data uses.
 */
export class FloodStationsRenderer implements MapLayer {
  private readonly markers: PointMarkers;
  private features: Feature[] = [];
  private live = new Map<string, StationLiveInfo>();
  private columns: Primitive | null = null;

  constructor(
    private readonly collection: PrimitiveCollection,
    scene: Scene,
    private locale: Locale,
  ) {
    this.markers = new PointMarkers(collection, scene, { labelDistance: 25_000 });
  }

  setData(features: Feature[]): number {
    this.features = features;
    return this.draw();
  }

  setLive(data: unknown): void {
    const list = Array.isArray(data) ? (data as StationLiveInfo[]) : [];
    this.live = new Map(list.map((s) => [s.stationId, s]));
    this.draw();
    this.drawColumns();
  }

  setLocale(locale: Locale): void {
    this.locale = locale;
    this.draw();
  }

  flash(featureId: string): void {
    this.markers.flash(featureId);
  }

  private draw(): number {
    const list = [];
    for (const f of this.features) {
      const p = pointOf(f.geometry);
      const id = String(f.id);
      const s = p && floodStationStyle(f, this.locale, this.live.get(String(f.properties.station_code ?? id)));
      if (!p || !s) continue;
      list.push({ id, lon: p[0], lat: p[1], image: markerImage(s.shape, s.fill, s.glyph ?? '', s.size ?? 32), label: s.label });
    }
    return this.markers.setMarkers(list);
  }

  private drawColumns(): void {
    const instances: GeometryInstance[] = [];
    for (const s of this.live.values()) {
      const c = levelColumn(s);
      if (!c || s.lon === null || s.lat === null) continue;
      const ground = s.groundElev ?? 0;
      instances.push(
        new GeometryInstance({
          id: s.stationId,
          geometry: new CylinderGeometry({ length: c.height, topRadius: 45, bottomRadius: 45, slices: 24, vertexFormat: PerInstanceColorAppearance.VERTEX_FORMAT }),
          modelMatrix: Transforms.eastNorthUpToFixedFrame(Cartesian3.fromDegrees(s.lon, s.lat, ground + c.height / 2)),
          attributes: {
            color: ColorGeometryInstanceAttribute.fromColor(Color.fromCssColorString(c.colour).withAlpha(0.85)),
            distanceDisplayCondition: new DistanceDisplayConditionGeometryInstanceAttribute(0, COLUMN_DISTANCE),
          },
        }),
      );
    }
    if (this.columns) this.collection.remove(this.columns);
    this.columns = null;
    if (instances.length === 0) return;
    this.columns = this.collection.add(
      new Primitive({
        geometryInstances: instances,
        appearance: new PerInstanceColorAppearance({ translucent: true, closed: true }),
        asynchronous: false,
      }),
    ) as Primitive;
  }

  /** Markers and columns carry the station code as their id. */
  featureIdOf(picked: { id?: unknown }): string | null {
    return picked.id === undefined || picked.id === null ? null : String(picked.id);
  }

  isReady(): boolean {
    return true;
  }

  destroy(): void {
    this.markers.destroy();
  }
}
