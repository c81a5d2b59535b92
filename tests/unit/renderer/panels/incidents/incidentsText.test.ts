import { describe, expect, it } from 'vitest';
import { formatAge, formatUtc8, incidentsText, parseUtc8Local } from '../../../../../renderer/panels/incidents/incidentsText';

describe('incidentsText', () => {
  it('zh-CN first, English in en', () => {
    expect(incidentsText('zh-CN')('plans.match')).toBe('匹配预案');
    expect(incidentsText('en')('plans.match')).toBe('Match plans');
  });

  it('formats epoch ms as Beijing time whatever the machine zone', () => {
    expect(formatUtc8(Date.UTC(2026, 6, 20, 1, 30))).toBe('2026-07-20 09:30');
    expect(formatUtc8(Date.UTC(2026, 11, 31, 16, 5))).toBe('2027-01-01 00:05');
    expect(formatUtc8(null)).toBe('—');
  });

  it('reads a datetime-local value as Beijing time; refuses what is not a time', () => {
    expect(parseUtc8Local('2026-07-20T12:00')).toBe(Date.UTC(2026, 6, 20, 4, 0));
    expect(parseUtc8Local('2027-01-01T00:05:30')).toBe(Date.UTC(2026, 11, 31, 16, 5, 30));
    for (const bad of ['', '2026-02-30T10:00', '2026-13-01T10:00', '2026-07-20 12:00', '2026-07-20T24:00']) expect(parseUtc8Local(bad)).toBeNull();
  });

  it('ages in minutes, hours, then days', () => {
    expect(formatAge(45 * 60_000, 'zh-CN')).toBe('45 分钟');
    expect(formatAge(3 * 3_600_000 + 59 * 60_000, 'en')).toBe('3 h');
    expect(formatAge(50 * 3_600_000, 'zh-CN')).toBe('2 天');
    expect(formatAge(-5_000, 'en')).toBe('0 min');
  });
});
