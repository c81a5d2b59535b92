import type { Feature, IncidentStatus, IncidentSummary } from '../../../preload/contract';
import { incidentStatusLabels, incidentTypeLabels } from '../../../preload/contract';
import type { MarkerStyle } from '../../map/markerLayer';
import type { Locale } from '../../ui/locale';

/** One colour per lifecycle state: red while it is new, amber while worked, green when handled, grey when closed. */
export const incidentStatusColour: Readonly<Record<IncidentStatus, string>> = {
  reported: '#ff2d2d',
  verified: '#ff8c00',
  dispatched: '#ffd400',
  in_progress: '#35e0ff',
  resolved: '#3ddc84',
  closed: '#8a9bab',
};

/** The incidents a tool hands the layer (ctx.setLayerLive('incidents', list)) as point features keyed by incident id. */
export function incidentFeatures(list: readonly IncidentSummary[]): Feature[] {
  return list.map((i) => ({
    type: 'Feature',
    id: String(i.id),
    geometry: { type: 'Point', coordinates: [i.location[0], i.location[1]] },
    properties: { code: i.code, title: i.title, type: i.type, status: i.status, severity: i.severity },
  }));
}

/** Pure: a diamond in the colour of the state, the severity as its glyph, '编号 类型 · 状态' as the label. */
export function incidentMarkerStyle(f: Feature, locale: Locale): MarkerStyle | null {
  const status = f.properties.status as IncidentStatus;
  const colour = incidentStatusColour[status];
  if (!colour) return null;
  const type = incidentTypeLabels[f.properties.type as keyof typeof incidentTypeLabels];
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const typeText = type ? type[lang] : String(f.properties.type ?? '');
  return {
    shape: 'diamond',
    fill: colour,
    glyph: String(f.properties.severity ?? ''),
    size: 36,
    label: `${String(f.properties.code ?? '')} ${typeText} · ${incidentStatusLabels[status][lang]}`,
  };
}
