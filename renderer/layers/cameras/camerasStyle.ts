import type { Feature } from '../../../preload/contract';
import type { MarkerStyle } from '../../map/markerLayer';
import type { Locale } from '../../ui/locale';

/** Status colours: online green, offline grey, fault red (unknown statuses draw as online). */
export const cameraStatusColour: Readonly<Record<string, string>> = { online: '#3ddc84', offline: '#7b8794', fault: '#ff4d4f' };

/** Pure: camera marker coloured by status; offline cameras are grey and smaller, faults red. */
export function cameraStyle(f: Feature): MarkerStyle | null {
  const status = String(f.properties.status ?? 'online');
  return { shape: f.properties.cam_type === 'ptz' || f.properties.cam_type === 'dome' ? 'circle' : 'square', fill: cameraStatusColour[status] ?? '#3ddc84', size: status === 'online' ? 18 : 16, maxDistance: 30_000 };
}

export type CameraIconShape = 'bullet' | 'dome' | 'ptz';

/** What a camera icon looks like; cameraIconImage draws it. */
export interface CameraIconSpec {
  /** bullet: a camera body with its lens; dome: a disc; ptz: a disc with pan arrows (unknown types draw as bullet). */
  shape: CameraIconShape;
  fill: string;
  /** Type glyph in the UI language (枪 / 球 / 云, B / D / P). */
  glyph: string;
  /** Fault: a red icon with a white cross over it, readable at wall distance. */
  crossed: boolean;
  /** Offline: drawn dimmed (grey, translucent). */
  dimmed: boolean;
  size: number;
}

const glyphs: Record<CameraIconShape, { zh: string; en: string }> = { bullet: { zh: '枪', en: 'B' }, dome: { zh: '球', en: 'D' }, ptz: { zh: '云', en: 'P' } };

/** Pure: the icon of a camera by type and status. */
export function cameraIconSpec(camType: string | null, status: string | null, locale: Locale): CameraIconSpec {
  const shape: CameraIconShape = camType === 'dome' || camType === 'ptz' ? camType : 'bullet';
  const s = status ?? 'online';
  return {
    shape,
    fill: cameraStatusColour[s] ?? cameraStatusColour.online!,
    glyph: locale === 'zh-CN' ? glyphs[shape].zh : glyphs[shape].en,
    crossed: s === 'fault',
    dimmed: s === 'offline',
    size: s === 'online' ? 30 : 28,
  };
}

/** Pure: the field-of-view cone colour (RGBA css) of a camera by status: cyan online, grey offline, red fault. */
export function coneColour(status: string | null): string {
  if (status === 'offline') return 'rgba(150, 160, 172, 0.22)';
  if (status === 'fault') return 'rgba(255, 77, 79, 0.30)';
  return 'rgba(53, 224, 255, 0.28)';
}

/** Pure: the text on a cluster marker ("999+" above 999). */
export function clusterLabel(count: number): string {
  return count > 999 ? '999+' : String(count);
}
