import { describe, expect, it } from 'vitest';
import { parseSl651Frame } from '../../../../../main/sources/sl651/parseSl651Frame';
import type { Sl651Element, Sl651Frame, Sl651Result } from '../../../../../main/sources/sl651/sl651Types';
import { buildHexFrame, fromHex, upHeader, vectors, type FixtureElement } from './sl651TestFrames';

function frameOf(r: Sl651Result): Sl651Frame {
  if (!r.ok) throw new Error(`expected a frame, got ${r.error.code}: ${r.error.reason} @${r.error.offset}`);
  return r.frame;
}

function errorOf(r: Sl651Result) {
  if (r.ok) throw new Error('expected an error result');
  expect(r.error.reason.length).toBeGreaterThan(0);
  expect(Number.isInteger(r.error.offset)).toBe(true);
  return r.error;
}

function expectNumbers(actual: (number | null)[], expected: (number | null)[]) {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((x, i) => {
    if (x === null) expect(actual[i]).toBeNull();
    else expect(actual[i]).toBeCloseTo(x, 6);
  });
}

/** The fixture labels the 31H time-step code 'DR(time step dhm)'; the parser's id is 'DR' (ASCII DRxnn). */
const fixtureId = (id: string) => (id === 'DR(time step dhm)' ? 'DR' : id);

function expectElement(e: Sl651Element | undefined, x: FixtureElement, where: string) {
  expect(e, where).toBeDefined();
  if (!e) return;
  expect(e.id, where).toBe(fixtureId(x.id));
  if (x.guide !== undefined) expect(e.guide, where).toBe(x.guide);
  if (x.def !== undefined) expect(e.def, where).toBe(x.def);
  if (x.unit !== undefined) expect(e.unit, where).toBe(x.unit);
  if (x.raw !== undefined) expect(e.raw, where).toBe(x.raw);
  const expected = x.values ?? x.value;
  if (Array.isArray(expected)) {
    expect(e.kind, where).toBe('series');
    if (e.kind === 'series') expectNumbers(e.values, expected);
  } else if (typeof expected === 'number') {
    expect(e.kind === 'number' || e.kind === 'raw', where).toBe(true);
    if (e.kind === 'number' || e.kind === 'raw') expect(e.value, where).toBeCloseTo(expected, 6);
  } else if (typeof expected === 'string') {
    expect(e.kind === 'time' || e.kind === 'timeStep' || e.kind === 'text', where).toBe(true);
    if (e.kind === 'time' || e.kind === 'timeStep' || e.kind === 'text') expect(e.value, where).toBe(expected);
  }
}

describe('parseSl651Frame: the 14 real frames of the fixture', () => {
  it('has 14 vectors', () => expect(vectors).toHaveLength(14));

  for (const v of vectors) {
    it(`${v.funcCode}H ${v.stationAddr} serial ${v.serial} (${v.source.repo})`, () => {
      const bytes = fromHex(v.hex);
      const f = frameOf(parseSl651Frame(bytes));
      expect(f.format).toBe('hex');
      expect(f.centerAddr).toBe(v.centerAddr);
      expect(f.stationAddr).toBe(v.stationAddr);
      expect(f.password).toBe(v.password);
      expect(f.funcCode).toBe(v.funcCode);
      expect(f.direction).toBe(v.direction);
      expect(f.bodyLength).toBe(v.bodyLength);
      expect(f.endChar).toBe(v.endChar);
      expect(f.crc).toBe(v.crc);
      expect(f.crcComputed).toBe(v.crc);
      expect(f.crcOk).toBe(v.crcOk);
      expect(f.serial).toBe(v.serial);
      expect(f.sendTime?.local).toBe(v.sendTime);
      expect(f.bodyStationAddr).toBe(v.ST ?? null);
      expect(f.stationType).toBe(v.stationType ?? null);
      expect(f.consumed).toBe(bytes.length);
      expect(f.trailing).toBe(0);
      expect(f.undecoded).toBeNull();
      expect(f.elements).toHaveLength(v.elements.length);
      v.elements.forEach((x, i) => expectElement(f.elements[i], x, `${v.hex} element ${i} ${x.id}`));
    });
  }

  it('gives send and observation times in UTC (they are UTC+8 on the wire)', () => {
    const f = frameOf(parseSl651Frame(fromHex(vectors[0]!.hex)));
    expect(f.sendTime).toEqual({ local: '20260701060036', utc: '2026-06-30T22:00:36Z', epochMs: Date.UTC(2026, 5, 30, 22, 0, 36) });
    const tt = f.elements[0];
    expect(tt?.kind).toBe('time');
    if (tt?.kind === 'time') expect(tt.time.utc).toBe('2026-06-30T22:00:00Z');
    expect(f.elements[1]?.observationTime?.local).toBe('202607010600');
    expect(f.funcNameZh).toBe('遥测站定时报');
    expect(f.stationTypeNameZh).toBe('河道');
  });

  it('decodes ZT as status bits and keeps user elements raw with a tentative value', () => {
    const f = frameOf(parseSl651Frame(fromHex(vectors[0]!.hex)));
    const zt = f.elements.find((e) => e.id === 'ZT');
    expect(zt?.kind).toBe('status');
    if (zt?.kind === 'status') {
      expect(zt.value).toBe(0x00600481);
      expect(zt.bits.filter((b) => b.set).map((b) => b.bit)).toEqual([0, 7, 10]);
    }
    const ff33 = f.elements.find((e) => e.id === 'FF33');
    expect(ff33).toMatchObject({ kind: 'raw', guide: 'FF33', def: '11', raw: '0205', value: 20.5, decimals: 1 });
  });

  it('ignores a stray trailing 7E and reports what it consumed', () => {
    const v = vectors.find((x) => x.funcCode === '31')!;
    const bytes = fromHex(`${v.hex}7E`);
    const f = frameOf(parseSl651Frame(bytes));
    expect(f.consumed).toBe(bytes.length - 1);
    expect(f.trailing).toBe(1);
    const z = f.elements.find((e) => e.id === 'Z');
    expect(z).toMatchObject({ kind: 'series', stepMinutes: 5, decimals: 3 });
  });

  it('reads two frames back to back from one buffer', () => {
    const a = fromHex(vectors[0]!.hex);
    const b = fromHex(vectors[1]!.hex);
    const both = Uint8Array.from([...a, ...b]);
    const first = frameOf(parseSl651Frame(both));
    const second = frameOf(parseSl651Frame(both.subarray(first.consumed)));
    expect(first.serial).toBe(vectors[0]!.serial);
    expect(second.serial).toBe(vectors[1]!.serial);
    expect(second.trailing).toBe(0);
  });
});

