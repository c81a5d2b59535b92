import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDrainageCli } from '../../../main/cliDrainage';
import { tempStore, writeNetwork, type TestStore } from './services/drainage/drainageTestStore';

let t: TestStore;
let storePath: string;
let stdout: string[];
let stderr: string[];
beforeEach(() => {
  t = tempStore();
  storePath = t.store.path;
  writeNetwork(
    t.store,
    [{ id: 'M1', ground: 100 }, { id: 'M2', ground: 99.5 }, { id: 'O1', type: 'outfall', ground: 99 }],
    [
      { id: 'a', up: 'M1', down: 'M2', d: 400, upInv: 98, downInv: 97.9, length: 40 },
      { id: 'b', up: 'M2', down: 'O1', d: 500, upInv: 97.8, downInv: 97.5, length: 60 },
    ],
  );
  stdout = [];
  stderr = [];
});
afterEach(() => t.cleanup());
const run = (command: 'trace' | 'drainage', ...args: string[]) =>
  runDrainageCli(command, args, (s) => stdout.push(s), (s) => stderr.push(s));

describe('cityops trace / drainage', () => {
  it('trace --json prints the result and exits 0', async () => {
    expect(await run('trace', 'M1', '--direction', 'down', '--store', storePath, '--json')).toBe(0);
    const r = JSON.parse(stdout.join('\n'));
    expect(r).toMatchObject({ pipeIds: ['a', 'b'], outfalls: ['O1'], totalLengthM: 100 });
  });

  it('trace text output names the outfall', async () => {
    expect(await run('trace', 'b', '--direction', 'up', '--store', storePath)).toBe(0);
    expect(stdout[0]).toMatch(/上游追踪 up trace from pipe b: 2 pipes, 100.00 m/);
  });

  it('usage errors exit 2, unknown ids and missing stores exit 1', async () => {
    expect(await run('trace', 'M1', '--direction', 'sideways', '--store', storePath)).toBe(2);
    expect(stderr.join('\n')).toMatch(/--direction: 'sideways'/);
    expect(await run('trace', '--direction', 'up', '--store', storePath)).toBe(2);
    expect(await run('drainage', 'frobnicate')).toBe(2);
    expect(await run('trace', 'NOPE', '--direction', 'up', '--store', storePath)).toBe(1);
    expect(stderr.at(-1)).toMatch(/no node or pipe 'NOPE'/);
    expect(await run('trace', 'M1', '--direction', 'up', '--store', join(t.dir, 'missing.gpkg'))).toBe(1);
    expect(existsSync(join(t.dir, 'missing.gpkg'))).toBe(false);
  });

  it('drainage check exits 0 on a sound network and 1 when it finds errors; --csv and --gpkg write files', async () => {
    expect(await run('drainage', 'check', '--store', storePath, '--json')).toBe(0);
    expect(JSON.parse(stdout.join('\n'))).toMatchObject({ findings: [], pipeCount: 2 });
    writeNetwork(t.store, [{ id: 'M1', ground: 100 }, { id: 'M2', ground: 99.5 }], [{ id: 'a', up: 'M1', down: 'M2', d: 400, upInv: 97, downInv: 97.9, length: 40 }]);
    const csv = join(t.dir, 'f.csv');
    const gpkg = join(t.dir, 'f.gpkg');
    stdout = [];
    expect(await run('drainage', 'check', '--store', storePath, '--csv', csv, '--gpkg', gpkg)).toBe(1);
    expect(stdout[0]).toMatch(/1 errors/);
    expect(stderr.join('\n')).toMatch(/reverse_slope: 管段 a 倒坡/);
    expect(existsSync(csv) && existsSync(gpkg)).toBe(true);
    if (spawnSync('ogrinfo', ['--version']).status === 0) expect(spawnSync('ogrinfo', ['-ro', '-q', gpkg]).stdout.toString()).toMatch(/drainage_findings \(Point\)/);
  });

  it('drainage import-defects then condition --json; a bad file exits 1 and stores nothing', async () => {
    const file = join(t.dir, 'd.csv');
    writeFileSync(file, 'pipe_id,distance_m,code,grade\na,5,PL,3\na,6.2,TJ,2\n');
    expect(await run('drainage', 'import-defects', file, '--store', storePath)).toBe(0);
    expect(stdout.at(-1)).toMatch(/imported 2 defects for 1 pipes/);
    expect(await run('drainage', 'condition', 'a', '--store', storePath, '--json')).toBe(0);
    expect(JSON.parse(stdout.at(-1)!)).toMatchObject({ pipeId: 'a', structural: { value: 5, grade: 'III' } });
    const bad = join(t.dir, 'bad.csv');
    writeFileSync(bad, 'pipe_id,distance_m,code,grade\nb,5,PL,9\n');
    expect(await run('drainage', 'import-defects', bad, '--store', storePath)).toBe(1);
    expect(stderr.at(-1)).toMatch(/bad\.csv.*row 0, line 2, field 'grade'/);
    expect((t.store.db.prepare(`SELECT count(*) AS n FROM drainage_defects WHERE pipe_id = 'b'`).get() as { n: number }).n).toBe(0);
    expect(await run('drainage', 'condition', 'zzz', '--store', storePath)).toBe(1);
  });

  it('drainage profile prints stations and segments', async () => {
    expect(await run('drainage', 'profile', 'M1', 'O1', '--store', storePath)).toBe(0);
    expect(stdout.join('\n')).toMatch(/a\tM1→M2\t400\t98\.000\t97\.900\t2\.50/);
  });
});
