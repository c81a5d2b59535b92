import type { Feature } from '../../../preload/contract';
import type { MarkerStyle } from '../../map/markerLayer';
import type { Locale } from '../../ui/locale';

/** Pure: outfalls, pumps and the plant are always visible; manholes only close up (the network stays readable). */
export function drainageNodeStyle(f: Feature, locale: Locale): MarkerStyle | null {
  const zh = locale === 'zh-CN';
  switch (f.properties.node_type) {
    case 'outfall':
      return { shape: 'triangle', fill: '#3aa0ff', glyph: zh ? '排' : 'O', size: 26, maxDistance: 40_000 };
    case 'pump':
      return { shape: 'square', fill: '#ffb020', glyph: zh ? '泵' : 'P', size: 28, label: String(f.properties.name ?? ''), maxDistance: 60_000 };
    case 'plant':
      return { shape: 'square', fill: '#e0803a', glyph: zh ? '厂' : 'T', size: 36, label: String(f.properties.name ?? '') };
    default:
      return { shape: 'circle', fill: '#cfd8e3', size: 10, maxDistance: 2_500 };
  }
}
