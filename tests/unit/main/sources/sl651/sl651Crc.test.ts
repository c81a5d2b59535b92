import { describe, expect, it } from 'vitest';
import { sl651Crc, sl651CrcHex } from '../../../../../main/sources/sl651/sl651Crc';
import { fromHex, notesAsciiVector, vectors } from './sl651TestFrames';

describe('sl651Crc (CRC-16/MODBUS)', () => {
  it('has the CRC-16/MODBUS check value 0x4B37 for "123456789"', () => {
    expect(sl651Crc(new TextEncoder().encode('123456789'))).toBe(0x4b37);
    expect(sl651CrcHex(new TextEncoder().encode('123456789'))).toBe('4B37');
  });

  it('is 0xFFFF for no bytes and honours start/end', () => {
    expect(sl651Crc(new Uint8Array())).toBe(0xffff);
    const bytes = new TextEncoder().encode('xx123456789yy');
    expect(sl651Crc(bytes, 2, 11)).toBe(0x4b37);
  });

  it('matches every fixture frame, sent high byte first', () => {
    for (const v of vectors) {
      const bytes = fromHex(v.hex);
      const end = bytes.length - 2;
      expect(sl651CrcHex(bytes, 0, end), v.hex).toBe(v.crc);
      expect(((bytes[end] ?? 0) << 8) | (bytes[end + 1] ?? 0)).toBe(sl651Crc(bytes, 0, end));
    }
  });

  it('verifies the NOTES §1.3 synthetic ASCII vector CRC 27BA (over SOH..ETX)', () => {
    const bytes = Uint8Array.from(Buffer.from(notesAsciiVector, 'latin1'));
    expect(sl651CrcHex(bytes, 0, bytes.length - 4)).toBe('27BA');
    expect(notesAsciiVector.slice(-4)).toBe('27BA');
  });
});
