/** Manual-entry text bytes as a string: UTF-8 if valid, else GB18030 (common on Chinese RTUs), else Latin-1. */
export function sl651DecodeText(bytes: Uint8Array): string {
  for (const label of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(label, { fatal: true }).decode(bytes);
    } catch {
      // not valid in this encoding (or the encoding is unavailable): try the next one
    }
  }
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}
