import { Cartesian2, Cartesian3, Cartographic, Math as CesiumMath, GroundPolylinePrimitive, GroundPrimitive, ScreenSpaceEventHandler, ScreenSpaceEventType, type Viewer as CesiumViewer } from 'cesium';
import { useEffect, useRef, useState } from 'react';
import { Viewer, type CesiumComponentRef } from 'resium';
import type { Client, LayerInfo, MethodOutput } from '../../preload/contract';
import type { HostConnection } from '../host/hostClient';
import type { Locale } from '../ui/locale';
import { LayerHost } from './LayerHost';
import { focusViewOf, horizontalHalfTan, METRES_PER_DEGREE, type FocusView } from './focusView';
import { applyMapConfig, flyToPreset, type ViewPreset } from './mapSetup';
import { applyUnderground } from './undergroundMode';
import type { LayerModule } from './mapLayer';

export interface MapViewProps {
  config: MethodOutput<'map.config'>;
  host: Pick<HostConnection, 'resource'>;
  client: Client;
  layers: LayerInfo[];
  /** Bumped per layer when its data changed in the store. */
  dataVersions: Record<string, number>;
  modules: Record<string, LayerModule>;
  visibility: Record<string, boolean>;
  locale: Locale;
  onLayerDrawn(layerId: string, drawn: number): void;
  onLayerError(layerId: string, message: string): void;
  onGlobeReady(ready: boolean): void;
  /** A view the operator asked for; `seq` changes on every request. */
  view?: { preset: ViewPreset; seq: number };
  /** Live state per layer kind (handed to layers that take it, e.g. station values). */
  live?: Record<string, unknown>;
  /** A left click on the ground (before any feature pick of the same click). */
  onMapClick?(click: { lon: number; lat: number }): void;
  /** A click on a feature of a layer. */
  onPick?(pick: { layerId: string; featureId: string; kind: string }): void;
  /** Fly to a place and flash a feature there; `seq` changes on every request. */
  focus?: { lon: number; lat: number; height?: number; layerKind?: string; featureId?: string; flyTo?: boolean; seq: number };
  /** Layer kinds drawn from live data only (not store layers), e.g. incidents: mounted once, fed through `live`. */
  overlays?: string[];
  /** Translucent ground, camera allowed below the surface. */
  underground?: { enabled: boolean; alpha: number };
  /** The canvas width (CSS px) covered by docked panels at each side: a focused object lands in the free part. */
  viewInsets?: { left: number; right: number };
  /** Where the camera came to rest after a move (degrees, metres): drills record it for the replay. */
  onViewChanged?(view: { lon: number; lat: number; height: number; heading: number; pitch: number }): void;
}

export type { FocusView } from './focusView';

/**
 * Where the camera goes to show a target from the south at 45° (heading north, so screen x is east): back south by
 * the height above the ground, and east or west by the ground distance of half the difference between the docks, so
 * the target lands in the middle of the part of the canvas no dock covers. A shift that would push the target off
 * the canvas is limited; no usable free part (docks over 80% of the width) keeps the target in the middle.
 */
export function focusCamera(target: { lon: number; lat: number; height?: number }, view: FocusView): { lon: number; lat: number; height: number } {
  const height = target.height ?? 2500;
  // The camera height is above the ellipsoid: look from the height above the ground where the terrain is known.
  const above = view.groundHeight !== undefined && height - view.groundHeight > 1 ? height - view.groundHeight : height;
  const back = above / Math.tan(CesiumMath.toRadians(45)) / METRES_PER_DEGREE;
  const left = Math.max(0, view.insets?.left ?? 0);
  const right = Math.max(0, view.insets?.right ?? 0);
  const w = view.width;
  if (!(w > 0) || !(view.height > 0) || w - left - right < w * 0.2) return { lon: target.lon, lat: target.lat - back, height };
  // Pixels to metres across the view at the target's distance (slant range along the 45° line of sight).
  const metresPerPx = (Math.abs(above) * Math.SQRT2 * horizontalHalfTan(view)) / (w / 2);
  const limit = w / 2 - 40;
  const shiftPx = Math.max(-limit, Math.min(limit, (left - right) / 2));
  const east = -shiftPx * metresPerPx;
  const lon = target.lon + east / (METRES_PER_DEGREE * Math.cos(CesiumMath.toRadians(target.lat)));
  return { lon, lat: target.lat - back, height };
}

