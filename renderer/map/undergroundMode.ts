import { NearFarScalar, type Viewer } from 'cesium';

/**
 * Underground mode: the ground turns translucent (globe translucency, alpha adjustable, more opaque from far away so
 * the district still reads), the camera may go below the surface, and picking keeps working on what is under it.
 */
export function applyUnderground(viewer: Viewer, state: { enabled: boolean; alpha: number }): void {
  const scene = viewer.scene;
  const globe = scene.globe;
  const alpha = Math.min(1, Math.max(0.05, state.alpha));
  globe.translucency.enabled = state.enabled;
  globe.translucency.frontFaceAlpha = alpha;
  globe.translucency.frontFaceAlphaByDistance = (state.enabled ? new NearFarScalar(2_000, alpha, 60_000, Math.min(1, alpha + 0.5)) : undefined) as NearFarScalar;
  globe.translucency.backFaceAlpha = state.enabled ? alpha : 1;
  scene.screenSpaceCameraController.enableCollisionDetection = !state.enabled;
  // Draw the globe's back side so the pipes are seen from below too.
  globe.backFaceCulling = !state.enabled;
  globe.depthTestAgainstTerrain = !state.enabled;
  scene.requestRender();
}
