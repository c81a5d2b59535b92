import { formatOffset } from '../../../preload/contract/drillScenario';

/**
 * How the drill evaluation and its report print times, durations and levels. Every clock time is 北京时间 (UTC+8),
 * computed from epoch ms without reading the machine's time zone. The e2e test compares a printed report with the
 * event log through these same functions.
 */

const BEIJING_MS = 8 * 3_600_000;

/** `yyyy-MM-dd HH:mm:ss` in 北京时间 (UTC+8). */
export function beijingDateTime(ms: number): string {
  return new Date(ms + BEIJING_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** `HH:mm:ss` in 北京时间 (UTC+8). */
export function beijingTime(ms: number): string {
  return new Date(ms + BEIJING_MS).toISOString().slice(11, 19);
}

/**
 * A duration as the report prints it: rounded to whole seconds, then `X小时Y分Z秒` without leading zero units and
 * without padding — 0 → `0秒`, 45 s → `45秒`, 4 min 30 s → `4分30秒`, 4 min → `4分0秒`, 1 h 2 min 5 s → `1小时2分5秒`,
 * 1 h → `1小时0分0秒`. Negative values get a leading `-`; null (not done) → `—`.
 */
export function formatDurationZh(ms: number | null): string {
  if (ms === null) return '—';
  const sign = ms < 0 ? '-' : '';
  const total = Math.round(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${sign}${h}小时${m}分${s}秒`;
  if (m > 0) return `${sign}${m}分${s}秒`;
  return `${sign}${s}秒`;
}

const LEVEL_NUMERALS: Record<string, string> = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ' };

/** A response level as written in Chinese plans: IV → `Ⅳ级`. */
export function levelZh(level: string): string {
  return `${LEVEL_NUMERALS[level] ?? level}级`;
}

/** The replay moment of an event: the link the replay window opens. */
export function replayLink(runId: string, at: number, seq: number): string {
  return `cityops://replay/${encodeURIComponent(runId)}?at=${Math.trunc(at)}&seq=${Math.trunc(seq)}`;
}

/** An exercise moment as the report prints it: 北京时间 `HH:mm:ss · T+hh:mm[:ss]`, e.g. `08:25:00 · T+00:25`, `08:07:15 · T+00:07:15`. */
export function momentText(at: number, t0: number): string {
  // One rounding for both, so the clock time and the offset never disagree by a second.
  const s = Math.round(at / 1000) * 1000;
  return `${beijingTime(s)} · ${formatOffset(s - Math.round(t0 / 1000) * 1000)}`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text (or an attribute value) for HTML: every string from a scenario or the event log goes through this. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}
