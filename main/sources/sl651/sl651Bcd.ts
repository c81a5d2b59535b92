// Packed BCD as SL651 writes values and times (6.6.3): two decimal digits per byte, high nibble first.

export type Sl651BcdDigits = { ok: true; digits: string } | { ok: false; badAt: number };
export type Sl651BcdNumber = { ok: true; value: number } | { ok: false; badAt: number };

/** The digits of bytes[start, start + length); on a nibble above 9, the absolute index of that byte. */
export function sl651BcdDigits(bytes: Uint8Array, start: number, length: number): Sl651BcdDigits {
  let digits = '';
  for (let i = start; i < start + length; i++) {
    const b = bytes[i];
    if (b === undefined || b >> 4 > 9 || (b & 0x0f) > 9) return { ok: false, badAt: i };
    digits += String(b >> 4) + String(b & 0x0f);
  }
  return { ok: true, digits };
}

/** A decimal digit string with `decimals` implied decimal places as a number ('003113', 1 → 311.3). */
export function sl651DigitsToNumber(digits: string, decimals: number, negative = false): number {
  let text = digits;
  if (decimals > 0) {
    const padded = digits.padStart(decimals + 1, '0');
    text = `${padded.slice(0, padded.length - decimals)}.${padded.slice(padded.length - decimals)}`;
  }
  const value = Number(text);
  return negative && value !== 0 ? -value : value;
}

/**
 * A BCD element value: `length` bytes, `decimals` implied decimal places. A leading FFH byte marks a negative number
 * whose digits follow in the remaining bytes (SL651 6.6.3; e.g. FF 01 23 with 2 decimals = -1.23).
 */
export function sl651BcdNumber(bytes: Uint8Array, start: number, length: number, decimals: number): Sl651BcdNumber {
  const negative = length >= 2 && bytes[start] === 0xff;
  const d = negative ? sl651BcdDigits(bytes, start + 1, length - 1) : sl651BcdDigits(bytes, start, length);
  if (!d.ok) return d;
  if (d.digits.length === 0) return { ok: false, badAt: start };
  return { ok: true, value: sl651DigitsToNumber(d.digits, decimals, negative) };
}
