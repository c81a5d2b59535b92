import {
  ArcType,
  BillboardCollection,
  Cartesian2,
  Cartesian3,
  Cartographic,
  Color,
  HeadingPitchRange,
  Math as CesiumMath,
  Matrix4,
  SceneTransforms,
  ColorGeometryInstanceAttribute,
  DistanceDisplayCondition,
  DistanceDisplayConditionGeometryInstanceAttribute,
  GeometryInstance,
  PolylineGeometry,
  PerInstanceColorAppearance,
  PolylineColorAppearance,
  PolylineVolumeGeometry,
  Primitive,
  type PrimitiveCollection,
  type Scene,
} from 'cesium';
import type { Feature } from '../../../preload/contract';
import type { MapLayer } from '../../map/mapLayer';
import { pipeStyle } from './drainagePipesStyle';
import { flowArrowImage } from './flowArrowImage';
import { changedColours, plannedColours, readPipesLive } from './pipeHighlight';
import { circleShape, pipeTubes, type TubePlacement } from './pipeTubes';

export interface DrainagePipesOptions {
  /**
   * 'auto' (the app): lines along the pipes, drawn over the ground, from afar; within `tubeRange` of the ground in underground mode, 3D tubes
   * at invert depth with flow arrows. 'tubes' (benchmarks): tubes always, no lines.
   */
  lod?: 'auto' | 'tubes';
  /** Camera height above the ground (m) under which tubes replace the lines. */
  tubeRange?: number;
  /** Flow arrows are drawn within this distance (m). */
  arrowRange?: number;
  /** Sides of the tube's cross-section. */
  sides?: number;
}

/**
 * Drainage pipes. From afar: one Primitive of pixel-wide polylines along the tubes' centrelines, drawn over the ground
 * (a terrain-clamped GroundPolylinePrimitive cost about 3× the whole frame at district range in the render bench). Close up in
 * underground mode: one Primitive of PolylineVolume tubes (a circle swept along the pipe) at the true invert elevation
 * and diameter (the invert is the tube's bottom), with flow arrows (one billboard per pipe, shown within arrowRange).
 * Colour-by and highlights (setLive: DrainagePipesLive) change per-instance colour attributes in place — 11k tubes are
 * never rebuilt for a highlight. Picking any of it gives the pipe's external_id.
 */
export class DrainagePipesRenderer implements MapLayer {
  private readonly lod: 'auto' | 'tubes';
  private readonly tubeRange: number;
  private readonly arrowRange: number;
  private readonly sides: number;
  private features: Feature[] = [];
  private live = readPipesLive(undefined);
  private desired = new Map<string, string>();
  private lines: Primitive | null = null;
  private tubes: Primitive | null = null;
  private arrows: BillboardCollection | null = null;
  /** Per primitive: instance keys by feature id, and the colours now on the GPU. */
  private readonly keys = new Map<Primitive, Map<string, string[]>>();
  private readonly applied = new Map<Primitive, Map<string, string>>();
  private readonly featureOfKey = new Map<string, string>();
  /** Middle of each pipe's first tube (rendered height), for the e2e test hook. */
  private readonly middles = new Map<string, Cartesian3>();
  private estimated = 0;
  private near = false;
  /**
   * Primitives whose colours on the GPU lag `desired`. Only a shown, built one is written: a hidden one is caught up
   * when it is shown (before that frame is drawn), so a highlight costs the instances on screen, not both LODs.
   */
  private readonly stale = new Set<Primitive>();
  private flashTimer: number | undefined;
  private readonly removeListeners: (() => void)[];

  constructor(
    private readonly collection: PrimitiveCollection,
    private readonly scene: Scene,
    opts: DrainagePipesOptions = {},
  ) {
    this.lod = opts.lod ?? 'auto';
    this.tubeRange = opts.tubeRange ?? 3_000;
    this.arrowRange = opts.arrowRange ?? 600;
    this.sides = opts.sides ?? 8;
    this.removeListeners = [scene.preRender.addEventListener(() => this.chooseDetail()), scene.postRender.addEventListener(() => this.afterRender())];
    this.installTestHook();
  }

