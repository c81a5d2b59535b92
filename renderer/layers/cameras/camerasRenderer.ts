import {
  BillboardCollection,
  BoundingSphere,
  Cartesian2,
  Cartesian3,
  Color,
  HeightReference,
  NearFarScalar,
  VerticalOrigin,
  type Billboard,
  type PrimitiveCollection,
  type Scene,
} from 'cesium';
import type { Feature } from '../../../preload/contract';
import { GroundShapes } from '../../map/groundLines';
import type { MapLayer } from '../../map/mapLayer';
import type { Locale } from '../../ui/locale';
import { cameraClustering, type CameraClustering, type ScreenPoint } from './cameraClustering';
import { matchesCameraFilter } from './cameraFilter';
import { cameraIconImage, clusterIconImage } from './cameraIconImage';
import { cameraRecordOf, type CameraRecord } from './cameraRecord';
import { CameraCones, type Cone } from './cameraCones';
import { parseCamerasLive, type CamerasLive } from './camerasLive';
import { cameraIconSpec, clusterLabel, coneColour } from './camerasStyle';
import { clusterView } from './clusterView';
import { fovSector } from './fovSector';
import { nearestConeCameras, type ConeCandidate } from './nearestConeCameras';

export interface CamerasRendererOptions {
  /** Screen radius within which cameras cluster, px (hysteresis in cameraClustering). */
  clusterRadiusPx?: number;
  /** Cones are drawn for cameras within this distance of the eye, m. */
  coneDistanceM?: number;
  /** At most this many cones (the nearest cameras in view). */
  maxCones?: number;
}

interface Cam {
  rec: CameraRecord;
  /**
   * On the ellipsoid (height 0): for ground distances and cluster centroids only. Where the icon is drawn on the
   * terrain is Cesium's business (CLAMP_TO_GROUND keeps it right as finer terrain tiles arrive); the layer reads it
   * back through Billboard.computeScreenSpacePosition.
   */
  pos: Cartesian3;
  b: Billboard;
  icon: string;
}

/** The pick id of a cluster marker. */
interface ClusterPickId {
  cameraCluster: string;
}

const COVERAGE_ID = 'cameras:coverage';
const isClusterId = (v: unknown): v is ClusterPickId => typeof v === 'object' && v !== null && typeof (v as ClusterPickId).cameraCluster === 'string';

/**
 * Video cameras: terrain-clamped billboards by type and status in one BillboardCollection (updated in place by
 * external_id), screen-space clusters with counts (recomputed when the view changes, with hysteresis), field-of-view
 * sectors on the terrain (one GroundPrimitive) for the nearest cameras in view within `coneDistanceM` of the eye, at
 * most `maxCones`, picked again once the camera stops (nearestConeCameras), the status / type / department filter,
 * the selected camera and one camera's coverage (setLive: CamerasLive). Picks give the camera's external_id; a
 * cluster pick flies in to its members instead of picking.
 */
export class CamerasRenderer implements MapLayer {
  private readonly billboards: BillboardCollection;
  private readonly clusterBillboards: BillboardCollection;
  private readonly cones: CameraCones;
  private readonly coverage: GroundShapes;
  private readonly cams = new Map<string, Cam>();
  private readonly clusterMarkers = new Map<string, { b: Billboard; members: string[] }>();
  private readonly flashing = new Map<string, number>();
  private live: CamerasLive = {};
  private lastLive: unknown = undefined;
  private coneSet = new Set<string>();
  private clustering: CameraClustering | null = null;
  private readonly removeListeners: (() => void)[] = [];
  private readonly radiusPx: number;
  private readonly coneDistance: number;
  private readonly maxCones: number;
  private moving = false;
  private destroyed = false;

