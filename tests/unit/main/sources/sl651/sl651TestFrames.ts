// Test helpers: the fixture vectors and frame builders (CRC computed with the code under test's CRC, checked separately).
import { readFileSync } from 'node:fs';
import { sl651Crc } from '../../../../../main/sources/sl651/sl651Crc';

export interface FixtureElement {
  id: string;
  guide?: string;
  def?: string;
  unit?: string;
  raw?: string;
  value?: string | number | (number | null)[];
  values?: (number | null)[];
}

export interface FixtureVector {
  hex: string;
  source: { repo: string; path: string; url: string };
  centerAddr: number;
  stationAddr: string;
  password: string;
  funcCode: string;
  direction: 'up' | 'down';
  bodyLength: number;
  endChar: string;
  crc: string;
  crcOk: boolean;
  serial: number;
  sendTime: string;
  ST?: string;
  stationType?: string;
  elements: FixtureElement[];
}

export const vectors: FixtureVector[] = JSON.parse(
  readFileSync(new URL('../../../../../tests/fixtures/sl651/sl651-hex-vectors.json', import.meta.url), 'utf8'),
) as FixtureVector[];

export const fromHex = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));
export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').toUpperCase();

export interface HexFrameSpec {
  direction?: 'up' | 'down';
  center?: number;
  station?: string;
  password?: string;
  func: number;
  body: Uint8Array | string;
  start?: number;
  end?: number;
  /** Overrides the 12-bit length field. */
  length?: number;
  /** Overrides the CRC. */
  crc?: number;
}

/** Builds a HEX/BCD frame with a correct length field and CRC unless overridden. */
export function buildHexFrame(spec: HexFrameSpec): Uint8Array {
  const body = typeof spec.body === 'string' ? fromHex(spec.body) : spec.body;
  const up = (spec.direction ?? 'up') === 'up';
  const station = fromHex(spec.station ?? '0012345678');
  const center = spec.center ?? 1;
  const length = spec.length ?? body.length;
  const head = [0x7e, 0x7e, ...(up ? [center, ...station] : [...station, center]), ...fromHex(spec.password ?? '1234'), spec.func];
  const dirLen = (up ? 0 : 0x8000) | (length & 0x0fff);
  const bytes = [...head, dirLen >> 8, dirLen & 0xff, spec.start ?? 0x02, ...body, spec.end ?? (up ? 0x03 : 0x05)];
  const crc = spec.crc ?? sl651Crc(Uint8Array.from(bytes));
  return Uint8Array.from([...bytes, crc >> 8, crc & 0xff]);
}

/** Serial 0x0001 + send time 2026-07-01 08:00:00 + F1F1 station 0012345678 type H. */
export const upHeader = '0001' + '260701080000' + 'F1F1' + '0012345678' + '48';

/** Recomputes the length field and CRC of a HEX frame whose body was edited (keeps 17 + L = frame length). */
export function fixHexFrame(bytes: Uint8Array): Uint8Array {
  const out = Uint8Array.from(bytes);
  if (out.length < 17) return out;
  const length = out.length - 17;
  const dirNibble = (out[11] ?? 0) & 0xf0;
  out[11] = dirNibble | ((length >> 8) & 0x0f);
  out[12] = length & 0xff;
  const crc = sl651Crc(out, 0, out.length - 2);
  out[out.length - 2] = crc >> 8;
  out[out.length - 1] = crc & 0xff;
  return out;
}

export interface AsciiFrameSpec {
  direction?: 'up' | 'down';
  center?: string;
  station?: string;
  password?: string;
  func: string;
  body: string;
  end?: string;
  length?: number;
  crc?: string;
  start?: string;
}

/** Builds an ASCII frame as text (SOH/STX/ETX as characters) with a correct length and CRC unless overridden. */
export function buildAsciiFrame(spec: AsciiFrameSpec): string {
  const up = (spec.direction ?? 'up') === 'up';
  const center = spec.center ?? '01';
  const station = spec.station ?? '0012345678';
  const length = spec.length ?? spec.body.length;
  const dirLen = (up ? '0' : '8') + length.toString(16).toUpperCase().padStart(3, '0');
  const head = '\x01' + (up ? center + station : station + center) + (spec.password ?? '1234') + spec.func + dirLen;
  const frame = head + (spec.start ?? '\x02') + spec.body + (spec.end ?? (up ? '\x03' : '\x05'));
  const crc = spec.crc ?? sl651Crc(Uint8Array.from(Buffer.from(frame, 'latin1'))).toString(16).toUpperCase().padStart(4, '0');
  return frame + crc;
}

/** The synthetic ASCII vector of research NOTES §1.3 (CRC 27BA, verified in sl651Crc.test.ts). */
export const notesAsciiVector =
  '\x01' +
  '0100123456781234320050' +
  '\x02' +
  '0001260701080000ST 0012345678 H TT 2607010800 Z 12.345 PJ 2.5 PT 123.5 VT 12.56 ' +
  '\x03' +
  '27BA';
