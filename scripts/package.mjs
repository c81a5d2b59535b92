// npm run package — needs a machine that can download Electron (not our CI).
//   1. build dist/ (renderer, main, preload)
//   2. rebuild better-sqlite3 for Electron's ABI with @electron/rebuild (NOT electron-builder install-app-deps,
//      which silently builds for Node's ABI); dev and tests keep the Node build, so step 4 restores it
//   3. electron-builder with electron-builder.yml (Linux AppImage + deb, Windows NSIS)
//   4. rebuild better-sqlite3 for Node again
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const run = (cmd, args) => {
  console.log(`[package] ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status ?? r.signal})`);
};

await buildAll();
try {
  run(join(root, 'node_modules', '.bin', 'electron-rebuild'), ['--version', electronVersion, '--only', 'better-sqlite3', '--force']);
  run(join(root, 'node_modules', '.bin', 'electron-builder'), ['--config', 'electron-builder.yml', ...process.argv.slice(2)]);
} finally {
  run('npm', ['rebuild', 'better-sqlite3']);
}
