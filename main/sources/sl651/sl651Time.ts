import type { Sl651Time } from './sl651Types';

const part = (digits: string, i: number): number => (digits.charCodeAt(i) - 48) * 10 + digits.charCodeAt(i + 1) - 48;
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/**
 * A frame time from its BCD/ASCII digits: 'YYMMDDhhmmss' (send time, 12 digits) or 'YYMMDDhhmm' (observation time,
 * 10 digits); years are 2000–2099. The digits are Beijing time (UTC+8). Returns null for an impossible date or time.
 */
export function sl651Time(digits: string): Sl651Time | null {
  // Stations of a network report at the same ticks: a burst repeats a handful of times. Times are shared, frozen.
  const known = recent.get(digits);
  if (known !== undefined) return known;
  const t = computeTime(digits);
  if (recent.size >= 512) recent.clear();
  recent.set(digits, t);
  return t;
}

const recent = new Map<string, Sl651Time | null>();

function computeTime(digits: string): Sl651Time | null {
  if (digits.length !== 10 && digits.length !== 12) return null;
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  const year = 2000 + part(digits, 0);
  const month = part(digits, 2);
  const day = part(digits, 4);
  const hour = part(digits, 6);
  const minute = part(digits, 8);
  const second = digits.length === 12 ? part(digits, 10) : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  if (day > daysInMonth) return null;
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second) - BEIJING_OFFSET_MS;
  return Object.freeze({ local: `20${digits}`, utc: new Date(epochMs).toISOString().replace('.000Z', 'Z'), epochMs });
}

/** 'YYYYMMDDhhmm[ss]' local digits as 'YYYY-MM-DD hh:mm[:ss]' for display. */
export function sl651FormatLocal(local: string): string {
  const s = local;
  const base = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)} ${s.slice(8, 10)}:${s.slice(10, 12)}`;
  return s.length >= 14 ? `${base}:${s.slice(12, 14)}` : base;
}
