// Browser side of drainageRender.bench.ts (bundled by esbuild): one Cesium viewer drawing N synthetic drainage pipes
// one of three ways — `layer` (our DrainagePipesRenderer as the app uses it: ground lines from afar, tubes close up in
// underground mode), `bare` (the same ground lines in one GroundPolylinePrimitive and the same tubes in one Primitive,
// shown per view like ours) or `entities` (one Entity per pipe with a polylineVolume tube) — and a frame timer.
import {
  ArcType,
  Cartesian2,
  Cartesian3,
  Color,
  ColorGeometryInstanceAttribute,
  ColorMaterialProperty,
  ConstantProperty,
  DistanceDisplayConditionGeometryInstanceAttribute,
  Entity,
  GeometryInstance,
  PolylineGeometry,
  Math as CesiumMath,
  PerInstanceColorAppearance,
  PolylineColorAppearance,
  PolylineVolumeGeometry,
  Primitive,
  PrimitiveCollection,
  Viewer,
} from 'cesium';
import type { Feature } from '../../preload/contract';
import { applyUnderground } from '../../renderer/map/undergroundMode';
import { DrainagePipesRenderer } from '../../renderer/layers/drainagePipes/drainagePipesRenderer';
import { pipeColour, pipeStyle } from '../../renderer/layers/drainagePipes/drainagePipesStyle';
import { plannedColours, readPipesLive, type DrainagePipesLive } from '../../renderer/layers/drainagePipes/pipeHighlight';
import { circleShape, pipeTubes, type TubePlacement } from '../../renderer/layers/drainagePipes/pipeTubes';
import { readCanvas, renderAndWait } from './benchFrame';
import { benchViewerOptions } from './benchViewerOptions';

type Mode = 'layer' | 'bare' | 'entities';
type View = 'close' | 'overview';

/** Maojian district extent (degrees) the network is spread over. */
const EXTENT = { west: 110.7, south: 32.5, east: 110.9, north: 32.7 };
const CENTRE = { lon: 110.8, lat: 32.6 };
const CHAIN = 25;
/** Tubes are drawn within this camera height in underground mode, and to 1.5× that distance (the layer's defaults). */
const TUBE_RANGE = 3_000;
const SIDES = 8;

/**
 * Deterministic storm/sewage network: chains of CHAIN pipes (35–70 m, every fifth with a bend) wandering from random
 * starts over the district, inverts 1.5–4 m below the (ellipsoid) ground falling downstream, diameters growing.
 */
function pipes(n: number): Feature[] {
  let s = 7;
  const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const networks = ['rain', 'rain', 'rain', 'sewage', 'sewage', 'combined'];
  const mPerDegLat = 111_320;
  const mPerDegLon = mPerDegLat * Math.cos((32.6 * Math.PI) / 180);
  const out: Feature[] = [];
  let lon = 0, lat = 0, heading = 0, invert = 0, network = 'rain';
  for (let i = 0; i < n; i++) {
    const k = i % CHAIN;
    if (k === 0) {
      // The first chain starts in the district's middle heading north-east (the close view looks along it).
      lon = i === 0 ? CENTRE.lon : EXTENT.west + rnd() * (EXTENT.east - EXTENT.west);
      lat = i === 0 ? CENTRE.lat : EXTENT.south + rnd() * (EXTENT.north - EXTENT.south);
      heading = i === 0 ? Math.PI / 6 : rnd() * Math.PI * 2;
      invert = -1.5 - rnd();
      network = networks[Math.floor(rnd() * networks.length)]!;
    }
    heading += (rnd() - 0.5) * 0.5;
    const len = 35 + rnd() * 35;
    const step = (from: [number, number], h: number, m: number): [number, number] => [from[0] + (Math.sin(h) * m) / mPerDegLon, from[1] + (Math.cos(h) * m) / mPerDegLat];
    const a: [number, number] = [lon, lat];
    const coords = [a];
    if (k % 5 === 4) coords.push(step(a, heading - 0.4, len / 2));
    const b = step(coords[coords.length - 1]!, heading, k % 5 === 4 ? len / 2 : len);
    coords.push(b);
    [lon, lat] = b;
    const fall = 0.003 * len;
    out.push({
      type: 'Feature',
      id: `YS${i + 1}`,
      geometry: { type: 'LineString', coordinates: coords },
      properties: { network, diameter_mm: [300, 400, 500, 600, 800, 1000, 1200][Math.min(6, Math.floor(k / 4))], up_invert: invert, down_invert: invert - fall, material: 'HDPE' },
    });
    invert -= fall;
  }
  return out;
}

