import {
  BillboardCollection,
  BoundingSphere,
  Cartesian2,
  Cartesian3,
  Cartographic,
  Color,
  HeightReference,
  NearFarScalar,
  SceneTransforms,
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

export interface CamerasRendererOptions {
  /** Screen radius within which cameras cluster, px (hysteresis in cameraClustering). */
  clusterRadiusPx?: number;
  /** Cones are drawn for cameras within this distance of the eye, m. */
  coneDistanceM?: number;
  /** At most this many cones (the nearest). */
  maxCones?: number;
}

interface Cam {
  rec: CameraRecord;
  /** On the terrain once the globe could tell its height; on the ellipsoid until then. */
  pos: Cartesian3;
  heightKnown: boolean;
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
 * sectors on the terrain for the cameras near the eye (one GroundPrimitive), the status / type / department filter,
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
  private clustering: CameraClustering | null = null;
  private readonly removeListeners: (() => void)[] = [];
  private readonly radiusPx: number;
  private readonly coneDistance: number;
  private readonly maxCones: number;
  private destroyed = false;

  constructor(
    collection: PrimitiveCollection,
    private readonly scene: Scene,
    private locale: Locale,
    opts: CamerasRendererOptions = {},
  ) {
    this.radiusPx = opts.clusterRadiusPx ?? 36;
    this.coneDistance = opts.coneDistanceM ?? 3000;
    this.maxCones = opts.maxCones ?? 400;
    this.cones = new CameraCones(collection, scene, this.coneDistance);
    this.coverage = new GroundShapes(collection);
    this.billboards = collection.add(new BillboardCollection({ scene })) as BillboardCollection;
    this.clusterBillboards = collection.add(new BillboardCollection({ scene })) as BillboardCollection;
    // Clusters follow the view while it moves; cones (built on workers) only once it stops.
    this.removeListeners.push(
      scene.camera.moveEnd.addEventListener(() => this.refresh(true)),
      scene.camera.changed.addEventListener(() => this.refresh(false)),
    );
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
          old.heightKnown = false;
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
      this.cams.set(rec.id, { rec, pos, heightKnown: false, b, icon });
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

  /** A camera's position in window pixels (CSS), or null when it is not on screen: a documented hook for e2e tests. */
  screenPositionOf(id: string): { x: number; y: number } | null {
    const c = this.cams.get(id);
    if (!c) return null;
    this.sampleHeight(c);
    const p = SceneTransforms.worldToWindowCoordinates(this.scene, c.pos);
    return p ? { x: p.x, y: p.y } : null;
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

  private sampleHeight(c: Cam): void {
    if (c.heightKnown) return;
    const h = this.scene.globe?.getHeight(Cartographic.fromDegrees(c.rec.lon, c.rec.lat));
    if (h === undefined) return;
    c.pos = Cartesian3.fromDegrees(c.rec.lon, c.rec.lat, h);
    c.heightKnown = true;
  }

  /** Visibility, clusters and cones for the current view and live state. */
  private refresh(cones = true): void {
    if (this.destroyed || this.scene.isDestroyed()) return;
    const filter = this.live.filter;
    const selected = this.live.selected ?? null;
    const canvas = this.scene.canvas;
    const w = canvas.clientWidth, h = canvas.clientHeight, margin = this.radiusPx;
    const eye = this.scene.camera.positionWC;
    const onScreen: ScreenPoint[] = [];
    const near: { c: Cam; d: number }[] = [];
    const scratch = new Cartesian2();
    for (const c of this.cams.values()) {
      const visible = matchesCameraFilter(c.rec, filter);
      c.b.show = visible;
      if (!this.flashing.has(c.rec.id)) c.b.scale = this.baseScale(c.rec.id);
      if (!visible) continue;
      this.sampleHeight(c);
      const d = Cartesian3.distance(eye, c.pos);
      if (d < this.coneDistance) near.push({ c, d });
      const p = SceneTransforms.worldToWindowCoordinates(this.scene, c.pos, scratch);
      if (p && p.x >= -margin && p.y >= -margin && p.x <= w + margin && p.y <= h + margin) onScreen.push({ id: c.rec.id, x: p.x, y: p.y });
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
    if (cones) this.drawCones(near);
    this.scene.requestRender();
  }

  private drawCones(near: { c: Cam; d: number }[]): void {
    near.sort((a, b) => a.d - b.d);
    const cones: Cone[] = [];
    for (const { c } of near) {
      if (cones.length >= this.maxCones) break;
      const ring = fovSector(c.rec.lon, c.rec.lat, c.rec.heading, c.rec.hfov, c.rec.rangeM);
      if (ring) cones.push({ id: c.rec.id, ring, colour: coneColour(c.rec.status) });
    }
    const key = cones
      .map((c) => `${c.id}:${c.colour}:${c.ring.length}:${c.ring[2]}`)
      .sort()
      .join('|');
    this.cones.set(cones, key);
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
    this.scene.camera.flyToBoundingSphere(sphere, { duration: 1.0 });
  }
}
