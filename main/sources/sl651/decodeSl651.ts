import { parseSl651AsciiFrame } from './parseSl651AsciiFrame';
import { parseSl651Frame } from './parseSl651Frame';
import { sl651HexToBytes } from './sl651HexToBytes';
import { sl651Fail, type Sl651Result } from './sl651Types';

/**
 * One-call decode of an SL651 frame. Bytes starting 7E7E are a HEX/BCD frame, bytes starting SOH (01) an ASCII frame.
 * A string starting with SOH is an ASCII frame as text; any other string is read as hex (whitespace allowed) and then
 * dispatched the same way. Never throws.
 */
export function decodeSl651(input: string | Uint8Array): Sl651Result {
  try {
    if (typeof input === 'string') {
      const trimmed = input.replace(/^[ \t\r\n]+/, '');
      if (trimmed.startsWith('\x01')) return parseSl651AsciiFrame(trimmed);
      const hex = sl651HexToBytes(input);
      if (!hex.ok) return hex;
      return decodeBytes(hex.bytes);
    }
    if (input instanceof Uint8Array) return decodeBytes(input);
    return sl651Fail('bad-input', 'input is neither text nor bytes', 0);
  } catch (e) {
    return sl651Fail('internal', `internal decoder error: ${e instanceof Error ? e.message : String(e)}`, 0);
  }
}

function decodeBytes(bytes: Uint8Array): Sl651Result {
  if (bytes.length === 0) return sl651Fail('empty', 'empty input', 0);
  if (bytes[0] === 0x7e) return parseSl651Frame(bytes);
  if (bytes[0] === 0x01) return parseSl651AsciiFrame(bytes);
  const found = (bytes[0] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return sl651Fail('bad-start', `not an SL651 frame: expected 7E7E (HEX) or SOH 01 (ASCII) at offset 0, found ${found}`, 0);
}
