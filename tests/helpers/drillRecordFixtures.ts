import type { AlarmInfo, DrillEventKind, IncidentSummary } from '../../preload/contract';

/** Synthetic drill event payloads for the recorder tests and the replay benchmark (not real stations). */

export function alarmInfo(id: number, over: Partial<AlarmInfo> = {}): AlarmInfo {
  return {
    id,
    ruleId: `rule-${id % 7}`,
    ruleKind: 'level',
    streamId: `sl651:T${String(id % 50).padStart(4, '0')}:Z`,
    stationId: `T${String(id % 50).padStart(4, '0')}`,
    stationName: `测试站${id % 50}`,
    lon: 110.8 + (id % 10) / 100,
    lat: 32.6 + (id % 10) / 100,
    unit: 'm',
    level: '警戒',
    severity: 3,
    state: 'active',
    raisedAt: 1_780_000_000_000,
    updatedAt: 1_780_000_000_000,
    value: 12.5,
    ackBy: null,
    ackAt: null,
    snoozeUntil: null,
    snoozeReason: null,
    clearedAt: null,
    ...over,
  };
}

export function incidentSummary(id: number, over: Partial<IncidentSummary> = {}): IncidentSummary {
  return {
    id,
    code: `SJ-TEST-${String(id).padStart(4, '0')}`,
    title: `测试事件 ${id}`,
    type: 'waterlogging',
    severity: 2,
    status: 'reported',
    location: [110.8, 32.6],
    address: null,
    department: '应急管理局',
    origin: 'alarm',
    alarmId: null,
    createdBy: 'operator1',
    createdAt: 1_780_000_000_000,
    updatedAt: 1_780_000_000_000,
    closedAt: null,
    openTasks: 0,
    activePlans: [],
    ...over,
  };
}

export interface EventInput {
  kind: DrillEventKind;
  actor: string;
  entity: string | null;
  payload: Record<string, unknown>;
}

export const observationEvent = (stream: number, ts: number, value: number): EventInput => ({
  kind: 'observation',
  actor: 'system',
  entity: `stream:sl651:T${String(stream).padStart(4, '0')}:Z`,
  payload: { streamId: `sl651:T${String(stream).padStart(4, '0')}:Z`, stationId: `T${String(stream).padStart(4, '0')}`, ts, value, source: 'sl651' },
});

export const alarmEvent = (action: string, alarm: AlarmInfo, fromLevel: string | null = null): EventInput => ({
  kind: 'alarm',
  actor: 'system',
  entity: `alarm:${alarm.id}`,
  payload: { action, fromLevel, toLevel: alarm.level, alarm },
});

export const incidentEvent = (action: 'created' | 'transition' | 'note' | 'task', incident: IncidentSummary): EventInput => ({
  kind: 'incident',
  actor: 'operator1',
  entity: `incident:${incident.id}`,
  payload: { action, incident, ...(action === 'transition' ? { to: incident.status } : {}), ...(action === 'note' ? { text: '现场积水约 30 cm' } : {}) },
});

export const viewEvent = (i: number): EventInput => ({
  kind: 'view',
  actor: 'operator1',
  entity: null,
  payload: { lon: 110.79 + (i % 100) / 1000, lat: 32.6 + (i % 37) / 1000, height: 1500 + (i % 11) * 100, heading: (i * 7) % 360, pitch: -45 },
});
