// Browser side of the render benchmarks: one frame of a Viewer driven by the bench, waited for.
import type { Viewer } from 'cesium';

const px = new Uint8Array(4);

/**
 * Renders one frame and waits until the GPU process has finished it: the time in ms. A 1-pixel read-back from the
 * canvas does the waiting — `gl.finish()` returns before a software GL (SwiftShader, llvmpipe) has drawn the frame.
 */
export function renderAndWait(viewer: Viewer): number {
  const gl = (viewer.scene as unknown as { context: { _gl: WebGL2RenderingContext } }).context._gl;
  const s = performance.now();
  viewer.render();
  // From the canvas itself (Cesium may leave its multisampled framebuffer bound; put it back for Cesium's state cache).
  const bound = gl.getParameter(gl.FRAMEBUFFER_BINDING) as WebGLFramebuffer | null;
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
  gl.bindFramebuffer(gl.FRAMEBUFFER, bound);
  return performance.now() - s;
}
