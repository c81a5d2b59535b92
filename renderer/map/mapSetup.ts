import {
  Cartesian3,
  Color,
  Credit,
  CesiumTerrainProvider,
  CustomHeightmapTerrainProvider,
  Material,
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
import { homeCamera } from './homeCamera';
import type { FocusView } from './focusView';

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

  if (config.terrain.kind === 'quantized-mesh') {
    const base = host.resource(config.terrain.url);
    // Async: the pack's layer.json first. Until then (or if it fails) the ellipsoid stays.
    void CesiumTerrainProvider.fromUrl(new Resource({ url: base.url, queryParameters: base.queryParameters })).then(
      (provider) => {
        if (!viewer.isDestroyed()) viewer.terrainProvider = provider;
      },
      (err: unknown) => console.warn('terrain pack unavailable:', err),
    );
  } else viewer.terrainProvider = terrainProvider(config.terrain, host);
  // Wall legibility: a little vertical exaggeration makes the relief read from across the room.
  scene.verticalExaggeration = config.terrain.kind === 'ellipsoid' ? 1 : 1.5;

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

  // Without an imagery pack the relief is shown as a dark hypsometric tint (valleys deep blue-green, ridges
  // brown), so the district reads on a wall with no imagery licence at all.
  const hasPack = config.imagery.some((i) => i.id !== 'naturalearth');
  if (config.terrain.kind === 'heightmap' && !hasPack) {
    scene.globe.material = Material.fromType('ElevationRamp', {
      image: hypsometricRamp(),
      minimumHeight: config.terrain.minHeight,
      maximumHeight: config.terrain.maxHeight,
    });
  }

  viewer.creditDisplay.addStaticCredit(new Credit(config.credit, true));
  flyHome(viewer, config, 0);
}

const FADE_DEG = 0.25;

/** A dark low-to-high colour ramp for the terrain: legible under bright vector layers. */
function hypsometricRamp(): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = 256;
  c.height = 1;
  const g = c.getContext('2d')!;
  const grad = g.createLinearGradient(0, 0, 256, 0);
  grad.addColorStop(0, '#0d2a33');
  grad.addColorStop(0.15, '#18382f');
  grad.addColorStop(0.4, '#2b4432');
  grad.addColorStop(0.65, '#4a4631');
  grad.addColorStop(0.85, '#5e4d3a');
  grad.addColorStop(1, '#7a6b5c');
  g.fillStyle = grad;
  g.fillRect(0, 0, 256, 1);
  return c;
}

function terrainProvider(terrain: MapConfig['terrain'], host: Pick<HostConnection, 'resource'>) {
  if (terrain.kind !== 'heightmap') return new EllipsoidTerrainProvider();
  const size = terrain.tileSize;
  const [w, s, e, n] = terrain.extent;
  const base = host.resource(terrain.url);
  const flat = () => new Float32Array(size * size);
  return new CustomHeightmapTerrainProvider({
    width: size,
    height: size,
    credit: terrain.demo ? '地形：演示数据 (synthetic DEM)' : `地形 Terrain: ${terrain.source}`,
    callback: (x, y, level) => {
      const span = 180 / 2 ** level;
      const tw = -180 + x * span, tn = 90 - y * span;
      // Far from the DEM the host answers with zeros anyway: skip the request.
      if (tw + span < w - FADE_DEG || tw > e + FADE_DEG || tn < s - FADE_DEG || tn - span > n + FADE_DEG) return flat();
      return new Resource({ url: `${base.url}${level}/${x}/${y}`, queryParameters: base.queryParameters })
        .fetchArrayBuffer()!
        .then((buf) => new Float32Array(buf))
        .catch(() => flat());
    },
  });
}

export type ViewPreset = 'home' | 'tilt';

/** Preset views for the wall: the whole district from above, or an oblique 3D view that shows the relief. */
export function flyToPreset(viewer: Viewer, config: MapConfig, preset: ViewPreset, duration = 1.5, view?: FocusView): void {
  if (preset === 'home') return flyHome(viewer, config, duration, view);
  const [w, s, e] = config.homeView.extent;
  viewer.camera.flyTo({
    destination: Cartesian3.fromDegrees((w + e) / 2 - 0.02, s - 0.06, 9_000),
    orientation: { heading: CesiumMath.toRadians(8), pitch: CesiumMath.toRadians(-18), roll: 0 },
    duration,
  });
}

/** The configured home view; given the canvas and its docks, the district lands in the free part of the canvas. */
export function flyHome(viewer: Viewer, config: MapConfig, duration = 1.5, view?: FocusView): void {
  const h = config.homeView;
  viewer.camera.flyTo({
    destination: view ? homeCamera(h, view) : Cartesian3.fromDegrees(h.longitude, h.latitude, h.height),
    orientation: { heading: CesiumMath.toRadians(h.heading), pitch: CesiumMath.toRadians(h.pitch), roll: 0 },
    duration,
  });
}
