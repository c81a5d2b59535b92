import { describe, expect, it } from 'vitest';
import { incidentStatuses, type IncidentSummary } from '../../../../../preload/contract';
import { incidentFeatures, incidentMarkerStyle, incidentStatusColour } from '../../../../../renderer/layers/incidents/incidentsStyle';

const summary: IncidentSummary = {
  id: 3,
  code: 'MJ-20260720-003',
  title: '积水',
  type: 'waterlogging',
  severity: 3,
  status: 'dispatched',
  location: [110.8, 32.63],
  address: null,
  department: '区住建局',
  origin: 'manual',
  alarmId: null,
  createdBy: 'operator1',
  createdAt: 0,
  updatedAt: 0,
  closedAt: null,
  openTasks: 0,
  activePlans: [],
};

describe('incidentsStyle', () => {
  it('a distinct colour per state', () => {
    expect(new Set(incidentStatuses.map((s) => incidentStatusColour[s])).size).toBe(incidentStatuses.length);
  });

  it('incidents become point features keyed by id, styled by state with severity and label', () => {
    const [feature] = incidentFeatures([summary]);
    expect(feature).toEqual({ type: 'Feature', id: '3', geometry: { type: 'Point', coordinates: [110.8, 32.63] }, properties: { code: 'MJ-20260720-003', title: '积水', type: 'waterlogging', status: 'dispatched', severity: 3 } });
    expect(incidentMarkerStyle(feature!, 'zh-CN')).toEqual({ shape: 'diamond', fill: incidentStatusColour.dispatched, glyph: '3', size: 36, label: 'MJ-20260720-003 内涝 · 已派遣' });
    expect(incidentMarkerStyle(feature!, 'en')!.label).toBe('MJ-20260720-003 Urban waterlogging · Dispatched');
    expect(incidentMarkerStyle({ ...feature!, properties: { status: 'unknown' } }, 'en')).toBeNull();
  });
});
