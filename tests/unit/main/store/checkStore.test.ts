import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStore } from '../../../../main/store/checkStore';
import { openStore } from '../../../../main/store/openStore';
import { fileFingerprint, repoRoot, tempDir } from '../../../helpers/tempStore';

const t = tempDir();
const good = join(t.dir, 'good.gpkg');
const cli = (...args: string[]) => spawnSync(process.execPath, [join(repoRoot, 'main', 'bin', 'cityops.cjs'), ...args], { encoding: 'utf8', cwd: t.dir });

beforeAll(() => {
  const s = openStore(good);
  s.db.pragma('wal_checkpoint(TRUNCATE)');
  s.close();
});
afterAll(() => t.cleanup());

describe('checkStore', () => {
  it('passes a fresh store on every check', () => {
    const results = checkStore(good);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.map((r) => r.name)).toEqual(expect.arrayContaining(['integrity_check', 'schema_version', 'gpkg_application_id', 'gpkg_core_tables', 'layer boundary']));
  });

  it('finds an R-tree that disagrees with its table', () => {
    const path = join(t.dir, 'rtree.gpkg');
    writeFileSync(path, readFileSync(good));
    const db = new Database(path);
    db.exec(`INSERT INTO rtree_boundary_geom VALUES (999, 0, 1, 0, 1)`);
    db.close();
    const bad = checkStore(path).find((r) => r.name === 'layer boundary');
    expect(bad).toMatchObject({ ok: false, detail: 'R-tree holds 1 entries for 0 geometries' });
  });
});

describe('cityops check (CLI)', () => {
  it('exits 0 on a good store and prints each check', () => {
    const r = cli('check', '--store', good);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ok +integrity_check: ok/);
    expect(r.stdout).toMatch(/ok +layer boundary/);
  });

  it('exits 1 on a corrupt store, names the file and the problem, and leaves it untouched', () => {
    const path = join(t.dir, 'corrupt.gpkg');
    const bytes = readFileSync(good);
    bytes.fill(0x5a, 4096, Math.min(bytes.length, 4096 * 3));
    writeFileSync(path, bytes);
    const before = fileFingerprint(path);
    const r = cli('check', '--store', path);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(path);
    expect(r.stderr).toMatch(/FAIL readable: .*(corrupt|cannot be read)/);
    expect(fileFingerprint(path)).toBe(before);
  });

  it('exits 1 on a foreign file and --json reports ok=false', () => {
    const path = join(t.dir, 'foreign.txt');
    writeFileSync(path, 'not a store');
    const r = cli('check', '--store', path, '--json');
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { ok: boolean; results: { name: string; ok: boolean; detail: string }[] };
    expect(out.ok).toBe(false);
    expect(out.results[0]!.detail).toMatch(/not a SQLite database/);
  });

  it('exits 2 with usage on a missing --store or unknown command', () => {
    expect(cli('check').status).toBe(2);
    const r = cli('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'frobnicate'/);
  });
});
