import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const cesiumBundle = resolve(import.meta.dirname, 'node_modules/cesium/Build/Cesium/index.js');

/**
 * Cesium's bundled Knockout (used only by the widgets we switch off) finds the global object with
 * `this || (0, eval)("this")`; inside an ES module `this` is undefined, so it would need 'unsafe-eval'.
 * Give it globalThis instead, so the renderer runs under a CSP without eval.
 */
function cesiumWithoutEval(): Plugin {
  const needle = 'var t=this||(0,eval)("this")';
  return {
    name: 'cityops-cesium-without-eval',
    transform(code, id) {
      if (id !== cesiumBundle) return null;
      if (!code.includes(needle)) throw new Error(`cesium-without-eval: the Knockout global lookup changed in ${id}; update the patch`);
      return { code: code.replace(needle, 'var t=globalThis'), map: null };
    },
  };
}

// The renderer: built to dist/renderer with relative URLs, so it loads the same under
// http://127.0.0.1:PORT/ (browser mode) and app://cityops/ (Electron).
export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react(), cesiumWithoutEval()],
  resolve: {
    // Cesium's prebuilt ES module: one file instead of thousands of sources (faster builds).
    alias: [{ find: /^cesium$/, replacement: cesiumBundle }],
  },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    sourcemap: false,
  },
  server: { host: '127.0.0.1' },
});