const views: Record<View, { lon: number; lat: number; height: number; heading: number; pitch: number; underground: boolean }> = {
  // Underground mode, 60 m up and 200 m south-west of the district's middle, looking north-east 20° down.
  close: { lon: CENTRE.lon - 0.00107, lat: CENTRE.lat - 0.00156, height: 60, heading: 30, pitch: -20, underground: true },
  // The whole district from the south.
  overview: { lon: CENTRE.lon, lat: 32.41, height: 26_000, heading: 0, pitch: -58, underground: false },
};

interface Setup {
  viewer: Viewer;
  features: Feature[];
  ready(): boolean;
  /** What changes per view, beyond the camera and underground mode (the bare page switches lines/tubes). */
  onView(view: View): void;
  /** Recolours the pipes for a highlight, as the workbench hands it to the pipes layer (the layer plans its colours). */
  highlight(live: DrainagePipesLive): void;
}

function viewerOf(): Viewer {
  const viewer = new Viewer('map', {
    ...benchViewerOptions(),
    // Software GL shades every sample: without MSAA the globe (the same in every mode) takes less of each frame, so
    // what the pipes cost shows more. Even so, the translucent globe is most of a close underground frame.
    msaaSamples: 1,
  });
  viewer.scene.globe.baseColor = Color.fromCssColorString('#1b3347');
  return viewer;
}

