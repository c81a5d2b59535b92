import { formatOffset } from '../../../preload/contract';

/** Drill times as people read them: Beijing time (UTC+8) whatever the machine's zone, T+ offsets, durations. */
const CST_MS = 8 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** Epoch ms as Beijing time (UTC+8) 'yyyy-MM-dd HH:mm:ss', whatever the machine's zone. */
export function formatUtc8Seconds(ts: number | null): string {
  if (ts === null) return '—';
  const d = new Date(ts + CST_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Epoch ms as Beijing time 'HH:mm:ss'. */
export function formatUtc8Time(ts: number | null): string {
  return ts === null ? '—' : formatUtc8Seconds(ts).slice(11);
}

/** An exercise offset as T+hh:mm:ss (the contract's formatOffset, always with seconds so a ticking clock keeps its width). */
export function offsetWithSeconds(ms: number): string {
  const s = formatOffset(Math.trunc(ms / 1000) * 1000);
  return /:\d\d:\d\d$/.test(s) ? s : `${s}:00`;
}

/** A duration as h:mm:ss or m:ss (metrics, drift); signed when `signed`. */
export function formatDuration(ms: number | null, signed = false): string {
  if (ms === null) return '—';
  const sign = ms < 0 ? '−' : signed ? '+' : '';
  const a = Math.round(Math.abs(ms) / 1000);
  const h = Math.floor(a / 3600);
  const m = Math.floor((a % 3600) / 60);
  const s = a % 60;
  return h > 0 ? `${sign}${h}:${pad(m)}:${pad(s)}` : `${sign}${m}:${pad(s)}`;
}
