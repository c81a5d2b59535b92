import { Cartographic, Math as CesiumMath, type Viewer } from 'cesium';

/** What the camera placements (focusCamera, homeCamera) need to know of the view. */
export interface FocusView {
  /** Canvas size in CSS px. */
  width: number;
  height: number;
  /** The frustum's field of view (rad; horizontal when the canvas is wider than tall, as Cesium's PerspectiveFrustum). */
  fov: number;
  insets?: { left: number; right: number };
  /** The terrain height at the target when known (m above the ellipsoid). */
  groundHeight?: number;
}

export const METRES_PER_DEGREE = 111_320;

/** tan of half the horizontal field of view (Cesium's `fov` spans the wider side of the canvas). */
export function horizontalHalfTan(view: FocusView): number {
  const aspect = view.width / view.height;
  return aspect >= 1 ? Math.tan(view.fov / 2) : Math.tan(view.fov / 2) * aspect;
}

/** The viewer's canvas and frustum, the docks' insets, and the rendered ground height at a place. */
export function focusViewOf(viewer: Viewer, lon: number, lat: number, insets?: { left: number; right: number }): FocusView {
  const canvas = viewer.scene.canvas;
  const frustum = viewer.camera.frustum as { fov?: number };
  return {
    width: canvas.clientWidth,
    height: canvas.clientHeight,
    fov: frustum.fov ?? CesiumMath.toRadians(60),
    insets,
    groundHeight: viewer.scene.globe.getHeight(Cartographic.fromDegrees(lon, lat)),
  };
}
