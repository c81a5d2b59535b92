import type { Feature, StationLiveInfo } from '../../../preload/contract';
import type { MarkerStyle } from '../../map/markerLayer';
import type { Locale } from '../../ui/locale';

const byType: Record<string, { shape: MarkerStyle['shape']; fill: string; zh: string; en: string }> = {
  reservoir: { shape: 'square', fill: '#4dabff', zh: '库', en: 'R' },
  river: { shape: 'triangle', fill: '#38e1ff', zh: '河', en: 'W' },
  rain: { shape: 'circle', fill: '#7ee081', zh: '雨', en: 'P' },
};

/** Warning colours by severity (1 蓝 … 4 红), as in Chinese flood warning practice. */
export const severityColour: Readonly<Record<number, string>> = { 1: '#3d8bff', 2: '#ffd400', 3: '#ff8c00', 4: '#ff2d2d' };

const trendArrow = { rising: '↑', falling: '↓', steady: '→' } as const;

/** The live reading as a short label line: "132.45 m ↑" / "24h 38.5 mm"; null when the station has not reported. */
export function liveReading(live: StationLiveInfo | undefined): string | null {
  if (!live || live.value === null) return null;
  if (live.type === 'rain' && live.rain) return `24h ${live.rain.h24.toFixed(1)} mm`;
  const arrow = live.trend ? ` ${trendArrow[live.trend]}` : '';
  return `${live.value.toFixed(2)} ${live.unit ?? ''}${arrow}`.replace(/\s+$/, '');
}

/**
 * Pure: station marker by type (reservoir, river stage, rain gauge), filled with its warning colour when an alarm is
 * open, with its name and live reading always readable.
 */
export function floodStationStyle(f: Feature, locale: Locale, live?: StationLiveInfo): MarkerStyle | null {
  const t = byType[String(f.properties.station_type)] ?? byType.rain!;
  const name = String(f.properties.name ?? '');
  const reading = liveReading(live);
  const fill = live && live.severity > 0 ? (severityColour[live.severity] ?? t.fill) : t.fill;
  return {
    shape: t.shape,
    fill,
    glyph: locale === 'zh-CN' ? t.zh : t.en,
    size: live && live.severity > 0 ? 44 : 36,
    label: reading ? `${name}\n${reading}` : name,
  };
}

/**
 * Level column of a station at close range: height 40–400 m by where the value sits between 3 m below the warning
 * line and the guaranteed line (rain gauges: 24 h rainfall, 100 mm = full), coloured by warning level.
 */
export function levelColumn(live: StationLiveInfo): { height: number; colour: string } | null {
  if (live.value === null || live.lon === null || live.lat === null) return null;
  let fraction: number;
  if (live.type === 'rain') fraction = (live.rain?.h24 ?? 0) / 100;
  else {
    const top = live.lines.guarantee ?? live.lines.warning ?? live.lines.floodLimit;
    const warn = live.lines.warning ?? live.lines.floodLimit ?? top;
    if (top === null || warn === null) return null;
    const bottom = warn - 3;
    fraction = (live.value - bottom) / Math.max(0.5, top - bottom);
  }
  fraction = Math.min(1.1, Math.max(0, fraction));
  const colour = live.severity > 0 ? (severityColour[live.severity] ?? '#38e1ff') : live.type === 'rain' ? '#7ee081' : '#38e1ff';
  return { height: 40 + fraction * 360, colour };
}
