import { describe, expect, it } from 'vitest';
import { decodeSl651 } from '../../../../../main/sources/sl651/decodeSl651';
import { sl651HexToBytes } from '../../../../../main/sources/sl651/sl651HexToBytes';
import { fromHex, notesAsciiVector, vectors } from './sl651TestFrames';

describe('decodeSl651', () => {
  it('decodes every fixture frame from a hex string, with whitespace and lowercase, and from bytes', () => {
    for (const v of vectors) {
      const spaced = v.hex.toLowerCase().replace(/(..)/g, '$1 ').replace(/ (7e) /g, '\n$1\t');
      const a = decodeSl651(spaced);
      const b = decodeSl651(fromHex(v.hex));
      expect(a.ok && a.frame.crc, v.hex).toBe(v.crc);
      expect(b.ok && b.frame.serial).toBe(v.serial);
    }
  });

  it('detects ASCII frames as text, as bytes and as hex of the bytes', () => {
    const hex = Buffer.from(notesAsciiVector, 'latin1').toString('hex');
    for (const input of [notesAsciiVector, Uint8Array.from(Buffer.from(notesAsciiVector, 'latin1')), hex]) {
      const r = decodeSl651(input);
      expect(r.ok && r.frame.format).toBe('ascii');
      expect(r.ok && r.frame.crc).toBe('27BA');
    }
  });

  it('rejects empty input, non-frames and bad hex text with a reason and offset', () => {
    expect(decodeSl651('')).toMatchObject({ ok: false, error: { code: 'empty', offset: 0 } });
    expect(decodeSl651('   ')).toMatchObject({ ok: false, error: { code: 'empty', offset: 0 } });
    expect(decodeSl651(new Uint8Array())).toMatchObject({ ok: false, error: { code: 'empty' } });
    expect(decodeSl651('6869')).toMatchObject({ ok: false, error: { code: 'bad-start', offset: 0 } });
    expect(decodeSl651('7E7E 0G')).toMatchObject({ ok: false, error: { code: 'bad-input', offset: 6 } });
    expect(decodeSl651('7E7E0')).toMatchObject({ ok: false, error: { code: 'bad-input', offset: 4 } });
    expect(decodeSl651(42 as unknown as string)).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });

  it('sl651HexToBytes skips whitespace only', () => {
    const r = sl651HexToBytes(' 7e\n7E\t01 ');
    expect(r.ok && Array.from(r.bytes)).toEqual([0x7e, 0x7e, 0x01]);
    expect(sl651HexToBytes('7E:7E')).toMatchObject({ ok: false, error: { offset: 2 } });
  });
});