  /**
   * E2E test hook, installed only when the page set `window.__cityopsTestHooks = true` before loading (Playwright's
   * addInitScript): `window.__cityopsDrainagePipes.lookAt(id, range)` points the camera at a pipe's middle from the
   * south-west at 35° down; `.screenPositionOf(id)` gives that middle in CSS pixels of the map canvas (or null); `.pipeAt(x, y)` the pipe
   * scene.pick finds there; `.tubesShown()` whether the tubes are drawn.
   */
  private installTestHook(): void {
    const w = window as unknown as { __cityopsTestHooks?: boolean; __cityopsDrainagePipes?: unknown };
    if (w.__cityopsTestHooks !== true) return;
    w.__cityopsDrainagePipes = {
      lookAt: (id: string, range = 80): boolean => {
        const c = this.middles.get(id);
        if (!c) return false;
        this.scene.camera.lookAt(c, new HeadingPitchRange(CesiumMath.toRadians(30), CesiumMath.toRadians(-35), range));
        this.scene.camera.lookAtTransform(Matrix4.IDENTITY);
        this.scene.requestRender();
        return true;
      },
      screenPositionOf: (id: string): [number, number] | null => {
        const c = this.middles.get(id);
        const p = c && SceneTransforms.worldToWindowCoordinates(this.scene, c);
        return p ? [p.x, p.y] : null;
      },
      tubesShown: (): boolean => !!this.tubes?.show && this.tubes.ready,
      /** What scene.pick finds at a canvas position, as this layer reads it (null: not a pipe of this layer). */
      pipeAt: (x: number, y: number): string | null => this.featureIdOf((this.scene.pick(new Cartesian2(x, y)) ?? {}) as { id?: unknown }),
    };
  }

  setData(features: Feature[]): number {
    this.features = features;
    this.build();
    return features.length;
  }

  /** DrainagePipesLive (pipeHighlight.ts): colour-by mode, CJJ 181 grades and a highlight. */
  setLive(data: unknown): void {
    this.live = readPipesLive(data);
    this.plan();
    this.sync();
  }

  /** Blinks one pipe (a finding or a located pipe) for a few seconds. */
  flash(featureId: string): void {
    if (this.flashTimer !== undefined) window.clearInterval(this.flashTimer);
    const start = performance.now();
    const base = this.desired.get(featureId);
    if (!base) return;
    this.flashTimer = window.setInterval(() => {
      const t = performance.now() - start;
      const done = t > 6000 || this.scene.isDestroyed();
      const on = !done && Math.floor(t / 400) % 2 === 0;
      this.desired.set(featureId, on ? '#ffffff' : (this.plannedFor(featureId) ?? base));
      this.markStale();
      this.sync();
      if (done) {
        window.clearInterval(this.flashTimer);
        this.flashTimer = undefined;
      }
    }, 200);
  }

  featureIdOf(picked: { id?: unknown }): string | null {
    return typeof picked.id === 'string' ? (this.featureOfKey.get(picked.id) ?? null) : null;
  }

  isReady(): boolean {
    // A hidden primitive is not built (Cesium skips it), so only what is shown must be ready.
    const linesOk = !this.lines || !this.lines.show || this.lines.ready;
    const tubesOk = !this.tubes || !this.tubes.show || this.tubes.ready;
    return linesOk && tubesOk;
  }

  /** Pipes drawn at an assumed depth because their inverts are missing. */
  get estimatedCount(): number {
    return this.estimated;
  }

  /** The tube primitive (benchmarks and tests look at it; nothing else should). */
  get tubePrimitive(): Primitive | null {
    return this.tubes;
  }

  destroy(): void {
    if (this.flashTimer !== undefined) window.clearInterval(this.flashTimer);
    for (const off of this.removeListeners) off();
  }

