import type { Feature } from '../../../preload/contract';
import type { MarkerStyle } from '../../map/markerLayer';
import type { Locale } from '../../ui/locale';

const byCategory: Record<string, { fill: string; zh: string; en: string }> = {
  school: { fill: '#ffd166', zh: '校', en: 'S' },
  hospital: { fill: '#ff6b6b', zh: '医', en: 'H' },
  shelter: { fill: '#3ddc84', zh: '避', en: 'E' },
  hazmat: { fill: '#ff9f1c', zh: '危', en: '!' },
  gas_station: { fill: '#c77dff', zh: '油', en: 'G' },
};

/** Pure: facility marker by category, glyph in the UI language, name label at close range. */
export function facilityStyle(f: Feature, locale: Locale): MarkerStyle | null {
  const c = byCategory[String(f.properties.category)];
  if (!c) return { shape: 'circle', fill: '#9fb3c8', size: 28, label: String(f.properties.name ?? '') };
  return { shape: f.properties.category === 'hazmat' ? 'diamond' : 'circle', fill: c.fill, glyph: locale === 'zh-CN' ? c.zh : c.en, size: 34, label: String(f.properties.name ?? ''), maxDistance: 60_000 };
}
