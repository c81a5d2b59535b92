// Builds what the hosts serve and run:
//   dist/renderer        the React renderer (Vite) plus Cesium's Workers/Assets/Widgets/ThirdParty in cesium/
//   dist/main/*.cjs      the Electron main process and the CLI (esbuild; better-sqlite3 and electron stay external)
//   dist/preload/index.cjs  the sandboxed preload (one self-contained file, as sandboxed preloads must be)
// `node scripts/build.mjs --if-needed` skips the build when dist is newer than every source file.
import { build as esbuild } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function isBuildFresh() {
  const stamp = join(dist, 'renderer', 'index.html');
  if (!existsSync(stamp) || !existsSync(join(dist, 'main', 'cli.cjs')) || !existsSync(join(dist, 'preload', 'index.cjs'))) return false;
  const built = statSync(stamp).mtimeMs;
  const sources = Math.max(...['renderer', 'main', 'preload', 'resources'].map((d) => newest(join(root, d))), statSync(join(root, 'package.json')).mtimeMs);
  return built >= sources;
}

export async function buildAll({ log = console.log } = {}) {
  const t0 = Date.now();
  await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  const cesium = join(root, 'node_modules', 'cesium', 'Build', 'Cesium');
  for (const d of ['Workers', 'Assets', 'Widgets', 'ThirdParty']) cpSync(join(cesium, d), join(dist, 'renderer', 'cesium', d), { recursive: true });
  mkdirSync(join(dist, 'main'), { recursive: true });
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['electron', 'better-sqlite3', 'bufferutil', 'utf-8-validate'],
    define: { 'import.meta.url': '__cityopsImportMetaUrl' },
    banner: { js: "const __cityopsImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'warning',
  };
  await esbuild({ ...common, entryPoints: { electron: join(root, 'main/electron/electronMain.ts'), cli: join(root, 'main/cliMain.ts'), importWorker: join(root, 'main/services/interchange/importWorker.ts') }, outdir: join(dist, 'main'), outExtension: { '.js': '.cjs' } });
  await esbuild({ ...common, entryPoints: [join(root, 'preload/index.ts')], outfile: join(dist, 'preload', 'index.cjs'), platform: 'browser', external: ['electron'] });
  log(`build: dist/ ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ifNeeded = process.argv.includes('--if-needed');
  if (ifNeeded && isBuildFresh()) console.log('build: dist/ is up to date');
  else await buildAll();
}
