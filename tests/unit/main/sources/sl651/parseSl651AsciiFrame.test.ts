import { describe, expect, it } from 'vitest';
import { parseSl651AsciiFrame } from '../../../../../main/sources/sl651/parseSl651AsciiFrame';
import type { Sl651Frame, Sl651Result } from '../../../../../main/sources/sl651/sl651Types';
import { buildAsciiFrame, notesAsciiVector } from './sl651TestFrames';

function frameOf(r: Sl651Result): Sl651Frame {
  if (!r.ok) throw new Error(`expected a frame, got ${r.error.code}: ${r.error.reason} @${r.error.offset}`);
  return r.frame;
}

function errorOf(r: Sl651Result) {
  if (r.ok) throw new Error('expected an error result');
  expect(r.error.reason.length).toBeGreaterThan(0);
  return r.error;
}

describe('parseSl651AsciiFrame', () => {
  it('decodes the synthetic vector of NOTES §1.3 (its CRC 27BA verifies)', () => {
    const f = frameOf(parseSl651AsciiFrame(notesAsciiVector));
    expect(f).toMatchObject({
      format: 'ascii', direction: 'up', centerAddr: 1, stationAddr: '0012345678', password: '1234', funcCode: '32', bodyLength: 80,
      endChar: '03', crc: '27BA', crcComputed: '27BA', crcOk: true, serial: 1, bodyStationAddr: '0012345678', stationType: 'H',
      consumed: notesAsciiVector.length, trailing: 0,
    });
    expect(f.sendTime).toMatchObject({ local: '20260701080000', utc: '2026-07-01T00:00:00Z' });
    expect(f.elements.map((e) => e.id)).toEqual(['TT', 'Z', 'PJ', 'PT', 'VT']);
    const values = f.elements.map((e) => (e.kind === 'number' ? e.value : e.kind === 'time' ? e.value : null));
    expect(values).toEqual(['202607010800', 12.345, 2.5, 123.5, 12.56]);
    expect(f.elements[1]).toMatchObject({ guide: '39', unit: 'm', decimals: 3, raw: '12.345', offset: 24 + 46 });
    expect(f.elements[4]?.observationTime?.local).toBe('202607010800');
  });

  it('accepts the frame as bytes too', () => {
    const f = frameOf(parseSl651AsciiFrame(Uint8Array.from(Buffer.from(notesAsciiVector, 'latin1'))));
    expect(f.crc).toBe('27BA');
  });

  it('accepts a space after the send time and lowercase CRC characters', () => {
    const text = buildAsciiFrame({ func: '32', body: '0002260701081500 ST 0012345678 P TT 2607010815 PJ 0.5 ' });
    const lower = text.slice(0, -4) + text.slice(-4).toLowerCase();
    const f = frameOf(parseSl651AsciiFrame(lower));
    expect(f).toMatchObject({ serial: 2, stationType: 'P', stationTypeNameEn: 'precipitation' });
    expect(f.elements[1]).toMatchObject({ id: 'PJ', value: 0.5 });
  });

  it('decodes a 31H uniform-period series with M as missing, a time-step code, ZT, DRZ and unknown ids', () => {
    const drz = '01AC01ACFFFF' + '0000'.repeat(9);
    const body = `0003260701090000ST 0012345678 H TT 2607010800 DRN05 Z 12.34 M 12.36 ZT 00000081 DRZ1 ${drz} ABC 7 `;
    const f = frameOf(parseSl651AsciiFrame(buildAsciiFrame({ func: '31', body })));
    expect(f.elements.map((e) => e.id)).toEqual(['TT', 'DR', 'Z', 'ZT', 'DRZ1', 'ABC']);
    expect(f.elements[1]).toMatchObject({ kind: 'timeStep', value: '000005', minutes: 5, guide: '04' });
    expect(f.elements[2]).toMatchObject({ kind: 'series', values: [12.34, null, 12.36], decimals: 2, stepMinutes: 5 });
    expect(f.elements[3]).toMatchObject({ kind: 'status', value: 0x81 });
    expect(f.elements[4]).toMatchObject({ kind: 'series', values: [4.28, 4.28, null, 0, 0, 0, 0, 0, 0, 0, 0, 0] });
    expect(f.elements[5]).toMatchObject({ kind: 'raw', guide: '', value: 7 });
  });

  it('decodes a manual-entry text (RGZS) to the end of the body', () => {
    const f = frameOf(parseSl651AsciiFrame(buildAsciiFrame({ func: '35', body: '0004260701090000RGZS Q 1.234 ' })));
    expect(f.elements).toHaveLength(1);
    expect(f.elements[0]).toMatchObject({ kind: 'text', id: 'RGZS', value: 'Q 1.234' });
  });

  it('decodes a downlink frame (station first, then center)', () => {
    const text = buildAsciiFrame({ direction: 'down', center: '0A', station: '00303A9006', func: '37', body: '0005260701090000' });
    const f = frameOf(parseSl651AsciiFrame(text));
    expect(f).toMatchObject({ direction: 'down', centerAddr: 10, stationAddr: '00303A9006', endCharName: 'ENQ', serial: 5, elements: [] });
  });

  it('decodes an M3 packet header', () => {
    const f = frameOf(parseSl651AsciiFrame(buildAsciiFrame({ func: '36', start: '\x16', body: '002001' + 'ABCD', end: '\x17' })));
    expect(f).toMatchObject({ packet: { total: 2, seq: 1 }, startChar: 'SYN', undecoded: { offset: 30, hex: '41424344' } });
  });

  it('ignores trailing characters', () => {
    const f = frameOf(parseSl651AsciiFrame(`${notesAsciiVector}\r\n`));
    expect(f.trailing).toBe(2);
    expect(f.consumed).toBe(notesAsciiVector.length);
  });

  describe('bad frames', () => {
    it('bad CRC names the CRC offset', () => {
      const bad = notesAsciiVector.slice(0, -4) + '27BB';
      expect(errorOf(parseSl651AsciiFrame(bad))).toMatchObject({ code: 'bad-crc', offset: notesAsciiVector.length - 4 });
      expect(errorOf(parseSl651AsciiFrame(notesAsciiVector.slice(0, -4) + '27BX'))).toMatchObject({ code: 'bad-crc' });
    });

    it('truncated at every length', () => {
      for (let n = 0; n < notesAsciiVector.length; n++) {
        const e = errorOf(parseSl651AsciiFrame(notesAsciiVector.slice(0, n)));
        expect(e.code).toBe(n === 0 ? 'empty' : 'truncated');
        expect(e.offset).toBe(n);
      }
    });

    it('wrong length field, bad header fields, unknown function', () => {
      const wrongLength = notesAsciiVector.slice(0, 20) + '04F' + notesAsciiVector.slice(23);
      expect(errorOf(parseSl651AsciiFrame(wrongLength))).toMatchObject({ code: 'bad-end-char', offset: 24 + 0x4f });
      expect(errorOf(parseSl651AsciiFrame(buildAsciiFrame({ func: '32', center: 'G1', body: '0001260701080000' })))).toMatchObject({
        code: 'bad-header',
        offset: 1,
      });
      expect(errorOf(parseSl651AsciiFrame(buildAsciiFrame({ func: '3C', body: '0001260701080000' })))).toMatchObject({
        code: 'unknown-function',
        offset: 17,
      });
      expect(errorOf(parseSl651AsciiFrame('X' + notesAsciiVector))).toMatchObject({ code: 'bad-start', offset: 0 });
    });

    it('bad times and values', () => {
      const err32 = (body: string) => errorOf(parseSl651AsciiFrame(buildAsciiFrame({ func: '32', body })));
      expect(err32('00012607010800A0')).toMatchObject({ code: 'bad-bcd', offset: 28 });
      expect(err32('0001261301080000')).toMatchObject({ code: 'bad-time', offset: 28 });
      const badTT = buildAsciiFrame({ func: '32', body: '0001260701080000TT 2607013200 ' });
      expect(errorOf(parseSl651AsciiFrame(badTT))).toMatchObject({ code: 'bad-time', offset: 43 });
      const badValue = buildAsciiFrame({ func: '32', body: '0001260701080000TT 2607010800 Z 1.2.3 ' });
      expect(errorOf(parseSl651AsciiFrame(badValue))).toMatchObject({ code: 'bad-value', offset: 56 });
      const noValue = buildAsciiFrame({ func: '32', body: '0001260701080000TT 2607010800 Z ' });
      expect(errorOf(parseSl651AsciiFrame(noValue))).toMatchObject({ code: 'bad-body', offset: 54 });
      const notId = buildAsciiFrame({ func: '32', body: '0001260701080000TT 2607010800 12 ' });
      expect(errorOf(parseSl651AsciiFrame(notId))).toMatchObject({ code: 'bad-body', offset: 54 });
    });
  });
});
