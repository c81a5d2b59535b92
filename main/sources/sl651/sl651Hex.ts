/** bytes[start, end) as uppercase hex without separators. */
export function sl651Hex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let s = '';
  const stop = Math.min(end, bytes.length);
  for (let i = Math.max(0, start); i < stop; i++) s += (bytes[i] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return s;
}
