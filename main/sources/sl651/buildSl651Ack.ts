import { sl651Crc } from './sl651Crc';
import type { Sl651Frame } from './sl651Types';

export type Sl651AckEnd = 'ACK' | 'NAK' | 'EOT' | 'ESC';

const endBytes: Record<Sl651AckEnd, number> = { ACK: 0x06, NAK: 0x15, EOT: 0x04, ESC: 0x1b };

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/** 'YYMMDDhhmmss' Beijing-time digits of an instant, as 6 BCD bytes. */
function bcdTime(epochMs: number): number[] {
  const d = new Date(epochMs + BEIJING_OFFSET_MS);
  const parts = [d.getUTCFullYear() % 100, d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
  return parts.map((v) => ((Math.floor(v / 10) << 4) | v % 10) & 0xff);
}

/**
 * The downlink confirmation of an uplink HEX frame (表21): 7E7E · station address (5 B, first in downlink frames) ·
 * center address (1 B) · password (2 B, echoed) · function code (echoed) · 8000H | body length · STX · body · end char
 * · CRC-16/MODBUS high byte first. The body is the serial number of the frame being confirmed (2 B; for an M3 packet,
 * which has no serial, its packet sequence number) and the center's send time (6 B BCD, Beijing time).
 * endChar: EOT (done, station may go offline), ESC (done, stay online 10 min), ACK (M3: next packet), NAK (resend).
 */
export function buildSl651Ack(frame: Sl651Frame, endChar: Sl651AckEnd, sendTimeMs: number = Date.now()): Uint8Array {
  const station = Buffer.from(frame.stationAddr, 'hex');
  if (station.length !== 5) throw new RangeError(`station address '${frame.stationAddr}' is not 10 hex characters`);
  const password = Buffer.from(frame.password, 'hex');
  if (password.length !== 2) throw new RangeError(`password '${frame.password}' is not 4 hex characters`);
  const serial = frame.serial ?? frame.packet?.seq ?? 0;
  const body = [(serial >> 8) & 0xff, serial & 0xff, ...bcdTime(sendTimeMs)];
  const len = 0x8000 | body.length;
  const bytes = [
    0x7e,
    0x7e,
    ...station,
    frame.centerAddr & 0xff,
    ...password,
    parseInt(frame.funcCode, 16) & 0xff,
    len >> 8,
    len & 0xff,
    0x02,
    ...body,
    endBytes[endChar],
  ];
  const crc = sl651Crc(Uint8Array.from(bytes));
  bytes.push(crc >> 8, crc & 0xff);
  return Uint8Array.from(bytes);
}
