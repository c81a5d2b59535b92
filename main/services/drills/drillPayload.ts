import type { DrillEvent } from '../../../preload/contract/drillMethods';

/**
 * Reading recorded event payloads defensively: a payload is JSON from the log, so every field is checked before use
 * (a missing or odd field never throws, it just does not match).
 */

export const rec = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/** Ids (alarm, incident, activation) compared as strings: 12 and "12" are the same id. */
export const idOf = (v: unknown): string | null => (typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' && v !== '' ? v : null);

/** SL651 addresses compared without case. */
export function sameStation(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a.toLowerCase() === b.toLowerCase();
}

export interface AlarmView {
  action: string | null;
  id: string | null;
  stationId: string | null;
  raisedAt: number | null;
}

/** The alarm of an `alarm` event, or null for any other kind. */
export function alarmOf(e: DrillEvent): AlarmView | null {
  if (e.kind !== 'alarm') return null;
  const a = rec(e.payload.alarm);
  return { action: str(e.payload.action), id: idOf(a.id), stationId: str(a.stationId), raisedAt: num(a.raisedAt) };
}

export interface AlarmIndex {
  /** Alarm id → its station (first seen). */
  stationOf: Map<string, string | null>;
  /** Alarms whose raise is in the log. */
  raisedInLog: Set<string>;
}

export function alarmIndex(events: DrillEvent[]): AlarmIndex {
  const stationOf = new Map<string, string | null>();
  const raisedInLog = new Set<string>();
  for (const e of events) {
    const a = alarmOf(e);
    if (a === null || a.id === null) continue;
    if (!stationOf.has(a.id)) stationOf.set(a.id, a.stationId);
    if (a.action === 'raise') raisedInLog.add(a.id);
  }
  return { stationOf, raisedInLog };
}
