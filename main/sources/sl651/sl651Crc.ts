/** CRC-16/MODBUS remainders of every byte value (reflected polynomial 0xA001). */
const table = (() => {
  const t = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let bit = 0; bit < 8; bit++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/**
 * CRC-16/MODBUS as SL651 uses it (附录H.3.2): register starts at 0xFFFF, reflected polynomial 0xA001, no final XOR.
 * Check value for ASCII "123456789" is 0x4B37. SL651 sends the result high byte first (HEX frames) or as 4 ASCII hex
 * characters (ASCII frames). Covers bytes[start, end). Table-driven (one lookup per byte).
 */
export function sl651Crc(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0xffff;
  const stop = Math.min(end, bytes.length);
  for (let i = Math.max(0, start); i < stop; i++) crc = (crc >>> 8) ^ table[(crc ^ bytes[i]!) & 0xff]!;
  return crc;
}

/** The CRC as 4 uppercase hex characters, as written in frames ('B042'). */
export function sl651CrcHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return sl651Crc(bytes, start, end).toString(16).toUpperCase().padStart(4, '0');
}