describe('parseSl651Frame: built frames', () => {
  it('decodes a downlink frame (station address first, then center)', () => {
    const bytes = buildHexFrame({ direction: 'down', station: '00303A9006', center: 0x10, func: 0x37, body: '0003260701080000' });
    const f = frameOf(parseSl651Frame(bytes));
    expect(f).toMatchObject({ direction: 'down', stationAddr: '00303A9006', centerAddr: 16, endChar: '05', endCharName: 'ENQ', serial: 3 });
    expect(f.elements).toEqual([]);
  });

  it('keeps downlink parameters after the station code raw', () => {
    const body = '0003260701080000' + 'F1F1' + '0012345678' + '48' + '3923';
    const f = frameOf(parseSl651Frame(buildHexFrame({ direction: 'down', func: 0x3a, body, end: 0x05 })));
    expect(f.bodyStationAddr).toBe('0012345678');
    expect(f.undecoded).toEqual({ offset: 30, hex: '3923' });
  });

  it('decodes an M3 multi-packet frame header and keeps its body raw', () => {
    const bytes = buildHexFrame({ func: 0x36, start: 0x16, body: '003001' + 'AABBCC', end: 0x17 });
    const f = frameOf(parseSl651Frame(bytes));
    expect(f).toMatchObject({ startChar: 'SYN', packet: { total: 3, seq: 1 }, endCharName: 'ETB', serial: null });
    expect(f.undecoded).toEqual({ offset: 17, hex: 'AABBCC' });
    const bad = parseSl651Frame(buildHexFrame({ func: 0x36, start: 0x16, body: '003004' + 'AA' }));
    expect(errorOf(bad)).toMatchObject({ code: 'bad-packet', offset: 14 });
  });

  it('decodes negative values (leading FF), decimals from the definition byte and unknown guide bytes', () => {
    const body = upHeader + 'F0F0' + '2607010800' + '3923' + 'FF012345' + '0211' + 'FF25' + '7A11' + '0123' + '7B08' + 'AB';
    const f = frameOf(parseSl651Frame(buildHexFrame({ func: 0x32, body })));
    expect(f.elements.map((e) => e.id)).toEqual(['TT', 'Z', 'AI', 'X7A', 'X7B']);
    expect(f.elements[1]).toMatchObject({ kind: 'number', value: -12.345, decimals: 3 });
    expect(f.elements[2]).toMatchObject({ kind: 'number', value: -2.5 });
    expect(f.elements[3]).toMatchObject({ kind: 'raw', raw: '0123', value: 12.3, def: '11', offset: 14 + 8 + 8 + 7 + 6 + 4 });
    expect(f.elements[4]).toMatchObject({ kind: 'raw', raw: 'AB', value: null });
  });

  it('keeps several F0F0 groups, each applying to the elements after it', () => {
    const body = upHeader + 'F0F0' + '2607010800' + '3923' + '00012340' + 'F0F0' + '2607010805' + '3923' + '00012350';
    const f = frameOf(parseSl651Frame(buildHexFrame({ func: 0x33, body })));
    const z = f.elements.filter((e) => e.id === 'Z');
    expect(z.map((e) => (e.kind === 'number' ? e.value : NaN))).toEqual([12.34, 12.35]);
    expect(z.map((e) => e.observationTime?.local)).toEqual(['202607010800', '202607010805']);
  });

  it('decodes F4/F5 arrays with invalid slots as null regardless of the definition byte', () => {
    const drp = 'F460' + '05' + 'FF' + '00'.repeat(10);
    const drz = 'F85C' + '01AC' + 'FFFF' + '0000'.repeat(10);
    const f = frameOf(parseSl651Frame(buildHexFrame({ func: 0x34, body: upHeader + 'F0F0' + '2607010800' + drp + drz })));
    const [, p, z] = f.elements;
    expect(p).toMatchObject({ id: 'DRP', kind: 'series', unit: 'mm' });
    expect(z).toMatchObject({ id: 'DRZ4', kind: 'series', unit: 'm', def: '5C' });
    if (p?.kind === 'series') expect(p.values.slice(0, 3)).toEqual([0.5, null, 0]);
    if (z?.kind === 'series') expect(z.values.slice(0, 3)).toEqual([4.28, null, 0]);
  });

  it('decodes a 31H series per group and an all-FF value as missing', () => {
    const group1 = 'F0F0' + '2607010800' + '0418000010' + '391A' + '001234' + 'FFFFFF' + '001236';
    const group2 = 'F0F0' + '2607010830' + '0418000100' + '2019' + '000010';
    const body = upHeader + group1 + group2;
    const f = frameOf(parseSl651Frame(buildHexFrame({ func: 0x31, body })));
    expect(f.elements.map((e) => e.id)).toEqual(['TT', 'DR', 'Z', 'TT', 'DR', 'PJ']);
    expect(f.elements[2]).toMatchObject({ kind: 'series', values: [12.34, null, 12.36], stepMinutes: 10 });
    expect(f.elements[4]).toMatchObject({ kind: 'timeStep', value: '000100', minutes: 60 });
    expect(f.elements[5]).toMatchObject({ kind: 'series', values: [1], stepMinutes: 60 });
  });

  it('keeps a non-letter station type as hex', () => {
    const body = '0001260701080000' + 'F1F1' + '0012345678' + '00';
    const f = frameOf(parseSl651Frame(buildHexFrame({ func: 0x32, body })));
    expect(f.stationType).toBe('00');
    expect(f.stationTypeNameZh).toBeNull();
  });

  it('accepts user-defined function codes E0–FF with the body kept raw', () => {
    const f = frameOf(parseSl651Frame(buildHexFrame({ func: 0xe1, body: upHeader + '0102' })));
    expect(f).toMatchObject({ funcCode: 'E1', funcNameEn: 'user-defined', bodyStationAddr: '0012345678' });
    expect(f.undecoded).toEqual({ offset: 30, hex: '0102' });
  });
});