  private plannedFor(featureId: string): string | undefined {
    const f = this.features.find((x) => String(x.id) === featureId);
    return f ? plannedColours([{ id: featureId, props: f.properties }], this.live, new Date().getFullYear()).get(featureId) : undefined;
  }

  private markStale(): void {
    for (const prim of [this.lines, this.tubes]) if (prim) this.stale.add(prim);
  }

  private plan(): void {
    this.markStale();
    this.desired = plannedColours(
      this.features.map((f) => ({ id: String(f.id), props: f.properties })),
      this.live,
      new Date().getFullYear(),
    );
  }

  private placement(): TubePlacement {
    const globe = this.scene.globe;
    return {
      exaggeration: this.scene.verticalExaggeration ?? 1,
      relativeHeight: this.scene.verticalExaggerationRelativeHeight ?? 0,
      groundAt: (lon, lat) => globe?.getHeight(Cartographic.fromDegrees(lon, lat)) ?? null,
    };
  }

  private build(): void {
    for (const p of [this.lines, this.tubes, this.arrows]) if (p) this.collection.remove(p);
    this.lines = null;
    this.tubes = null;
    this.arrows = null;
    this.keys.clear();
    this.applied.clear();
    this.stale.clear();
    this.featureOfKey.clear();
    this.middles.clear();
    this.plan();
    const keyOf = (id: string, part: number) => (part === 0 ? id : `${id}\u0000${part}`);
    const colourOf = (id: string) => Color.fromCssColorString(this.desired.get(id) ?? '#8a9bb0');

    const place = this.placement();
    const tubes: GeometryInstance[] = [];
    const lines: GeometryInstance[] = [];
    const keys = new Map<string, string[]>();
    const arrows = new BillboardCollection({ scene: this.scene });
    const image = flowArrowImage();
    const far = this.lod === 'tubes' ? Number.MAX_VALUE : this.tubeRange * 1.5;
    const shapes = new Map<number, Cartesian2[]>();
    this.estimated = 0;
    for (const f of this.features) {
      const id = String(f.id);
      const parts = pipeTubes(f, place);
      if (parts.some((p) => p.estimated)) this.estimated++;
      for (const t of parts) {
        const key = keyOf(id, t.part);
        this.featureOfKey.set(key, id);
        keys.set(id, [...(keys.get(id) ?? []), key]);
        const positions = Cartesian3.fromDegreesArrayHeights(t.positions);
        if (this.lod === 'auto') {
          const width = pipeStyle(f.properties.network, f.properties.diameter_mm).width;
          lines.push(
            new GeometryInstance({
              id: key,
              geometry: new PolylineGeometry({ positions, width, arcType: ArcType.NONE, vertexFormat: PolylineColorAppearance.VERTEX_FORMAT }),
              attributes: { color: ColorGeometryInstanceAttribute.fromColor(colourOf(id)) },
            }),
          );
        }
        const r = Math.round(t.radius * 100) / 100;
        let shape = shapes.get(r);
        if (!shape) shapes.set(r, (shape = circleShape(r, this.sides).map((p) => new Cartesian2(p.x, p.y))));
        tubes.push(
          new GeometryInstance({
            id: key,
            geometry: new PolylineVolumeGeometry({ polylinePositions: positions, shapePositions: shape, vertexFormat: PerInstanceColorAppearance.VERTEX_FORMAT }),
            attributes: {
              color: ColorGeometryInstanceAttribute.fromColor(colourOf(id)),
              distanceDisplayCondition: new DistanceDisplayConditionGeometryInstanceAttribute(0, far),
            },
          }),
        );
        if (t.arrow && t.part === 0) this.middles.set(id, Cartesian3.fromDegrees(t.arrow.lon, t.arrow.lat, t.arrow.height - t.radius - 0.4));
        if (t.arrow) {
          const from = Cartesian3.fromDegrees(t.arrow.lon, t.arrow.lat, t.arrow.height);
          const to = Cartesian3.fromDegrees(t.arrow.toLon, t.arrow.toLat, t.arrow.toHeight);
          const axis = Cartesian3.normalize(Cartesian3.subtract(to, from, new Cartesian3()), new Cartesian3());
          arrows.add({ id: key, position: from, image, alignedAxis: axis, scale: 0.9, distanceDisplayCondition: new DistanceDisplayCondition(0, this.arrowRange) });
        }
      }
    }
    if (lines.length) {
      this.lines = this.collection.add(
        new Primitive({
          geometryInstances: lines,
          // Drawn over the ground, not tested against it: the pipes lie a few metres under it (at district range that
          // is well under a pixel of parallax) and stay visible and pickable without draping them on the terrain.
          appearance: new PolylineColorAppearance({ translucent: false, renderState: { depthTest: { enabled: false }, depthMask: false } }),
          releaseGeometryInstances: true,
        }),
      ) as Primitive;
      // The same instance keys as the tubes (one line per tube part).
      this.keys.set(this.lines, keys);
      this.applied.set(this.lines, new Map(this.desired));
    }
    if (tubes.length) {
      this.tubes = this.collection.add(
        new Primitive({
          geometryInstances: tubes,
          appearance: new PerInstanceColorAppearance({ translucent: false, closed: true }),
          releaseGeometryInstances: true,
          show: this.lod === 'tubes',
        }),
      ) as Primitive;
      this.keys.set(this.tubes, keys);
      this.applied.set(this.tubes, new Map(this.desired));
      this.arrows = this.collection.add(arrows) as BillboardCollection;
      this.arrows.show = this.tubes.show;
    } else arrows.destroy();
    this.near = this.lod === 'tubes';
    this.chooseDetail();
  }

