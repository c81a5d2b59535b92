import { describe, expect, it } from 'vitest';
import { runSl651Decode } from '../../../../../main/sources/sl651/sl651DecodeCommand';
import type { Sl651Frame } from '../../../../../main/sources/sl651/sl651Types';
import { vectors } from './sl651TestFrames';

async function run(args: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  let stdinReads = 0;
  const code = await runSl651Decode(args, (s) => out.push(s), (s) => err.push(s), async () => {
    stdinReads++;
    return stdin;
  });
  return { code, out: out.join('\n'), err: err.join('\n'), stdinReads };
}

const first = vectors[0]!;

describe('cityops sl651 decode', () => {
  it('prints the header, CRC status, times in UTC+8 and elements with names, values and units', async () => {
    const r = await run(['decode', first.hex]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('function 32H 遥测站定时报 / timed report');
    expect(r.out).toContain('B042 ok');
    expect(r.out).toContain('2026-07-01 06:00:36 UTC+8 (2026-06-30T22:00:36Z)');
    expect(r.out).toContain('2026-07-01 06:00 UTC+8');
    expect(r.out).toMatch(/PT\s+降水量累计值 \/ accumulated rainfall: 311\.3 mm/);
    expect(r.out).toMatch(/VT\s+电源电压 \/ supply voltage: 12\.87 V/);
    expect(r.out).toContain('FF33');
    expect(r.out).toContain('0030746200, type H 河道 / river');
  });

  it('--json prints the frame as JSON', async () => {
    const r = await run(['decode', first.hex, '--json']);
    expect(r.code).toBe(0);
    const frame = JSON.parse(r.out) as Sl651Frame;
    expect(frame).toMatchObject({ funcCode: '32', crc: 'B042', crcOk: true, serial: 17509 });
    expect(frame.elements.find((e) => e.id === 'PT')).toMatchObject({ value: 311.3, unit: 'mm', nameZh: '降水量累计值' });
  });

  it('accepts hex split over several arguments and without the leading "decode"', async () => {
    const parts = first.hex.match(/.{1,20}/g) ?? [];
    expect((await run(['decode', ...parts])).code).toBe(0);
    expect((await run([first.hex])).code).toBe(0);
  });

  it('- reads the hex from stdin', async () => {
    const r = await run(['decode', '-', '--json'], `${vectors[9]!.hex}\n`);
    expect(r.code).toBe(0);
    expect(r.stdinReads).toBe(1);
    expect((JSON.parse(r.out) as Sl651Frame).funcCode).toBe('31');
  });

  it('a bad frame returns 1 with the reason and byte offset on err', async () => {
    const bad = first.hex.slice(0, -4) + 'B043';
    const r = await run(['decode', bad]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('CRC mismatch');
    expect(r.err).toContain(`byte offset ${bad.length / 2 - 2}`);
    const truncated = await run(['decode', first.hex.slice(0, 40)]);
    expect(truncated.code).toBe(1);
    expect(truncated.err).toMatch(/byte offset 20/);
    expect((await run(['decode', 'zz'])).code).toBe(1);
  });

  it('usage errors return 2', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['decode'])).code).toBe(2);
    expect((await run(['decode', '--xml', first.hex])).code).toBe(2);
    expect((await run(['decode', '-', first.hex])).code).toBe(2);
    const help = await run(['decode', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('cityops sl651 decode');
  });

  it('a failing stdin returns 1', async () => {
    const err: string[] = [];
    const code = await runSl651Decode(['decode', '-'], () => undefined, (s) => err.push(s), () => Promise.reject(new Error('EPIPE')));
    expect(code).toBe(1);
    expect(err.join('\n')).toContain('EPIPE');
  });
});
