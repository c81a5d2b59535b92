// npm run bench — runs tests/bench/runBenchmarks.ts under tsx and prints one table.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(root, 'tests', 'bench', 'runBenchmarks.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
