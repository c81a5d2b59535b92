// Browser side of cameraRender.bench.ts (bundled by esbuild): one Cesium viewer drawing N synthetic cameras one of
// three ways, and a frame timer:
// - `layer`: our CamerasRenderer (icons, clusters, cones for the nearest cameras in view, draped on the terrain);
// - `bare`: the same camera billboards in a plain BillboardCollection plus every camera's cone in ONE static Primitive
//   (the same fovSector polygons and colours, hidden beyond the layer's 3 km by a per-instance distance condition);
// - `entities`: one Entity per camera (billboard + ground polygon cone).
// The node side drives the pages in lock step: every mode gets the same warm-up and its frames are interleaved with
// the other modes', so load from elsewhere on the machine hits all of them alike.
import {
  BillboardCollection,
  Cartesian3,
  Color,
  ColorGeometryInstanceAttribute,
  DistanceDisplayConditionGeometryInstanceAttribute,
  Entity,
  GeometryInstance,
  HeightReference,
  Math as CesiumMath,
  NearFarScalar,
  PerInstanceColorAppearance,
  PolygonGeometry,
  PolygonHierarchy,
  Primitive,
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
import { renderAndWait } from './benchFrame';
import { benchViewerOptions } from './benchViewerOptions';

export type Mode = 'layer' | 'bare' | 'entities';
export type View = 'close' | 'overview';

/** The layer's default cone distance (CamerasRenderer coneDistanceM): the bare page hides its cones beyond it too. */
const CONE_DISTANCE_M = 3000;

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

const views: Record<View, { lon: number; lat: number; height: number; pitch: number }> = {
  close: { lon: 110.805, lat: 32.585, height: 1500, pitch: -45 },
  overview: { lon: 110.805, lat: 32.5, height: 22_000, pitch: -60 },
};

interface Bench {
  viewer: Viewer;
  /** Everything the mode draws is built (cones on the workers, entity batches). */
  ready: () => boolean;
  layer?: CamerasRenderer;
  cones: number;
}

let bench: Bench | null = null;
const t0 = performance.now();

function setup(mode: Mode, n: number): Bench {
  const viewer = new Viewer('map', {
    ...benchViewerOptions(),
  });
  viewer.scene.globe.baseColor = Color.fromCssColorString('#1b3347');
  const features = cameras(n);
  const records = features.map((f) => cameraRecordOf(f)!);
  go(viewer, 'close');
  const icon = (r: (typeof records)[number]) => cameraIconImage(cameraIconSpec(r.camType, r.status, 'zh-CN'));
  if (mode === 'layer') {
    const collection = viewer.scene.primitives.add(new PrimitiveCollection()) as PrimitiveCollection;
    const layer = new CamerasRenderer(collection, viewer.scene, 'zh-CN');
    layer.setData(features);
    return { viewer, ready: () => layer.isReady(), layer, cones: 0 };
  }
  if (mode === 'bare') {
    // The same billboards as the layer's camera icons…
    const b = viewer.scene.primitives.add(new BillboardCollection({ scene: viewer.scene })) as BillboardCollection;
    for (const r of records) {
      b.add({
        id: r.id,
        position: Cartesian3.fromDegrees(r.lon, r.lat),
        image: icon(r),
        heightReference: HeightReference.CLAMP_TO_GROUND,
        verticalOrigin: VerticalOrigin.CENTER,
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
        scaleByDistance: new NearFarScalar(1_500, 1, 40_000, 0.7),
      });
    }
    // …and the same cone polygons, every camera's, as one static Primitive on the (ellipsoid) ground.
    const ddc = new DistanceDisplayConditionGeometryInstanceAttribute(0, CONE_DISTANCE_M);
    const instances: GeometryInstance[] = [];
    for (const r of records) {
      const ring = fovSector(r.lon, r.lat, r.heading, r.hfov, r.rangeM);
      if (!ring) continue;
      instances.push(
        new GeometryInstance({
          id: r.id,
          geometry: new PolygonGeometry({ polygonHierarchy: new PolygonHierarchy(Cartesian3.fromDegreesArray(ring)) }),
          attributes: { color: ColorGeometryInstanceAttribute.fromColor(Color.fromCssColorString(coneColour(r.status))), distanceDisplayCondition: ddc },
        }),
      );
    }
    const cones = viewer.scene.primitives.add(new Primitive({ geometryInstances: instances, appearance: new PerInstanceColorAppearance({ flat: true, translucent: true }) })) as Primitive;
    return { viewer, ready: () => cones.ready, cones: instances.length };
  }
  for (const r of records) {
    const ring = fovSector(r.lon, r.lat, r.heading, r.hfov, r.rangeM)!;
    viewer.entities.add(
      new Entity({
        id: r.id,
        position: Cartesian3.fromDegrees(r.lon, r.lat),
        billboard: { image: icon(r), heightReference: HeightReference.CLAMP_TO_GROUND, verticalOrigin: VerticalOrigin.CENTER, disableDepthTestDistance: Number.POSITIVE_INFINITY, scaleByDistance: new NearFarScalar(1_500, 1, 40_000, 0.7) },
        polygon: { hierarchy: new PolygonHierarchy(Cartesian3.fromDegreesArray(ring)), material: Color.fromCssColorString(coneColour(r.status)) },
      }),
    );
  }
  return { viewer, ready: () => viewer.dataSourceDisplay.ready, cones: records.length };
}

function go(viewer: Viewer, view: View, nudge = 0): void {
  const v = views[view];
  viewer.camera.setView({ destination: Cartesian3.fromDegrees(v.lon + nudge, v.lat, v.height), orientation: { heading: 0, pitch: CesiumMath.toRadians(v.pitch), roll: 0 } });
}

const frame = renderAndWait;

/**
 * Cesium is still settling while terrain tiles load and while it moves CLAMP_TO_GROUND billboards onto finer tiles
 * (a time-sliced queue that can run for hundreds of frames after the tiles are loaded, re-uploading the billboards):
 * the same for every mode, and not what a frame costs once the view is up. Wait for it to drain (private Cesium
 * state, read here in the bench only).
 */
function settled(b: Bench): boolean {
  const surface = (b.viewer.scene.globe as unknown as { _surface?: { _tileToUpdateHeights?: unknown[] } })._surface;
  return b.ready() && b.viewer.scene.globe.tilesLoaded && (surface?._tileToUpdateHeights?.length ?? 0) === 0;
}

async function renderUntilSettled(b: Bench, deadline: number): Promise<boolean> {
  do {
    frame(b.viewer);
    await new Promise((r) => setTimeout(r, 5));
  } while (!settled(b) && performance.now() < deadline);
  return settled(b);
}

/** Creates the viewer and the cameras; returns when the first view is drawn (ms since the page loaded). */
async function benchSetup(mode: Mode, n: number): Promise<{ setupMs: number }> {
  bench = setup(mode, n);
  bench.viewer.camera.moveEnd.raiseEvent();
  await renderUntilSettled(bench, performance.now() + 240_000);
  return { setupMs: performance.now() - t0 };
}

/**
 * Moves to a view and warms it the same way in every mode: settle, one pass over the nudged positions the timed
 * frames use (so their tiles are loaded), the camera's moveEnd (the layer picks its cones), settle again.
 */
async function benchView(view: View): Promise<{ settled: boolean; layerCones: number; clusters: number }> {
  const b = bench!;
  const deadline = performance.now() + 240_000;
  go(b.viewer, view);
  b.viewer.camera.moveEnd.raiseEvent();
  await renderUntilSettled(b, deadline);
  // (At most 20 s of it: an Entity frame at overview can take many seconds.)
  const passEnd = performance.now() + 20_000;
  for (let i = 0; i < 10 && performance.now() < passEnd; i++) {
    go(b.viewer, view, i * 0.00005);
    frame(b.viewer);
  }
  go(b.viewer, view);
  b.viewer.camera.moveEnd.raiseEvent();
  const ok = await renderUntilSettled(b, deadline);
  for (let i = 0; i < 3; i++) frame(b.viewer);
  const stats = b.layer?.stats();
  return { settled: ok, layerCones: b.layer ? b.layer.coneIds().length : b.cones, clusters: stats?.clusters ?? 0 };
}

/** One timed frame with the camera panned a little (i-th of a cycle of ten positions about 4.7 m apart). */
function benchFrame(view: View, i: number): number {
  const b = bench!;
  go(b.viewer, view, (i % 10) * 0.00005);
  return frame(b.viewer);
}

/** The canvas as a PNG data URL, for looking at what was measured. */
function benchShot(): string {
  const b = bench!;
  b.viewer.render();
  return b.viewer.scene.canvas.toDataURL('image/png');
}

Object.assign(window, { benchSetup, benchView, benchFrame, benchShot });
document.body.dataset.benchReady = 'true';
