// Browser side of the render benchmarks: one frame of a Viewer driven by the bench, waited for.
import type { Viewer } from 'cesium';

const px = new Uint8Array(4);

/**
 * Reads RGBA pixels of the canvas itself (not Cesium's framebuffer: Cesium may leave its multisampled one bound, and
 * gets it back for its state cache). Call it in the task that rendered, before the drawing buffer is presented.
 */
export function readCanvas(viewer: Viewer, out: Uint8Array, width = 1, height = 1): Uint8Array {
  const gl = (viewer.scene as unknown as { context: { _gl: WebGL2RenderingContext } }).context._gl;
  const bound = gl.getParameter(gl.FRAMEBUFFER_BINDING) as WebGLFramebuffer | null;
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, out);
  gl.bindFramebuffer(gl.FRAMEBUFFER, bound);
  return out;
}

/**
 * Renders one frame and waits until the GPU process has finished it: the time in ms. A 1-pixel read-back from the
 * canvas does the waiting — `gl.finish()` returns before a software GL (SwiftShader, llvmpipe) has drawn the frame.
 */
export function renderAndWait(viewer: Viewer): number {
  const s = performance.now();
  viewer.render();
  readCanvas(viewer, px);
  return performance.now() - s;
}
