// Property-based fuzzing: 100,000 runs in total across the properties below (see RUNS). The parsers must never throw,
// every ok result must carry a verified CRC, and every error must name a reason and an in-range offset.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { decodeSl651 } from '../../../../../main/sources/sl651/decodeSl651';
import { parseSl651AsciiFrame } from '../../../../../main/sources/sl651/parseSl651AsciiFrame';
import { parseSl651Frame } from '../../../../../main/sources/sl651/parseSl651Frame';
import { sl651Crc } from '../../../../../main/sources/sl651/sl651Crc';
import type { Sl651Result } from '../../../../../main/sources/sl651/sl651Types';
import { buildAsciiFrame, buildHexFrame, fixHexFrame, fromHex, notesAsciiVector, toHex, vectors } from './sl651TestFrames';

const RUNS = { randomBytes: 20_000, builtFrames: 20_000, mutatedRaw: 20_000, mutatedFixed: 25_000, text: 15_000 };
const SEED = 651_2014;
/** Generous per-test limit: the whole suite takes ~2 s here; slow CI machines get headroom beyond vitest's 5 s default. */
const TIMEOUT = 30_000;

function invariant(cond: boolean, msg: string): void {
  if (!cond) throw new Error(msg);
}

/** Checks a parse result of an input of `length` bytes or characters (`exact`: the input is the frame's own units, not hex text). */
function check(r: Sl651Result, length: number, exact: boolean): void {
  if (r.ok) {
    const f = r.frame;
    invariant(f.crcOk === true, 'ok result without crcOk');
    invariant(f.crc === f.crcComputed, `ok result with CRC ${f.crc} ≠ ${f.crcComputed}`);
    invariant(f.consumed > 0 && f.consumed + f.trailing <= length, `consumed ${f.consumed} + trailing ${f.trailing} > ${length}`);
    if (exact) invariant(f.consumed + f.trailing === length, `consumed ${f.consumed} + trailing ${f.trailing} ≠ ${length}`);
    JSON.stringify(f);
  } else {
    const e = r.error;
    invariant(typeof e.reason === 'string' && e.reason.length > 0, 'error without a reason');
    invariant(Number.isInteger(e.offset) && e.offset >= 0 && e.offset <= Math.max(length, 0), `offset ${e.offset} out of 0..${length}`);
    invariant(e.code !== 'internal', `internal error: ${e.reason}`);
  }
}

function safely(fn: () => Sl651Result, length: number, exact = true): boolean {
  let r: Sl651Result;
  try {
    r = fn();
  } catch (e) {
    throw new Error(`threw: ${String(e)}`);
  }
  check(r, length, exact);
  return true;
}

const realFrames = vectors.map((v) => fromHex(v.hex));

type Mutation = { op: 'flip' | 'insert' | 'delete' | 'set'; pos: number; byte: number; bit: number };
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom<Mutation['op']>('flip', 'insert', 'delete', 'set'),
  pos: fc.nat(),
  byte: fc.integer({ min: 0, max: 255 }),
  bit: fc.integer({ min: 0, max: 7 }),
});

function mutate(frame: Uint8Array, mutations: Mutation[]): Uint8Array {
  const bytes = Array.from(frame);
  for (const m of mutations) {
    const pos = bytes.length === 0 ? 0 : m.pos % (bytes.length + (m.op === 'insert' ? 1 : 0));
    if (m.op === 'flip' && bytes.length) bytes[pos] = (bytes[pos] ?? 0) ^ (1 << m.bit);
    else if (m.op === 'set' && bytes.length) bytes[pos] = m.byte;
    else if (m.op === 'insert') bytes.splice(pos, 0, m.byte);
    else if (m.op === 'delete' && bytes.length) bytes.splice(pos, 1);
  }
  return Uint8Array.from(bytes);
}

const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 6 });
const mutatedArb = fc.tuple(fc.integer({ min: 0, max: realFrames.length - 1 }), mutationsArb);
/** Hex with a space after every third byte. */
const spaceHex = (hex: string) => hex.replace(/(.{6})(?=.)/g, '$1 ');

// Element-shaped chunks so that built frames reach deep into the body decoder.
const anyByte = fc.integer({ min: 0, max: 255 });
const bcdByte = fc.integer({ min: 0, max: 99 }).map((n) => Math.floor(n / 10) * 16 + (n % 10));
const chunkArb: fc.Arbitrary<number[]> = fc.oneof(
  fc.array(bcdByte, { minLength: 5, maxLength: 5 }).map((t) => [0xf0, 0xf0, ...t]),
  fc.constant<number[]>([0xf0, 0xf0, 0x26, 0x07, 0x01, 0x08, 0x00]),
  fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 }).map((t) => [0xf1, 0xf1, ...t]),
  fc.tuple(anyByte, anyByte, fc.array(bcdByte, { maxLength: 8 })).map(([g, d, v]) => [g, d, ...v]),
  fc.tuple(fc.integer({ min: 0, max: 255 }), fc.array(bcdByte, { maxLength: 8 })).map(([g, v]) => [g, (v.length << 3) | (g & 7), ...v]),
  fc.tuple(anyByte, anyByte, fc.uint8Array({ maxLength: 8 })).map(([x, d, v]) => [0xff, x, d, ...v]),
  fc.tuple(fc.integer({ min: 0xf4, max: 0xfc }), fc.uint8Array({ minLength: 12, maxLength: 24 })).map(([g, v]) => [g, 0xc0, ...v]),
  fc.array(bcdByte, { minLength: 3, maxLength: 3 }).map((v) => [0x04, 0x18, ...v]),
  fc.uint8Array({ maxLength: 6 }).map((v) => Array.from(v)),
);
const builtArb = fc.record({
  up: fc.boolean(),
  func: fc.oneof(fc.constantFrom(0x2f, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x3a, 0x41, 0x46, 0xe0), anyByte),
  syn: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  head: fc.array(bcdByte, { minLength: 6, maxLength: 6 }),
  station: fc.boolean(),
  chunks: fc.array(chunkArb, { maxLength: 10 }),
  end: fc.option(fc.constantFrom(0x03, 0x17, 0x05, 0x06, 0x15, 0x04, 0x1b), { nil: undefined }),
});

