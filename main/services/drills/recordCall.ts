import { incidentSummarySchema, type DrillEvent, type MethodName, type RpcResult, type TopicName, type TopicPayload } from '../../../preload/contract';
import type { EventRecorder } from './eventRecorder';

/** Methods recorded from their answer (alarm actions come from alarms.changed). */
const recordedMethods = new Set<string>(['incidents.create', 'incidents.transition', 'incidents.addNote', 'incidents.addTask', 'incidents.setTaskDone', 'plans.activate', 'plans.setLevel', 'plans.setChecklistItem']);

/**
 * Records what a call changed (incidents and their transitions, plan activations, level changes, checklist ticks)
 * from its answer, and a refused call as `action.refused`. The same for a drill and for the live record.
 */
export function recordCall(recorder: EventRecorder, actor: string, method: MethodName, input: unknown, result: RpcResult<unknown>): DrillEvent | null {
  if (!result.ok) {
    if (result.error.code === 'UNAUTHORIZED' && method !== 'auth.whoami' && method !== 'auth.login') return recorder.append('action.refused', actor, null, { method, reason: result.error.message });
    return null;
  }
  if (!recordedMethods.has(method)) return null;
  const v = result.value as Record<string, unknown>;
  const i = (input ?? {}) as Record<string, unknown>;
  if (method.startsWith('incidents.')) {
    const action = method === 'incidents.create' ? 'created' : method === 'incidents.transition' ? 'transition' : method === 'incidents.addNote' ? 'note' : 'task';
    return recorder.append('incident', actor, `incident:${String(v.id)}`, { action, incident: incidentSummarySchema.parse(v), ...(i.to ? { to: i.to } : {}), ...(i.text ? { text: i.text } : {}) });
  }
  if (method === 'plans.setChecklistItem') {
    return recorder.append('checklist', actor, `activation:${String(v.id)}`, { activationId: v.id, incidentId: v.incidentId, planId: v.planId, itemId: i.itemId, done: i.done });
  }
  return recorder.append('plan', actor, `activation:${String(v.id)}`, { action: method === 'plans.activate' ? 'activated' : 'level', activationId: v.id, incidentId: v.incidentId, planId: v.planId, level: v.level });
}

/** Records a pushed topic that changes the picture: observations (at their own time) and alarm transitions. */
export function recordTopic(recorder: EventRecorder, topic: TopicName, payload: unknown): DrillEvent[] {
  if (topic === 'observations.added') {
    const p = payload as TopicPayload<'observations.added'>;
    return p.streams.map((s) => recorder.append('observation', `feed:${p.source}`, `stream:${s.streamId}`, { streamId: s.streamId, stationId: s.stationId, ts: s.ts, value: s.value, source: p.source }, s.ts));
  }
  if (topic === 'alarms.changed') {
    const p = payload as TopicPayload<'alarms.changed'>;
    const actor = p.action === 'acknowledge' || p.action === 'snooze' ? (p.alarm.ackBy ?? 'unknown') : 'system';
    return [recorder.append('alarm', actor, `alarm:${p.alarm.id}`, { action: p.action, fromLevel: p.fromLevel, toLevel: p.toLevel, alarm: p.alarm }, p.alarm.updatedAt)];
  }
  return [];
}
