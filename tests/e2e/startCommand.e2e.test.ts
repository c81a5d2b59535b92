// `npm start` as the README writes it, in the mode this machine has (no Electron binary → browser mode).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../helpers/tempStore';

const t = tempDir('cityops-start-');
afterAll(() => t.cleanup());

describe('npm start', () => {
  it('says which mode it chose and why, serves the embedded Maojian pack, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'start.mjs'), '--browser', '--no-open', '--store', join(t.dir, 'store.gpkg')], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL within 120 s:\n${out}`)), 120_000);
      const check = () => {
        const m = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[0]);
        }
      };
      child.stdout.on('data', check);
      child.on('exit', () => reject(new Error(`start exited early:\n${out}`)));
    });
    expect(out).toMatch(/mode: browser/);
    const u = new URL(url);
    const res = await fetch(`${u.origin}/rpc`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${u.searchParams.get('token')}` },
      body: JSON.stringify({ method: 'layers.list', input: {} }),
    });
    const body = (await res.json()) as { ok: boolean; value: { layers: { id: string; featureCount: number }[] } };
    expect(body.ok).toBe(true);
    expect(body.value.layers.find((l) => l.id === 'boundary')?.featureCount).toBe(1);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
