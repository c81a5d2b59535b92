import type { Locale } from '../../ui/locale';

/** Pure style of the district boundary: a bright outline that reads on a wall, a faint fill. */
export const boundaryStyle = {
  outlineCss: '#35e0ff',
  outlineWidthPx: 4,
  fillCss: 'rgba(53, 224, 255, 0.10)',
  labelFont: '600 30px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
  labelFillCss: '#e8f4ff',
  labelOutlineCss: '#05101c',
  captionCss: '#ffb020',
};

/** The label under the district name: the boundary is indicative (示意边界), and says so. */
export function boundaryLabel(name: string, caption: { zh: string; en: string } | null, locale: Locale): string {
  const c = caption ? (locale === 'zh-CN' ? caption.zh : caption.en) : '';
  return c ? `${name}\n${c}` : name;
}
