#!/usr/bin/env node
'use strict';
// `npx cityops …` in a checkout: run the TypeScript sources under tsx (a dev dependency), or the bundled
// dist/main/cli.cjs where the sources are not runnable (a packaged build).
const path = require('node:path');
const fs = require('node:fs');
const { spawn } = require('node:child_process');

const bundled = path.join(__dirname, '..', '..', 'dist', 'main', 'cli.cjs');
let tsxLoader = null;
try {
  tsxLoader = require('node:url').pathToFileURL(path.join(path.dirname(require.resolve('tsx/package.json')), 'dist', 'loader.mjs')).href;
} catch {
  tsxLoader = null;
}
if (tsxLoader) {
  const child = spawn(process.execPath, ['--import', tsxLoader, path.join(__dirname, '..', 'cliMain.ts'), ...process.argv.slice(2)], {
    stdio: 'inherit',
    cwd: process.cwd(),
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
} else if (fs.existsSync(bundled)) {
  require(bundled);
} else {
  console.error('cityops: neither tsx (npm ci) nor the bundled CLI (npm run build) is available');
  process.exit(1);
}