  constructor(
    collection: PrimitiveCollection,
    private readonly scene: Scene,
    private locale: Locale,
    opts: CamerasRendererOptions = {},
  ) {
    this.radiusPx = opts.clusterRadiusPx ?? 36;
    this.coneDistance = opts.coneDistanceM ?? 3000;
    // 250: at 1.5 km up over 10,000 cameras that is the nearest third of those in view within 3 km (the farther ones
    // are a few pixels wide); each draped cone costs fill on the GPU (issue 7 bench, software GL: ~0.2 ms a cone).
    this.maxCones = opts.maxCones ?? 250;
    this.cones = new CameraCones(collection, scene, this.coneDistance);
    this.coverage = new GroundShapes(collection);
    this.billboards = collection.add(new BillboardCollection({ scene })) as BillboardCollection;
    this.clusterBillboards = collection.add(new BillboardCollection({ scene })) as BillboardCollection;
    // Clusters follow the view while it moves; cones (built on workers) only once it stops. When the terrain under
    // the view has loaded, the icons sit at their final heights: cluster (and pick cones) again.
    this.removeListeners.push(
      scene.camera.moveStart.addEventListener(() => (this.moving = true)),
      scene.camera.moveEnd.addEventListener(() => {
        this.moving = false;
        this.refresh(true);
      }),
      scene.camera.changed.addEventListener(() => this.refresh(false)),
    );
    const tiles = scene.globe?.tileLoadProgressEvent;
    let loading = 0;
    if (tiles) {
      this.removeListeners.push(
        tiles.addEventListener((queued: number) => {
          if (queued === 0 && loading > 0) this.refresh(!this.moving);
          loading = queued;
        }),
      );
    }
  }

  setData(features: Feature[]): number {
    const seen = new Set<string>();
    for (const f of features) {
      const rec = cameraRecordOf(f);
      if (!rec || seen.has(rec.id)) continue;
      seen.add(rec.id);
      const icon = cameraIconImage(cameraIconSpec(rec.camType, rec.status, this.locale));
      const old = this.cams.get(rec.id);
      if (old) {
        if (old.rec.lon !== rec.lon || old.rec.lat !== rec.lat) {
          old.pos = Cartesian3.fromDegrees(rec.lon, rec.lat);
          old.b.position = old.pos;
        }
        if (old.icon !== icon) old.b.image = old.icon = icon;
        old.rec = rec;
        continue;
      }
      const pos = Cartesian3.fromDegrees(rec.lon, rec.lat);
      const b = this.billboards.add({
        id: rec.id,
        position: pos,
        image: icon,
        heightReference: HeightReference.CLAMP_TO_GROUND,
        verticalOrigin: VerticalOrigin.CENTER,
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
        scaleByDistance: new NearFarScalar(1_500, 1, 40_000, 0.7),
      });
      this.cams.set(rec.id, { rec, pos, b, icon });
    }
    for (const [id, c] of this.cams) {
      if (seen.has(id)) continue;
      this.stopFlash(id);
      this.billboards.remove(c.b);
      this.cams.delete(id);
    }
    this.refresh();
    return this.cams.size;
  }

  setLive(data: unknown): void {
    // The app hands the same object again whenever any layer's live data changes.
    if (data === this.lastLive) return;
    this.lastLive = data;
    const parsed = parseCamerasLive(data);
    if (!parsed.ok) {
      // A bad live update changes nothing; the message names the field.
      console.error(`cameras layer: ${parsed.error}`);
      return;
    }
    const next = { ...this.live, ...parsed.value };
    if ('coverage' in parsed.value && parsed.value.coverage !== this.live.coverage) this.drawCoverage(parsed.value.coverage ?? null);
    this.live = next;
    this.refresh();
  }

  setLocale(locale: Locale): void {
    this.locale = locale;
    for (const c of this.cams.values()) {
      const icon = cameraIconImage(cameraIconSpec(c.rec.camType, c.rec.status, locale));
      if (icon !== c.icon) c.b.image = c.icon = icon;
    }
    this.scene.requestRender();
  }

  /** Pulses a camera for `ms` (a second call restarts it). */
  flash(featureId: string, ms = 8000): void {
    const c = this.cams.get(featureId);
    if (!c) return;
    this.stopFlash(featureId);
    const start = performance.now();
    const timer = window.setInterval(() => {
      const t = performance.now() - start;
      if (!this.cams.has(featureId) || t > ms || this.scene.isDestroyed()) {
        this.stopFlash(featureId);
        return;
      }
      const on = Math.floor(t / 400) % 2 === 0;
      c.b.scale = on ? 1.8 : this.baseScale(featureId);
      c.b.color = on ? Color.WHITE : Color.WHITE.withAlpha(0.55);
      this.scene.requestRender();
    }, 200);
    this.flashing.set(featureId, timer);
  }