/** The Cesium engine: one Viewer, a LayerHost, and nothing layer-specific. */
export function MapView(props: MapViewProps) {
  const ref = useRef<CesiumComponentRef<CesiumViewer>>(null);
  const layerHost = useRef<LayerHost | null>(null);
  const [ready, setReady] = useState(false);
  const latest = useRef(props);
  latest.current = props;
  const loaded = useRef(new Map<string, number>());

  useEffect(() => {
    let frame = 0;
    let cleanup: (() => void) | undefined;
    const init = () => {
      const viewer = ref.current?.cesiumElement;
      if (!viewer) {
        frame = requestAnimationFrame(init);
        return;
      }
      applyMapConfig(viewer, latest.current.config, latest.current.host);
      const host = new LayerHost(viewer.scene, latest.current.locale, (id, n) => latest.current.onLayerDrawn(id, n));
      layerHost.current = host;
      const globe = viewer.scene.globe;
      const removeProgress = globe.tileLoadProgressEvent.addEventListener((queued: number) => {
        latest.current.onGlobeReady(queued === 0 && globe.tilesLoaded);
      });
      const pickAt = (position: Cartesian2) => {
        // Underground, the pipes lie below ground-clamped layers (roads, areas) that a plain pick returns first:
        // take the first hit that is not drawn on the ground.
        if (latest.current.underground?.enabled) {
          const hits = viewer.scene.drillPick(position, 8) as { primitive?: unknown }[];
          const solid = hits.find((h) => !(h.primitive instanceof GroundPrimitive) && !(h.primitive instanceof GroundPolylinePrimitive) && host.resolvePick(h));
          return host.resolvePick(solid ?? hits.find((h) => host.resolvePick(h)));
        }
        return host.resolvePick(viewer.scene.pick(position));
      };
      // Test hook (only when the page opts in before loading): what a click at a canvas position would pick.
      const w = window as unknown as { __cityopsTestHooks?: boolean; __cityopsMapPick?: unknown };
      if (w.__cityopsTestHooks === true) w.__cityopsMapPick = (x: number, y: number) => pickAt(new Cartesian2(x, y));
      const clicks = new ScreenSpaceEventHandler(viewer.scene.canvas);
      clicks.setInputAction((e: ScreenSpaceEventHandler.PositionedEvent) => {
        const ray = viewer.camera.getPickRay(e.position);
        const ground = ray && viewer.scene.globe.pick(ray, viewer.scene);
        if (ground) {
          const c = Cartographic.fromCartesian(ground);
          latest.current.onMapClick?.({ lon: CesiumMath.toDegrees(c.longitude), lat: CesiumMath.toDegrees(c.latitude) });
        }
        const hit = pickAt(e.position);
        if (!hit) return;
        const info = latest.current.layers.find((l) => l.id === hit.layerId);
        latest.current.onPick?.({ ...hit, kind: info?.kind ?? '' });
      }, ScreenSpaceEventType.LEFT_CLICK);
      const removeMoveEnd = viewer.camera.moveEnd.addEventListener(() => {
        const c = viewer.camera.positionCartographic;
        latest.current.onViewChanged?.({
          lon: CesiumMath.toDegrees(c.longitude),
          lat: CesiumMath.toDegrees(c.latitude),
          height: c.height,
          heading: CesiumMath.toDegrees(viewer.camera.heading),
          pitch: CesiumMath.toDegrees(viewer.camera.pitch),
        });
      });
      setReady(true);
      cleanup = () => {
        removeMoveEnd();
        clicks.destroy();
        removeProgress();
        host.destroy();
        layerHost.current = null;
        loaded.current.clear();
      };
    };
    init();
    return () => {
      cancelAnimationFrame(frame);
      cleanup?.();
    };
  }, []);

  useEffect(() => {
    const host = layerHost.current;
    if (!ready || !host) return;
    for (const info of props.layers) {
      const module = props.modules[info.kind];
      if (!module || info.featureCount === 0) continue;
      host.add(info, module);
      const version = props.dataVersions[info.id] ?? 0;
      if (loaded.current.get(info.id) === version) continue;
      loaded.current.set(info.id, version);
      props.client
        .call('features.query', { layerId: info.id, limit: module.queryLimit })
        .then((fc) => layerHost.current?.setData(info.id, fc.features))
        .catch((err: unknown) => latest.current.onLayerError(info.id, err instanceof Error ? err.message : String(err)));
    }
  }, [ready, props.layers, props.dataVersions, props.modules, props.client]);

  useEffect(() => {
    const host = layerHost.current;
    if (!ready || !host) return;
    for (const [id, visible] of Object.entries(props.visibility)) host.setVisible(id, visible);
  }, [ready, props.visibility]);

  useEffect(() => {
    if (ready) layerHost.current?.setLocale(props.locale);
  }, [ready, props.locale]);

  useEffect(() => {
    const viewer = ref.current?.cesiumElement;
    if (ready && viewer && props.underground) applyUnderground(viewer, props.underground);
    document.body.dataset.underground = String(props.underground?.enabled ?? false);
  }, [ready, props.underground]);

  useEffect(() => {
    const host = layerHost.current;
    if (!ready || !host) return;
    for (const kind of props.overlays ?? []) {
      const module = props.modules[kind];
      if (module) host.add(overlayInfo(kind), module);
    }
  }, [ready, props.overlays, props.modules]);

  useEffect(() => {
    const host = layerHost.current;
    if (!ready || !host || !props.live) return;
    for (const kind of props.overlays ?? []) {
      const data = props.live[kind];
      if (data !== undefined && host.has(`overlay_${kind.toLowerCase()}`)) host.setLive(`overlay_${kind.toLowerCase()}`, data);
    }
    for (const info of props.layers) {
      const data = props.live[info.kind];
      if (data !== undefined && host.has(info.id)) host.setLive(info.id, data);
    }
  }, [ready, props.live, props.layers, props.dataVersions, props.overlays]);

  useEffect(() => {
    const viewer = ref.current?.cesiumElement;
    const f = props.focus;
    if (!ready || !viewer || !f) return;
    if (f.flyTo !== false) {
      // Look at the place from the south at 45°, in the middle of the map's free part (not under a docked panel).
      const to = focusCamera(f, focusViewOf(viewer, f.lon, f.lat, latest.current.viewInsets));
      viewer.camera.flyTo({
        destination: Cartesian3.fromDegrees(to.lon, to.lat, to.height),
        orientation: { heading: 0, pitch: CesiumMath.toRadians(-45), roll: 0 },
        duration: 1.2,
      });
    }
    if (f.layerKind && f.featureId) {
      for (const info of latest.current.layers) if (info.kind === f.layerKind) layerHost.current?.flash(info.id, f.featureId);
    }
  }, [ready, props.focus]);

  useEffect(() => {
    const viewer = ref.current?.cesiumElement;
    if (!ready || !viewer || !props.view) return;
    // The district in the middle of the map's free part (not under a docked panel).
    const [w, s, e, n] = latest.current.config.homeView.extent;
    flyToPreset(viewer, latest.current.config, props.view.preset, 1.5, focusViewOf(viewer, (w + e) / 2, (s + n) / 2, latest.current.viewInsets));
  }, [ready, props.view]);

  return (
    <Viewer
      ref={ref}
      className="map"
      baseLayer={false}
      baseLayerPicker={false}
      geocoder={false}
      homeButton={false}
      sceneModePicker={false}
      navigationHelpButton={false}
      animation={false}
      timeline={false}
      fullscreenButton={false}
      infoBox={false}
      selectionIndicator={false}
      requestRenderMode
      maximumRenderTimeChange={Infinity}
    />
  );
}

/** The catalog entry of an overlay layer (drawn from live data, not from the store). */
function overlayInfo(kind: string): LayerInfo {
  return {
    id: `overlay_${kind.toLowerCase()}`,
    title: { zh: kind, en: kind },
    kind,
    geometryType: 'POINT',
    featureCount: 0,
    bbox: null,
    source: 'live',
    demo: false,
    caption: null,
    lastChange: new Date(0).toISOString(),
  };
}
