import type { Sl651Time } from './sl651Types';

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/**
 * A frame time from its BCD/ASCII digits: 'YYMMDDhhmmss' (send time, 12 digits) or 'YYMMDDhhmm' (observation time,
 * 10 digits); years are 2000–2099. The digits are Beijing time (UTC+8). Returns null for an impossible date or time.
 */
export function sl651Time(digits: string): Sl651Time | null {
  if (!/^(\d{10}|\d{12})$/.test(digits)) return null;
  const part = (i: number) => Number(digits.slice(i, i + 2));
  const year = 2000 + part(0);
  const month = part(2);
  const day = part(4);
  const hour = part(6);
  const minute = part(8);
  const second = digits.length === 12 ? part(10) : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second) - BEIJING_OFFSET_MS;
  return { local: `20${digits}`, utc: new Date(epochMs).toISOString().replace('.000Z', 'Z'), epochMs };
}

/** 'YYYYMMDDhhmm[ss]' local digits as 'YYYY-MM-DD hh:mm[:ss]' for display. */
export function sl651FormatLocal(local: string): string {
  const s = local;
  const base = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)} ${s.slice(8, 10)}:${s.slice(10, 12)}`;
  return s.length >= 14 ? `${base}:${s.slice(12, 14)}` : base;
}