  /** Before each frame: tubes close up in underground mode, lines otherwise. */
  private chooseDetail(): void {
    if (this.lod === 'tubes') return;
    const camera = this.scene.camera;
    const carto = camera.positionCartographic;
    const groundH = this.scene.globe?.getHeight(carto) ?? 0;
    const underground = this.scene.globe?.translucency.enabled ?? false;
    const near = underground && carto.height - groundH < this.tubeRange;
    if (near === this.near && (!this.tubes || this.tubes.show === near)) return;
    this.near = near;
    if (this.tubes) this.tubes.show = near;
    if (this.arrows) this.arrows.show = near;
    if (this.lines) this.lines.show = !near;
    // The primitive now shown gets the colours it missed while hidden, before this frame draws it.
    this.sync();
    this.scene.requestRender();
  }

  private afterRender(): void {
    this.sync();
    // Keep frames coming while what is shown is still being built on workers (requestRenderMode is on).
    if (!this.isReady()) this.scene.requestRender();
  }

  /** Writes the colours that differ from what each shown, built primitive has, in place. */
  private sync(): void {
    let changed = false;
    for (const prim of this.stale) {
      // Hidden (caught up when shown) or not built yet (caught up after the frame it becomes ready in).
      if (!prim.show || !prim.ready) continue;
      const applied = this.applied.get(prim)!;
      const keys = this.keys.get(prim)!;
      // A handful of distinct colours for thousands of pipes: each parsed once.
      const values = new Map<string, Uint8Array>();
      for (const [id, css] of changedColours(applied, this.desired)) {
        let value = values.get(css);
        if (!value) values.set(css, (value = ColorGeometryInstanceAttribute.toValue(Color.fromCssColorString(css))));
        for (const key of keys.get(id) ?? []) {
          const attrs = prim.getGeometryInstanceAttributes(key) as { color?: Uint8Array } | undefined;
          if (attrs) attrs.color = value;
        }
        applied.set(id, css);
        changed = true;
      }
      this.stale.delete(prim);
    }
    if (changed) this.scene.requestRender();
  }
}