  /** Camera billboards and cones carry the external_id; a cluster pick zooms in to its members (and picks nothing). */
  featureIdOf(picked: { id?: unknown; primitive?: unknown }): string | null {
    const id = picked.id;
    if (isClusterId(id)) {
      this.zoomToCluster(id.cameraCluster);
      return null;
    }
    if (typeof id !== 'string' || id === COVERAGE_ID) return null;
    return this.cams.has(id) ? id : null;
  }

  isReady(): boolean {
    return !this.cones.building && this.coverage.ready;
  }

  /** For tests and benchmarks: what is drawn now. */
  stats(): { cameras: number; shown: number; clusters: number; clustered: number } {
    let shown = 0;
    for (const c of this.cams.values()) if (c.b.show) shown++;
    let clustered = 0;
    for (const m of this.clusterMarkers.values()) clustered += m.members.length;
    return { cameras: this.cams.size, shown, clusters: this.clusterMarkers.size, clustered };
  }

  /** A camera icon's position in window pixels (CSS), or null when it is behind the eye: a documented hook for e2e tests. */
  screenPositionOf(id: string): { x: number; y: number } | null {
    const c = this.cams.get(id);
    if (!c) return null;
    const p = c.b.computeScreenSpacePosition(this.scene) as Cartesian2 | undefined;
    return p ? { x: p.x, y: p.y } : null;
  }

  /** For tests and benchmarks: the cameras that have a cone now (drawn, or being built on the workers). */
  coneIds(): string[] {
    return [...this.coneSet];
  }

  destroy(): void {
    this.destroyed = true;
    for (const off of this.removeListeners) off();
    for (const id of [...this.flashing.keys()]) this.stopFlash(id);
    this.cones.destroy();
  }

  private baseScale(id: string): number {
    return this.live.selected === id ? 1.5 : 1;
  }

  private stopFlash(id: string): void {
    const timer = this.flashing.get(id);
    if (timer === undefined) return;
    window.clearInterval(timer);
    this.flashing.delete(id);
    const c = this.cams.get(id);
    if (c) {
      c.b.scale = this.baseScale(id);
      c.b.color = Color.WHITE;
    }
    if (!this.scene.isDestroyed()) this.scene.requestRender();
  }

  /** The point under the eye on the ellipsoid, and how high the eye is above the terrain there (metres). */
  private eyeGround(): { nadir: Cartesian3; aboveGround: number } {
    const carto = this.scene.camera.positionCartographic;
    const ground = this.scene.globe?.getHeight(carto);
    const aboveGround = Math.max(0, carto.height - (ground ?? 0));
    return { nadir: Cartesian3.fromRadians(carto.longitude, carto.latitude, 0, this.scene.ellipsoid), aboveGround };
  }

