// The Cesium Viewer of a render-benchmark page: no widgets, no imagery, flat terrain, frames driven by the bench.
import { EllipsoidTerrainProvider, type Viewer } from 'cesium';

export function benchViewerOptions(): Viewer.ConstructorOptions {
  return {
    baseLayer: false,
    baseLayerPicker: false,
    geocoder: false,
    homeButton: false,
    sceneModePicker: false,
    navigationHelpButton: false,
    animation: false,
    timeline: false,
    fullscreenButton: false,
    infoBox: false,
    selectionIndicator: false,
    terrainProvider: new EllipsoidTerrainProvider(),
    useDefaultRenderLoop: false,
  };
}