async function setupOf(mode: Mode, n: number): Promise<Setup> {
  const viewer = viewerOf();
  const features = pipes(n);
  go(viewer, 'close');
  if (mode === 'layer') {
    const collection = viewer.scene.primitives.add(new PrimitiveCollection()) as PrimitiveCollection;
    const layer = new DrainagePipesRenderer(collection, viewer.scene);
    layer.setData(features);
    (window as unknown as { benchLayer: DrainagePipesRenderer }).benchLayer = layer;
    return { viewer, features, ready: () => layer.isReady(), onView: () => undefined, highlight: (live) => layer.setLive(live) };
  }
  const place: TubePlacement = { exaggeration: 1, relativeHeight: 0, groundAt: () => 0 };
  const year = new Date().getFullYear();
  const shapes = new Map<number, Cartesian2[]>();
  const shapeOf = (radius: number) => {
    const r = Math.round(radius * 100) / 100;
    let shape = shapes.get(r);
    if (!shape) shapes.set(r, (shape = circleShape(r, SIDES).map((p) => new Cartesian2(p.x, p.y))));
    return shape;
  };
  if (mode === 'bare') {
    const lines: GeometryInstance[] = [];
    const tubes: GeometryInstance[] = [];
    for (const f of features) {
      const id = String(f.id);
      const color = ColorGeometryInstanceAttribute.fromColor(Color.fromCssColorString(pipeColour('network', f.properties, undefined, year)));
      const width = pipeStyle(f.properties.network, f.properties.diameter_mm).width;
      for (const t of pipeTubes(f, place)) {
        const positions = Cartesian3.fromDegreesArrayHeights(t.positions);
        const key = t.part === 0 ? id : `${id}:${t.part}`;
        lines.push(new GeometryInstance({ id: key, geometry: new PolylineGeometry({ positions, width, arcType: ArcType.NONE, vertexFormat: PolylineColorAppearance.VERTEX_FORMAT }), attributes: { color } }));
        tubes.push(
          new GeometryInstance({
            id: key,
            geometry: new PolylineVolumeGeometry({ polylinePositions: positions, shapePositions: shapeOf(t.radius), vertexFormat: PerInstanceColorAppearance.VERTEX_FORMAT }),
            // The same distance limit as the layer's tubes, so both pages draw the same picture.
            attributes: { color, distanceDisplayCondition: new DistanceDisplayConditionGeometryInstanceAttribute(0, TUBE_RANGE * 1.5) },
          }),
        );
      }
    }
    const line = viewer.scene.primitives.add(
      new Primitive({ geometryInstances: lines, appearance: new PolylineColorAppearance({ translucent: false, renderState: { depthTest: { enabled: false }, depthMask: false } }), show: false, releaseGeometryInstances: false }),
    ) as Primitive;
    const tube = viewer.scene.primitives.add(new Primitive({ geometryInstances: tubes, appearance: new PerInstanceColorAppearance({ translucent: false, closed: true }), releaseGeometryInstances: false })) as Primitive;
    let shown: Primitive = tube;
    const keys = tubes.map((g) => g.id as string);
    return {
      viewer,
      features,
      ready: () => shown.ready,
      onView: (view) => {
        line.show = view === 'overview';
        tube.show = view === 'close';
        shown = view === 'overview' ? line : tube;
      },
      // What a bare page does for a highlight: the colour attribute of every instance of the shown primitive.
      highlight: (live) => {
        const colours = coloursOf(features, live);
        for (const key of keys) {
          const attrs = shown.getGeometryInstanceAttributes(key) as { color: Uint8Array };
          attrs.color = ColorGeometryInstanceAttribute.toValue(Color.fromCssColorString(colours.get(key.replace(/:.*$/, ''))!));
        }
      },
    };
  }
  // One Entity per pipe part, as the Entity API offers it: a tube (polylineVolume) for close up and a line clamped to
  // the ground (the Entity way to draw a line on terrain) from afar, shown per view like the layer's.
  const tubesOf: Entity[] = [];
  for (const f of features) {
    const material = Color.fromCssColorString(pipeColour('network', f.properties, undefined, year));
    const width = pipeStyle(f.properties.network, f.properties.diameter_mm).width;
    for (const t of pipeTubes(f, place)) {
      const positions = Cartesian3.fromDegreesArrayHeights(t.positions);
      tubesOf.push(
        viewer.entities.add(
          new Entity({
            id: t.part === 0 ? String(f.id) : `${f.id}:${t.part}`,
            polylineVolume: { positions, shape: shapeOf(t.radius), material },
            polyline: { positions, width, material, clampToGround: true, show: false },
          }),
        ),
      );
    }
  }
  return {
    viewer,
    features,
    // dataSourceDisplay.ready only says the first build is done; the widget sets clock.canAnimate from every frame's
    // DataSourceDisplay.update (false while a changed entity's batch is rebuilt).
    ready: () => viewer.dataSourceDisplay.ready && viewer.clock.canAnimate,
    onView: (view) => {
      for (const e of tubesOf) {
        e.polylineVolume!.show = new ConstantProperty(view === 'close');
        e.polyline!.show = new ConstantProperty(view === 'overview');
      }
    },
    // What an Entity page does for a highlight: a new colour on every shown tube.
    highlight: (live) => {
      const colours = coloursOf(features, live);
      for (const e of tubesOf) e.polylineVolume!.material = new ColorMaterialProperty(Color.fromCssColorString(colours.get(e.id.replace(/:.*$/, ''))!));
    },
  };
}

/** Each pipe's colour for a highlight, planned as the layer plans them. */
function coloursOf(features: Feature[], live: DrainagePipesLive): Map<string, string> {
  return plannedColours(
    features.map((f) => ({ id: String(f.id), props: f.properties })),
    readPipesLive(live),
    new Date().getFullYear(),
  );
}

function go(viewer: Viewer, view: View, nudge = 0): void {
  const v = views[view];
  viewer.camera.setView({ destination: Cartesian3.fromDegrees(v.lon + nudge, v.lat, v.height), orientation: { heading: CesiumMath.toRadians(v.heading), pitch: CesiumMath.toRadians(v.pitch), roll: 0 } });
}

