import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appPaths } from '../../main/appPaths';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const paths = appPaths(repoRoot);
export const boundaryFixture = join(repoRoot, 'tests', 'fixtures', 'boundary', 'maojian-420302.geojson');

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'cityops-test-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** SHA-256 of a file and of its -wal/-shm companions (to prove a refused file was not touched). */
export function fileFingerprint(path: string): string {
  const h = createHash('sha256');
  for (const p of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    h.update(p.slice(path.length) + ':');
    h.update(existsSync(p) ? readFileSync(p) : Buffer.from('absent'));
  }
  return h.digest('hex');
}
