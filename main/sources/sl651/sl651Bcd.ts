// Packed BCD as SL651 writes values and times (6.6.3): two decimal digits per byte, high nibble first.

export type Sl651BcdDigits = { ok: true; digits: string } | { ok: false; badAt: number };
export type Sl651BcdNumber = { ok: true; value: number } | { ok: false; badAt: number };

/** The two digits of every byte value that is valid packed BCD ('00'–'99'); null for a nibble above 9. */
const pairs: readonly (string | null)[] = Array.from({ length: 256 }, (_, b) => (b >> 4 > 9 || (b & 0x0f) > 9 ? null : `${b >> 4}${b & 0x0f}`));

/** The digits of bytes[start, start + length); on a nibble above 9, the absolute index of that byte. */
export function sl651BcdDigits(bytes: Uint8Array, start: number, length: number): Sl651BcdDigits {
  let digits = '';
  for (let i = start; i < start + length; i++) {
    const b = bytes[i];
    const pair = b === undefined ? null : pairs[b]!;
    if (pair === null) return { ok: false, badAt: i };
    digits += pair;
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
  // Up to 7 bytes (14 digits) the integer is exact and one correctly rounded division gives the same double as
  // parsing the decimal text; longer values take the text path.
  if (length >= 1 && length <= 7 && decimals <= 9) {
    const neg = length >= 2 && bytes[start] === 0xff;
    let v = 0;
    for (let i = neg ? start + 1 : start; i < start + length; i++) {
      const x = bytes[i];
      if (x === undefined || x >> 4 > 9 || (x & 0x0f) > 9) return { ok: false, badAt: i };
      v = v * 100 + (x >> 4) * 10 + (x & 0x0f);
    }
    const value = decimals > 0 ? v / 10 ** decimals : v;
    return { ok: true, value: neg && value !== 0 ? -value : value };
  }
  const negative = length >= 2 && bytes[start] === 0xff;
  const d = negative ? sl651BcdDigits(bytes, start + 1, length - 1) : sl651BcdDigits(bytes, start, length);
  if (!d.ok) return d;
  if (d.digits.length === 0) return { ok: false, badAt: start };
  return { ok: true, value: sl651DigitsToNumber(d.digits, decimals, negative) };
}
