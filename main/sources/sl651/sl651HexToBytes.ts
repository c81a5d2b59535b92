import { sl651Fail, type Sl651Error } from './sl651Types';

/** Hex text with optional whitespace (spaces, newlines, tabs) as bytes; errors name the character offset in the text. */
export function sl651HexToBytes(text: string): { ok: true; bytes: Uint8Array } | { ok: false; error: Sl651Error } {
  const out: number[] = [];
  let high = -1;
  let highAt = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) continue;
    const v = parseInt(c, 16);
    if (!/^[0-9A-Fa-f]$/.test(c) || Number.isNaN(v)) {
      return sl651Fail('bad-input', `character '${c}' at text offset ${i} is not a hex digit`, i);
    }
    if (high < 0) {
      high = v;
      highAt = i;
    } else {
      out.push(high * 16 + v);
      high = -1;
    }
  }
  if (high >= 0) return sl651Fail('bad-input', `odd number of hex digits: the digit at text offset ${highAt} has no pair`, highAt);
  return { ok: true, bytes: Uint8Array.from(out) };
}
