import {
  Cartesian3,
  Color,
  Credit,
  EllipsoidTerrainProvider,
  ImageryLayer,
  Math as CesiumMath,
  Rectangle,
  Resource,
  TileMapServiceImageryProvider,
  UrlTemplateImageryProvider,
  type Viewer,
} from 'cesium';
import type { MethodOutput } from '../../preload/contract';
import type { HostConnection } from '../host/hostClient';

type MapConfig = MethodOutput<'map.config'>;

/** Dark command-room look, our imagery and terrain, our credit, the home view. No Cesium ion anywhere. */
export function applyMapConfig(viewer: Viewer, config: MapConfig, host: Pick<HostConnection, 'resource'>): void {
  const scene = viewer.scene;
  scene.backgroundColor = Color.fromCssColorString('#05101c');
  scene.globe.baseColor = Color.fromCssColorString('#0a1b2c');
  scene.globe.showGroundAtmosphere = false;
  scene.globe.enableLighting = false;
  if (scene.skyAtmosphere) scene.skyAtmosphere.show = false;
  scene.fog.enabled = false;
  if (scene.sun) scene.sun.show = false;
  if (scene.moon) scene.moon.show = false;

  viewer.terrainProvider = new EllipsoidTerrainProvider();

  for (const source of config.imagery) {
    const resource = source.online ? new Resource({ url: source.url }) : new Resource(host.resource(source.url));
    const provider =
      source.kind === 'tms'
        ? TileMapServiceImageryProvider.fromUrl(resource, { maximumLevel: source.maximumLevel, credit: source.credit })
        : Promise.resolve(
            new UrlTemplateImageryProvider({
              url: resource,
              minimumLevel: source.minimumLevel,
              maximumLevel: source.maximumLevel,
              credit: source.credit,
              ...(source.extent ? { rectangle: Rectangle.fromDegrees(...source.extent) } : {}),
            }),
          );
    const layer = ImageryLayer.fromProviderAsync(provider, {});
    // Imagery sits under the vector layers as a dim backdrop, not a bright photo.
    layer.brightness = 0.42;
    layer.contrast = 1.15;
    layer.saturation = 0.35;
    layer.gamma = 1.1;
    viewer.imageryLayers.add(layer);
  }

  viewer.creditDisplay.addStaticCredit(new Credit(config.credit, true));
  flyHome(viewer, config, 0);
}

export function flyHome(viewer: Viewer, config: MapConfig, duration = 1.5): void {
  const h = config.homeView;
  viewer.camera.flyTo({
    destination: Cartesian3.fromDegrees(h.longitude, h.latitude, h.height),
    orientation: { heading: CesiumMath.toRadians(h.heading), pitch: CesiumMath.toRadians(h.pitch), roll: 0 },
    duration,
  });
}
