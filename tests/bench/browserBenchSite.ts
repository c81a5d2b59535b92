// A browser benchmark's page: bundled by esbuild with `cesium` resolved to the built Cesium, served with Cesium's
// Workers/Assets/Widgets from a throwaway 127.0.0.1 server (file:// is blocked in Chromium).
import { build } from 'esbuild';
import { createReadStream, existsSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { repoRoot } from '../helpers/tempStore';

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.png': 'image/png', '.wasm': 'application/wasm' };

/** Bundles `entry` (repo-relative) into dir/page.js with a full-window #map page at dir/index.html. */
export async function bundleBenchPage(entry: string, dir: string): Promise<void> {
  await build({
    entryPoints: [join(repoRoot, entry)],
    bundle: true,
    format: 'esm',
    outfile: join(dir, 'page.js'),
    alias: { cesium: join(repoRoot, 'node_modules/cesium/Build/Cesium/index.js') },
    logLevel: 'warning',
  });
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/cesium/Widgets/widgets.css">
<style>html,body,#map{margin:0;width:100%;height:100%;overflow:hidden}</style>
<script>window.CESIUM_BASE_URL='/cesium/';</script></head><body><div id="map"></div><script type="module" src="/page.js"></script></body></html>`,
  );
}

/** Serves dir at / and Cesium's built files at /cesium/ on 127.0.0.1 (a free port). */
export function serveBenchDir(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const cesium = join(repoRoot, 'node_modules/cesium/Build/Cesium');
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = path.startsWith('/cesium/') ? join(cesium, path.slice('/cesium/'.length)) : join(dir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(cesium) && !file.startsWith(dir)) return void res.writeHead(403).end();
    if (!existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise((r) => server.close(() => r())) })),
  );
}