describe('SL651 fuzzing (fast-check, 100,000 runs in total)', () => {
  it(`random bytes: parseSl651Frame and decodeSl651 never throw (${RUNS.randomBytes} runs)`, () => {
    const arb = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }).map((b) => Uint8Array.from([0x7e, 0x7e, ...b])),
      fc.uint8Array({ maxLength: 200 }).map((b) => Uint8Array.from([0x01, ...b])),
    );
    fc.assert(
      fc.property(arb, (bytes) => safely(() => parseSl651Frame(bytes), bytes.length) && safely(() => decodeSl651(bytes), bytes.length)),
      { numRuns: RUNS.randomBytes, seed: SEED },
    );
  }, TIMEOUT);

  it(`built frames with correct length and CRC around random element bodies (${RUNS.builtFrames} runs)`, () => {
    fc.assert(
      fc.property(builtArb, (s) => {
        const body = [0x00, 0x01, ...s.head, ...(s.station ? [0xf1, 0xf1, 0x00, 0x12, 0x34, 0x56, 0x78, 0x48] : []), ...s.chunks.flat()];
        const bytes = buildHexFrame({
          direction: s.up ? 'up' : 'down', func: s.func, body: Uint8Array.from(body.slice(0, 4095)), start: s.syn ? 0x16 : 0x02, end: s.end,
        });
        return safely(() => parseSl651Frame(bytes), bytes.length);
      }),
      { numRuns: RUNS.builtFrames, seed: SEED },
    );
  }, TIMEOUT);

  it(`mutated real frames (flip/insert/delete/set bytes) (${RUNS.mutatedRaw} runs)`, () => {
    fc.assert(
      fc.property(mutatedArb, ([i, ms]) => {
        const bytes = mutate(realFrames[i]!, ms);
        return safely(() => parseSl651Frame(bytes), bytes.length) && safely(() => decodeSl651(bytes), bytes.length);
      }),
      { numRuns: RUNS.mutatedRaw, seed: SEED },
    );
  }, TIMEOUT);

  it(`mutated real frames with the length field and CRC fixed up (${RUNS.mutatedFixed} runs)`, () => {
    fc.assert(
      fc.property(mutatedArb, ([i, ms]) => {
        const bytes = fixHexFrame(mutate(realFrames[i]!, ms));
        return safely(() => parseSl651Frame(bytes), bytes.length);
      }),
      { numRuns: RUNS.mutatedFixed, seed: SEED },
    );
  }, TIMEOUT);

  it(`text input: hex of mutated frames, random text, mutated ASCII frames with CRC fixed (${RUNS.text} runs)`, () => {
    const asciiBase = Uint8Array.from(Buffer.from(notesAsciiVector, 'latin1'));
    const asciiBody = notesAsciiVector.slice(24, -5);
    const arb = fc.oneof(
      mutatedArb.map(([i, ms]) => spaceHex(toHex(mutate(realFrames[i]!, ms)))),
      fc.string({ maxLength: 120 }),
      mutationsArb.map((ms) => Buffer.from(mutate(asciiBase, ms)).toString('latin1')),
      fc.tuple(mutationsArb, fc.constantFrom('31', '32', '33', '35', '37', '3A')).map(([ms, func]) => {
        const body = Buffer.from(mutate(Uint8Array.from(Buffer.from(asciiBody, 'latin1')), ms)).toString('latin1');
        return buildAsciiFrame({ func, body: body.slice(0, 4095) });
      }),
    );
    fc.assert(
      fc.property(arb, (text) => {
        return safely(() => decodeSl651(text), text.length, false) && safely(() => parseSl651AsciiFrame(text), text.length);
      }),
      { numRuns: RUNS.text, seed: SEED },
    );
  }, TIMEOUT);

  it('the fixed-up mutation helper really produces frames with a valid CRC', () => {
    const fixed = fixHexFrame(mutate(realFrames[0]!, [{ op: 'insert', pos: 40, byte: 0x12, bit: 0 }]));
    const crc = sl651Crc(fixed, 0, fixed.length - 2);
    invariant(((fixed[fixed.length - 2] ?? 0) << 8 | (fixed[fixed.length - 1] ?? 0)) === crc, 'fixHexFrame CRC');
    invariant(Object.values(RUNS).reduce((a, b) => a + b, 0) === 100_000, 'RUNS must total 100,000');
  });
});
