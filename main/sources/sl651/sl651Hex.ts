/** Two uppercase hex characters of every byte value. */
export const sl651HexByte: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).toUpperCase().padStart(2, '0'));

/** bytes[start, end) as uppercase hex without separators. */
export function sl651Hex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let s = '';
  const stop = Math.min(end, bytes.length);
  for (let i = Math.max(0, start); i < stop; i++) s += sl651HexByte[bytes[i]!]!;
  return s;
}
