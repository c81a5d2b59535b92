import { sl651Crc } from './sl651Crc';
import { sl651ElementByAsciiId } from './sl651ElementTable';

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

export interface Sl651ReportSpec {
  /** 10 hex/BCD digits. */
  station: string;
  /** Center address 1–255 (default 1). */
  center?: number;
  /** 4 hex digits (default 0000). */
  password?: string;
  /** 0x32 scheduled report (定时报, default), 0x33 added report (加报), 0x34 hourly (小时报), 0x30 test. */
  func?: number;
  serial?: number;
  /** 'H' river, 'K' reservoir, 'P' rain (default 'H'). */
  stationType?: 'P' | 'H' | 'K' | 'Z' | 'D' | 'T' | 'M' | 'G' | 'Q' | 'I' | 'O';
  /** Observation time (TT), epoch ms; rounded down to the minute. */
  observedAt: number;
  /** Send time, epoch ms (default: observedAt). */
  sentAt?: number;
  /** Plain numeric elements by ASCII id (Z, ZU, PJ, PT, VT …), encoded with the table's N(D,d). */
  elements: { id: string; value: number }[];
}

export class Sl651EncodeError extends Error {
  override name = 'Sl651EncodeError';
}

/** Beijing-time BCD digits of an epoch time: YYMMDDhhmm[ss]. */
function beijingDigits(ms: number, seconds: boolean): string {
  const d = new Date(ms + BEIJING_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  const s = `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}`;
  return seconds ? s + p(d.getUTCSeconds()) : s;
}

const bcd = (digits: string): number[] => {
  if (!/^\d*$/.test(digits) || digits.length % 2) throw new Sl651EncodeError(`'${digits}' is not an even number of decimal digits`);
  const out: number[] = [];
  for (let i = 0; i < digits.length; i += 2) out.push((Number(digits[i]) << 4) | Number(digits[i + 1]));
  return out;
};

const hexBytes = (hex: string, bytes: number, what: string): number[] => {
  if (!new RegExp(`^[0-9A-Fa-f]{${bytes * 2}}$`).test(hex)) throw new Sl651EncodeError(`${what}: '${hex}' is not ${bytes * 2} hex digits`);
  return Array.from(Buffer.from(hex, 'hex'));
};

/**
 * An uplink HEX/BCD report frame (SL 651-2014 表20 + 表24): serial, send time, F1F1 station, F0F0 observation time and
 * numeric elements as BCD with each element's definition byte (length << 3 | decimals). For RTU simulators, drills and
 * receiver tests; the CRC is CRC-16/MODBUS sent high byte first. Values that do not fit N(D,d) are refused.
 */
export function encodeSl651Report(spec: Sl651ReportSpec): Uint8Array {
  const station = hexBytes(spec.station, 5, 'station');
  const password = hexBytes(spec.password ?? '0000', 2, 'password');
  const center = spec.center ?? 1;
  if (!Number.isInteger(center) || center < 1 || center > 255) throw new Sl651EncodeError(`center: ${center} is not 1–255`);
  const serial = spec.serial ?? 1;
  const body: number[] = [serial >> 8, serial & 0xff, ...bcd(beijingDigits(spec.sentAt ?? spec.observedAt, true))];
  body.push(0xf1, 0xf1, ...station, (spec.stationType ?? 'H').charCodeAt(0));
  body.push(0xf0, 0xf0, ...bcd(beijingDigits(spec.observedAt, false)));
  for (const e of spec.elements) {
    const def = sl651ElementByAsciiId(e.id);
    if (!def || def.encoding !== 'bcd' || def.digits === null || def.decimals === null) throw new Sl651EncodeError(`element ${e.id}: not a plain numeric SL651 element`);
    if (!Number.isFinite(e.value) || e.value < 0) throw new Sl651EncodeError(`element ${e.id}: ${e.value} is not a non-negative number`);
    const bytes = Math.ceil(def.digits / 2);
    const scaled = Math.round(e.value * 10 ** def.decimals);
    const digits = String(scaled).padStart(bytes * 2, '0');
    if (digits.length > bytes * 2 || String(scaled).length > def.digits) throw new Sl651EncodeError(`element ${e.id}: ${e.value} does not fit N(${def.digits},${def.decimals})`);
    body.push(def.guide, (bytes << 3) | def.decimals, ...bcd(digits));
  }
  if (body.length > 0x0fff) throw new Sl651EncodeError(`body of ${body.length} bytes is longer than 4095`);
  const head = [0x7e, 0x7e, center, ...station, ...password, spec.func ?? 0x32, (body.length >> 8) & 0x0f, body.length & 0xff, 0x02];
  const frame = [...head, ...body, 0x03];
  const crc = sl651Crc(Uint8Array.from(frame));
  return Uint8Array.from([...frame, crc >> 8, crc & 0xff]);
}