let current: { setup: Setup; features: Feature[]; frame(): number } | null = null;

/** Builds the scene of one mode and renders until the close view is drawn (or timeout): the setup time in ms. */
async function benchSetup(mode: Mode, n: number): Promise<number> {
  const t0 = performance.now();
  const setup = await setupOf(mode, n);
  current = { setup, features: setup.features, frame: () => renderAndWait(setup.viewer) };
  await benchView('close');
  return performance.now() - t0;
}

/** Goes to a view (camera, underground mode) and renders until everything shown is ready: 1 when it got there. */
async function benchView(view: View): Promise<number> {
  const { setup, frame } = current!;
  const { viewer, ready } = setup;
  applyUnderground(viewer, { enabled: views[view].underground, alpha: 0.4 });
  setup.onView(view);
  go(viewer, view);
  viewer.camera.moveEnd.raiseEvent();
  const deadline = performance.now() + 240_000;
  // Frames 50 ms apart while waiting: Cesium builds the geometry on one worker here (2 cores), leave it the CPU.
  do {
    frame();
    await new Promise((r) => setTimeout(r, 50));
  } while ((!ready() || !viewer.scene.globe.tilesLoaded) && performance.now() < deadline);
  for (let i = 0; i < 5; i++) frame();
  return ready() ? 1 : 0;
}

/** Frames per sample: a cheap frame (~1 ms) is near the resolution of performance.now(), so samples average a few. */
const PER_SAMPLE = 4;

/**
 * Up to `samples` frame times in ms (at least 3, then within `budgetMs`), each the mean of PER_SAMPLE frames, the
 * camera panning a little every frame.
 */
function benchFrames(view: View, samples: number, budgetMs: number): number[] {
  const { setup, frame } = current!;
  const times: number[] = [];
  const budget = performance.now() + budgetMs;
  for (let i = 0; i < samples && (i < 3 || performance.now() < budget); i++) {
    const t = performance.now();
    for (let k = 0; k < PER_SAMPLE; k++) {
      go(setup.viewer, view, ((i * PER_SAMPLE + k) % 10) * 0.00005);
      frame();
    }
    times.push((performance.now() - t) / PER_SAMPLE);
  }
  return times;
}

/** Chains (of CHAIN pipes) a bench trace highlights; the first one runs through the close view. */
const TRACED_CHAINS = 4;

/**
 * A trace highlight in the view shown (the pipes of the first TRACED_CHAINS chains in the highlight colour, the rest
 * dimmed, as the workbench shows a trace), or back to plain: ms from the change until a frame showing it is drawn —
 * the colours planned, handed to the page's pipes, and frames rendered until what is shown is ready again.
 */
async function benchHighlight(on: boolean): Promise<{ ms: number; yellow: number }> {
  const { setup, features, frame } = current!;
  const t0 = performance.now();
  const live: DrainagePipesLive = on ? { highlight: { pipeIds: features.slice(0, TRACED_CHAINS * CHAIN).map((f) => String(f.id)) } } : {};
  setup.highlight(live);
  frame();
  while (!setup.ready() && performance.now() - t0 < 240_000) {
    await new Promise((r) => setTimeout(r, 50));
    frame();
  }
  if (!setup.ready()) throw new Error('the highlight was not drawn within 4 minutes');
  const ms = performance.now() - t0;
  // What that frame shows (read back after the timing): the highlight colour's pixels.
  const { width, height } = setup.viewer.scene.canvas;
  const px = readCanvas(setup.viewer, new Uint8Array(width * height * 4), width, height);
  let yellow = 0;
  for (let i = 0; i < px.length; i += 4) if (px[i]! > 200 && px[i + 1]! > 200 && px[i + 2]! < 90) yellow++;
  return { ms, yellow };
}

/** The view as drawn now, a PNG data URL. */
function benchShot(): string {
  current!.setup.viewer.render();
  return current!.setup.viewer.canvas.toDataURL('image/png');
}

Object.assign(window, { benchSetup, benchView, benchFrames, benchHighlight, benchShot });
document.body.dataset.benchReady = 'true';
