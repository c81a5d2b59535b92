import type { PrimitiveCollection, Scene } from 'cesium';
import type { Feature, IncidentSummary } from '../../../preload/contract';
import { MarkerLayer } from '../../map/markerLayer';
import type { MapLayer } from '../../map/mapLayer';
import type { Locale } from '../../ui/locale';
import { incidentFeatures, incidentMarkerStyle } from './incidentsStyle';

/**
 * Incident markers by state. Incidents are not a store layer: the incidents tool pushes its list through
 * setLive (ctx.setLayerLive('incidents', list)); setData from a store query is accepted too (features as incidentFeatures).
 */
export class IncidentsRenderer implements MapLayer {
  private readonly markers: MarkerLayer;

  constructor(collection: PrimitiveCollection, scene: Scene, locale: Locale) {
    this.markers = new MarkerLayer(collection, scene, incidentMarkerStyle, locale);
  }

  setData(features: Feature[]): number {
    return this.markers.setData(features);
  }

  setLive(data: unknown): void {
    if (Array.isArray(data)) this.markers.setData(incidentFeatures(data as IncidentSummary[]));
  }

  setLocale(locale: Locale): void {
    this.markers.setLocale(locale);
  }

  isReady(): boolean {
    return true;
  }

  flash(featureId: string): void {
    this.markers.flash(featureId);
  }

  destroy(): void {
    this.markers.destroy();
  }
}
