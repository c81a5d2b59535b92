import type { Feature } from '../../../preload/contract';
import type { MarkerStyle } from '../../map/markerLayer';
import type { Locale } from '../../ui/locale';

const byType: Record<string, { shape: MarkerStyle['shape']; fill: string; zh: string; en: string }> = {
  reservoir: { shape: 'square', fill: '#4dabff', zh: '库', en: 'R' },
  river: { shape: 'triangle', fill: '#38e1ff', zh: '河', en: 'W' },
  rain: { shape: 'circle', fill: '#7ee081', zh: '雨', en: 'P' },
};

/** Pure: station marker by type (reservoir, river stage, rain gauge) with its name always readable. */
export function floodStationStyle(f: Feature, locale: Locale): MarkerStyle | null {
  const t = byType[String(f.properties.station_type)] ?? byType.rain!;
  return { shape: t.shape, fill: t.fill, glyph: locale === 'zh-CN' ? t.zh : t.en, size: 36, label: String(f.properties.name ?? '') };
}