  /** Visibility, clusters and cones for the current view and live state. */
  private refresh(cones = true): void {
    if (this.destroyed || this.scene.isDestroyed()) return;
    const filter = this.live.filter;
    const selected = this.live.selected ?? null;
    const canvas = this.scene.canvas;
    const w = canvas.clientWidth, h = canvas.clientHeight, margin = this.radiusPx;
    // A cone reaches a few hundred metres from its camera: cameras a quarter screen outside the window still count.
    const coneMargin = Math.max(w, h) / 4;
    const eye = cones ? this.eyeGround() : null;
    const onScreen: ScreenPoint[] = [];
    const coneCandidates: ConeCandidate[] = [];
    const scratch = new Cartesian2();
    for (const c of this.cams.values()) {
      const visible = matchesCameraFilter(c.rec, filter);
      c.b.show = visible;
      if (!this.flashing.has(c.rec.id)) c.b.scale = this.baseScale(c.rec.id);
      if (!visible) continue;
      // Where Cesium draws the icon (on the terrain as far as it is loaded); undefined behind the eye.
      const p = c.b.computeScreenSpacePosition(this.scene, scratch) as Cartesian2 | undefined;
      if (!p || !Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
      if (p.x >= -margin && p.y >= -margin && p.x <= w + margin && p.y <= h + margin) onScreen.push({ id: c.rec.id, x: p.x, y: p.y });
      if (eye && p.x >= -coneMargin && p.y >= -coneMargin && p.x <= w + coneMargin && p.y <= h + coneMargin) {
        coneCandidates.push({ id: c.rec.id, x: p.x, y: p.y, groundM: Cartesian3.distance(eye.nadir, c.pos) });
      }
    }
    this.clustering = cameraClustering(onScreen, this.radiusPx, this.clustering);
    const view = clusterView(this.clustering, (id) => this.cams.get(id)?.rec.status ?? null, new Set(selected ? [selected] : []));
    const keep = new Set<string>();
    for (const k of view.clusters) {
      keep.add(k.key);
      for (const id of k.members) this.cams.get(id)!.b.show = false;
      const centre = new Cartesian3();
      for (const id of k.members) Cartesian3.add(centre, this.cams.get(id)!.pos, centre);
      Cartesian3.divideByScalar(centre, k.members.length, centre);
      const image = clusterIconImage(clusterLabel(k.count), k.fault);
      const marker = this.clusterMarkers.get(k.key);
      if (marker) {
        marker.b.position = centre;
        if (marker.b.image !== image) marker.b.image = image;
        marker.members = k.members;
      } else {
        const b = this.clusterBillboards.add({
          id: { cameraCluster: k.key } satisfies ClusterPickId,
          position: centre,
          image,
          heightReference: HeightReference.CLAMP_TO_GROUND,
          verticalOrigin: VerticalOrigin.CENTER,
          disableDepthTestDistance: Number.POSITIVE_INFINITY,
        });
        this.clusterMarkers.set(k.key, { b, members: k.members });
      }
    }
    for (const [key, m] of this.clusterMarkers) {
      if (keep.has(key)) continue;
      this.clusterBillboards.remove(m.b);
      this.clusterMarkers.delete(key);
    }
    if (eye) {
      const ids = nearestConeCameras(coneCandidates, {
        width: w,
        height: h,
        marginPx: coneMargin,
        eyeAboveGroundM: eye.aboveGround,
        maxDistanceM: this.coneDistance,
        maxCount: this.maxCones,
      });
      this.drawCones(ids);
    }
    this.scene.requestRender();
  }

  /** Cones for these cameras (nearest first); cameras without heading, field of view or range get none. */
  private drawCones(ids: string[]): void {
    const cones: Cone[] = [];
    for (const id of ids) {
      const c = this.cams.get(id)!;
      const ring = fovSector(c.rec.lon, c.rec.lat, c.rec.heading, c.rec.hfov, c.rec.rangeM);
      if (ring) cones.push({ id: c.rec.id, ring, rangeM: c.rec.rangeM!, colour: coneColour(c.rec.status) });
    }
    this.coneSet = new Set(cones.map((c) => c.id));
    this.cones.set(cones);
  }

  private drawCoverage(polygon: CamerasLive['coverage']): void {
    if (!polygon) {
      this.coverage.set([], []);
      return;
    }
    const flat = (ring: number[][]) => ring.flatMap((p) => [p[0]!, p[1]!]);
    const [outer, ...holes] = polygon.coordinates;
    this.coverage.set([{ id: COVERAGE_ID, positions: flat(outer!), color: '#ffd400', width: 4 }], [{ id: COVERAGE_ID, outer: flat(outer!), holes: holes.map(flat), color: 'rgba(255, 212, 0, 0.35)' }]);
    this.scene.requestRender();
  }

  private zoomToCluster(key: string): void {
    const m = this.clusterMarkers.get(key);
    if (!m) return;
    const sphere = BoundingSphere.fromPoints(m.members.map((id) => this.cams.get(id)!.pos));
    sphere.radius = Math.max(sphere.radius, 150);
    // The members are on the ellipsoid: lift the centre onto the terrain so the flight ends above the ground.
    const ellipsoid = this.scene.ellipsoid;
    const centre = ellipsoid.cartesianToCartographic(sphere.center);
    const ground = centre ? this.scene.globe?.getHeight(centre) : undefined;
    if (centre && ground !== undefined) sphere.center = Cartesian3.fromRadians(centre.longitude, centre.latitude, ground, ellipsoid);
    this.scene.camera.flyToBoundingSphere(sphere, { duration: 1.0 });
  }
}
