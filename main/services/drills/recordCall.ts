import { incidentSummarySchema, type DrillEvent, type MethodName, type RpcResult, type TopicName, type TopicPayload } from '../../../preload/contract';
import type { RecordBuffer } from './recordBuffer';

/** Methods recorded from their answer (alarm actions come from alarms.changed). */
const recordedMethods = new Set<string>(['incidents.create', 'incidents.transition', 'incidents.addNote', 'incidents.addTask', 'incidents.setTaskDone', 'plans.activate', 'plans.setLevel', 'plans.setChecklistItem']);

/**
 * Records what a call changed (incidents and their transitions, plan activations, level changes, checklist ticks)
 * from its answer, and a refused call as `action.refused`. The same for a drill and for the live record. The caller's
 * name is looked up only for a call that is recorded.
 */
export function recordCall(recorder: Pick<RecordBuffer, 'append'>, actorOf: () => string, method: MethodName, input: unknown, result: RpcResult<unknown>): DrillEvent | null {
  if (!result.ok) {
    if (result.error.code === 'UNAUTHORIZED' && method !== 'auth.whoami' && method !== 'auth.login') return recorder.append('action.refused', actorOf(), null, { method, reason: result.error.message });
    return null;
  }
  if (!recordedMethods.has(method)) return null;
  const actor = actorOf();
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

/** Queues a pushed topic that changes the picture: observations (at their own time) and alarm transitions. */
export function recordTopic(sink: Pick<RecordBuffer, 'enqueue'>, topic: TopicName, payload: unknown): void {
  if (topic === 'observations.added') {
    const p = payload as TopicPayload<'observations.added'>;
    for (const s of p.streams) sink.enqueue({ kind: 'observation', actor: `feed:${p.source}`, entity: `stream:${s.streamId}`, payload: { streamId: s.streamId, stationId: s.stationId, ts: s.ts, value: s.value, source: p.source }, at: s.ts });
  } else if (topic === 'alarms.changed') {
    const p = payload as TopicPayload<'alarms.changed'>;
    const actor = p.action === 'acknowledge' || p.action === 'snooze' ? (p.alarm.ackBy ?? 'unknown') : 'system';
    sink.enqueue({ kind: 'alarm', actor, entity: `alarm:${p.alarm.id}`, payload: { action: p.action, fromLevel: p.fromLevel, toLevel: p.toLevel, alarm: p.alarm }, at: p.alarm.updatedAt });
  }
}