describe('parseSl651Frame: bad input gives an error result, never a throw', () => {
  const good = fromHex(vectors[0]!.hex);

  it('empty input', () => {
    expect(errorOf(parseSl651Frame(new Uint8Array()))).toMatchObject({ code: 'empty', offset: 0 });
  });

  it('bad CRC names the offset of the CRC', () => {
    const bytes = Uint8Array.from(good);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01;
    const e = errorOf(parseSl651Frame(bytes));
    expect(e).toMatchObject({ code: 'bad-crc', offset: bytes.length - 2 });
    expect(e.reason).toContain('B043');
    expect(e.reason).toContain('B042');
    const body = Uint8Array.from(good);
    body[30] = (body[30] ?? 0) ^ 0x10;
    expect(errorOf(parseSl651Frame(body))).toMatchObject({ code: 'bad-crc', offset: good.length - 2 });
  });

  it('a frame truncated at every length', () => {
    for (const v of vectors) {
      const bytes = fromHex(v.hex);
      for (let n = 0; n < bytes.length; n++) {
        const e = errorOf(parseSl651Frame(bytes.subarray(0, n)));
        expect(e.code, `${v.hex} cut at ${n}`).toBe(n === 0 ? 'empty' : 'truncated');
        expect(e.offset).toBe(n);
      }
    }
  });

  it('a wrong length field', () => {
    const shorter = Uint8Array.from(good);
    shorter[12] = (shorter[12] ?? 0) - 1;
    expect(errorOf(parseSl651Frame(shorter))).toMatchObject({ code: 'bad-end-char', offset: 14 + 46 });
    const longer = Uint8Array.from([...good, 0x00, 0x00]);
    longer[12] = (longer[12] ?? 0) + 1;
    expect(errorOf(parseSl651Frame(longer))).toMatchObject({ code: 'bad-end-char', offset: 14 + 48 });
    const huge = Uint8Array.from(good);
    huge[11] = 0x0f;
    expect(errorOf(parseSl651Frame(huge))).toMatchObject({ code: 'truncated', offset: good.length });
    const tooShortBody = buildHexFrame({ func: 0x32, body: '00012607' });
    expect(errorOf(parseSl651Frame(tooShortBody))).toMatchObject({ code: 'bad-body', offset: 14 });
  });

  it('a length field that disagrees with the elements (CRC correct)', () => {
    const body = upHeader + 'F0F0' + '2607010800' + '3923' + '000123';
    expect(errorOf(parseSl651Frame(buildHexFrame({ func: 0x32, body })))).toMatchObject({ code: 'bad-body', offset: 37 });
  });

  it('a garbage prefix', () => {
    expect(errorOf(parseSl651Frame(Uint8Array.from([0x00, 0x41, ...good])))).toMatchObject({ code: 'bad-start', offset: 0 });
    // A stray 7E before the frame shifts the header by one: the password byte 12 lands in the direction nibble.
    expect(errorOf(parseSl651Frame(Uint8Array.from([0x7e, ...good])))).toMatchObject({ code: 'bad-direction', offset: 11 });
    expect(errorOf(parseSl651Frame(Uint8Array.from([0x7e, 0x00, ...good])))).toMatchObject({ code: 'bad-start', offset: 1 });
  });

  it('an unknown function code', () => {
    for (const func of [0x00, 0x2e, 0x3b, 0x3f, 0x52, 0xdf]) {
      const e = errorOf(parseSl651Frame(buildHexFrame({ func, body: upHeader })));
      expect(e).toMatchObject({ code: 'unknown-function', offset: 10 });
    }
  });

  it('a non-BCD or impossible send time and observation time', () => {
    const keepAlive = (sendTime: string) => errorOf(parseSl651Frame(buildHexFrame({ func: 0x2f, body: '0001' + sendTime })));
    expect(keepAlive('26070108A000')).toMatchObject({ code: 'bad-bcd', offset: 20 });
    expect(keepAlive('261301080000')).toMatchObject({ code: 'bad-time', offset: 16 });
    expect(keepAlive('260230080000')).toMatchObject({ code: 'bad-time', offset: 16 });
    const tt = upHeader + 'F0F0' + '26070108' + '6A';
    expect(errorOf(parseSl651Frame(buildHexFrame({ func: 0x32, body: tt })))).toMatchObject({ code: 'bad-bcd', offset: 36 });
    const tt2 = upHeader + 'F0F0' + '2607012400';
    expect(errorOf(parseSl651Frame(buildHexFrame({ func: 0x32, body: tt2 })))).toMatchObject({ code: 'bad-time', offset: 32 });
  });

  it('impossible BCD nibbles in a value name the byte', () => {
    const body = upHeader + 'F0F0' + '2607010800' + '3923' + '0001C340';
    const e = errorOf(parseSl651Frame(buildHexFrame({ func: 0x32, body })));
    expect(e).toMatchObject({ code: 'bad-bcd', offset: 37 + 4 });
    expect(e.reason).toContain('Z');
  });

  it('a bad direction nibble, start character or end character', () => {
    const dir = Uint8Array.from(good);
    dir[11] = 0x40;
    expect(errorOf(parseSl651Frame(dir))).toMatchObject({ code: 'bad-direction', offset: 11 });
    const badStart = buildHexFrame({ func: 0x32, body: upHeader, start: 0x03 });
    expect(errorOf(parseSl651Frame(badStart))).toMatchObject({ code: 'bad-start-char', offset: 13 });
    expect(errorOf(parseSl651Frame(buildHexFrame({ func: 0x32, body: upHeader, end: 0x05 })))).toMatchObject({ code: 'bad-end-char' });
    expect(errorOf(parseSl651Frame(buildHexFrame({ direction: 'down', func: 0x37, body: upHeader, end: 0x03 })))).toMatchObject({
      code: 'bad-end-char',
    });
  });

  it('a zero-length definition byte on a known element', () => {
    const body = upHeader + 'F0F0' + '2607010800' + '3803';
    expect(errorOf(parseSl651Frame(buildHexFrame({ func: 0x32, body })))).toMatchObject({ code: 'bad-value', offset: 38 });
  });

  it('non-byte-array input from untyped callers', () => {
    expect(errorOf(parseSl651Frame('7E7E' as unknown as Uint8Array))).toMatchObject({ code: 'bad-input' });
    expect(errorOf(parseSl651Frame(null as unknown as Uint8Array))).toMatchObject({ code: 'bad-input' });
  });
});
