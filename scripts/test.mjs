// npm test: every check CI makes, in order, then one summary line "N passed, N failed, N skipped".
//   type-check (one tsconfig per environment) · lint (import boundaries as errors) · build · Vitest
//   (unit-node, unit-dom, contract, e2e in Debian Chromium, electron where a binary exists).
// Extra arguments go to Vitest (e.g. `npm test -- --project unit-node`).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const report = join(root, '.vitest-report.json');
let passed = 0;
let failed = 0;
let skipped = 0;

function step(name, cmd, args) {
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status === 0) passed++;
  else {
    failed++;
    console.log(`=== ${name} FAILED (exit ${r.status ?? r.signal})`);
  }
  return r.status === 0;
}

for (const p of ['contract', 'main', 'preload', 'renderer', 'tests']) step(`typecheck ${p}`, bin('tsc'), ['-p', `tsconfig.${p}.json`]);
step('lint', bin('eslint'), ['--max-warnings', '0', '.']);
const built = step('build', process.execPath, [join(root, 'scripts', 'build.mjs')]);

rmSync(report, { force: true });
console.log('\n=== vitest');
const extra = process.argv.slice(2);
const v = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CITYOPS_BUILT: built ? '1' : '0' },
});
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  // A suite that fails to load has no tests to count: count it as a failure.
  failed += (r.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
} else {
  failed++;
  console.log(`=== vitest wrote no report (exit ${v.status ?? v.signal})`);
}
if (v.status !== 0 && failed === 0) failed++;

console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 ? 0 : 1);
