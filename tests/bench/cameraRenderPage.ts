// Browser side of cameraRender.bench.ts (bundled by esbuild): one Cesium viewer drawing N synthetic cameras one of
// three ways — `layer` (our CamerasRenderer: icons, clusters, cones near the eye), `bare` (the same billboards in a
// plain BillboardCollection) or `entities` (one Entity per camera: billboard + ground polygon cone) — and a frame timer.
import {
  BillboardCollection,
  Cartesian3,
  Color,
  EllipsoidTerrainProvider,
  Entity,
  HeightReference,
  Math as CesiumMath,
  PolygonHierarchy,
  PrimitiveCollection,
  VerticalOrigin,
  Viewer,
} from 'cesium';
import type { Feature } from '../../preload/contract';
import { cameraIconImage } from '../../renderer/layers/cameras/cameraIconImage';
import { cameraRecordOf } from '../../renderer/layers/cameras/cameraRecord';
import { CamerasRenderer } from '../../renderer/layers/cameras/camerasRenderer';
import { cameraIconSpec, coneColour } from '../../renderer/layers/cameras/camerasStyle';
import { fovSector } from '../../renderer/layers/cameras/fovSector';

type Mode = 'layer' | 'bare' | 'entities';

/** Deterministic cameras over about 12 × 12 km of Maojian. */
function cameras(n: number): Feature[] {
  let s = 42;
  const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const types = ['bullet', 'dome', 'ptz'];
  const out: Feature[] = [];
  for (let i = 0; i < n; i++) {
    const r = rnd();
    out.push({
      type: 'Feature',
      id: i + 1,
      geometry: { type: 'Point', coordinates: [110.74 + rnd() * 0.13, 32.55 + rnd() * 0.11] },
      properties: { external_id: `CAM${i + 1}`, cam_type: types[Math.floor(rnd() * 3)], status: r < 0.9 ? 'online' : r < 0.97 ? 'offline' : 'fault', heading: rnd() * 360, hfov: 40 + rnd() * 60, range_m: 60 + rnd() * 200 },
    });
  }
  return out;
}

const views = {
  close: { lon: 110.805, lat: 32.585, height: 1500, pitch: -45 },
  overview: { lon: 110.805, lat: 32.5, height: 22_000, pitch: -60 },
};

async function setup(mode: Mode, n: number): Promise<{ viewer: Viewer; ready: () => boolean }> {
  const viewer = new Viewer('map', {
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
  });
  viewer.scene.globe.baseColor = Color.fromCssColorString('#1b3347');
  const features = cameras(n);
  const records = features.map((f) => cameraRecordOf(f)!);
  go(viewer, 'close');
  if (mode === 'layer') {
    const collection = viewer.scene.primitives.add(new PrimitiveCollection()) as PrimitiveCollection;
    const layer = new CamerasRenderer(collection, viewer.scene, 'zh-CN');
    layer.setData(features);
    (window as unknown as { benchLayer: CamerasRenderer }).benchLayer = layer;
    return { viewer, ready: () => layer.isReady() };
  }
  if (mode === 'bare') {
    const b = viewer.scene.primitives.add(new BillboardCollection({ scene: viewer.scene })) as BillboardCollection;
    for (const r of records) {
      b.add({ id: r.id, position: Cartesian3.fromDegrees(r.lon, r.lat), image: cameraIconImage(cameraIconSpec(r.camType, r.status, 'zh-CN')), heightReference: HeightReference.CLAMP_TO_GROUND, verticalOrigin: VerticalOrigin.CENTER, disableDepthTestDistance: Number.POSITIVE_INFINITY });
    }
    return { viewer, ready: () => true };
  }
  for (const r of records) {
    const ring = fovSector(r.lon, r.lat, r.heading, r.hfov, r.rangeM)!;
    viewer.entities.add(
      new Entity({
        id: r.id,
        position: Cartesian3.fromDegrees(r.lon, r.lat),
        billboard: { image: cameraIconImage(cameraIconSpec(r.camType, r.status, 'zh-CN')), heightReference: HeightReference.CLAMP_TO_GROUND, verticalOrigin: VerticalOrigin.CENTER, disableDepthTestDistance: Number.POSITIVE_INFINITY },
        polygon: { hierarchy: new PolygonHierarchy(Cartesian3.fromDegreesArray(ring)), material: Color.fromCssColorString(coneColour(r.status)) },
      }),
    );
  }
  return { viewer, ready: () => viewer.dataSourceDisplay.ready };
}

function go(viewer: Viewer, view: keyof typeof views, nudge = 0): void {
  const v = views[view];
  viewer.camera.setView({ destination: Cartesian3.fromDegrees(v.lon + nudge, v.lat, v.height), orientation: { heading: 0, pitch: CesiumMath.toRadians(v.pitch), roll: 0 } });
}

/** Renders until ready (or timeout), then times `frames` frames per view, the camera panning a little every frame. */
async function run(mode: Mode, n: number, frames: number): Promise<Record<string, number>> {
  const t0 = performance.now();
  const { viewer, ready } = await setup(mode, n);
  const gl = (viewer.scene as unknown as { context: { _gl: WebGL2RenderingContext } }).context._gl;
  const frame = () => {
    viewer.render();
    gl.finish();
  };
  const out: Record<string, number> = {};
  for (const view of ['close', 'overview'] as const) {
    go(viewer, view);
    viewer.camera.moveEnd.raiseEvent();
    const deadline = performance.now() + 240_000;
    do {
      frame();
      await new Promise((r) => setTimeout(r, 5));
    } while ((!ready() || !viewer.scene.globe.tilesLoaded) && performance.now() < deadline);
    if (view === 'close') out.setupMs = performance.now() - t0;
    out[`${view}Ready`] = ready() ? 1 : 0;
    for (let i = 0; i < 5; i++) frame();
    const times: number[] = [];
    const budget = performance.now() + 60_000;
    // At most a minute per view (an Entity frame can take seconds): the median of the frames timed by then.
    for (let i = 0; i < frames && (i < 3 || performance.now() < budget); i++) {
      go(viewer, view, (i % 10) * 0.00005);
      const s = performance.now();
      frame();
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    out[`${view}Ms`] = times[Math.floor(times.length / 2)]!;
  }
  return out;
}

(window as unknown as { runBench: typeof run }).runBench = run;
document.body.dataset.benchReady = 'true';
