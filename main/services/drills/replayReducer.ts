import type { AlarmInfo, DrillEventKind, IncidentSummary, ReplayState, ResponseLevel } from '../../../preload/contract';
import { responseLevels } from '../../../preload/contract/commandMethods';

/**
 * The replay picture (复盘画面) folded from the recorded events: what every replay pane shows at one moment. Pure: no
 * clock, no store. `applyDrillEvent` is the reducer; `ReplayBuilder` is the same fold with maps inside, for applying
 * thousands of events without copying the picture each time (the recorder and the seek use it).
 *
 *  observation  stations: per streamId the observation with the latest ts (a later event wins a tie);
 *  alarm        alarms by id: payload.alarm as it stood after the action (cleared ones stay, state 'cleared');
 *  incident     incidents by id: payload.incident (IncidentSummary);
 *  plan         activated adds the activation, level changes its level;
 *  checklist    done adds the item id to the activation's done list, not done removes it;
 *  view         the last recorded map view.
 * Other kinds move `seq` and `at` only. Malformed payloads are skipped. Arrays are sorted (stations by streamId,
 * alarms/incidents/activations by id, done items by id), so equal histories give equal JSON.
 */

/** The kinds that change the picture (besides seq and at). */
export const replayKinds = ['observation', 'alarm', 'incident', 'plan', 'checklist', 'view'] as const satisfies readonly DrillEventKind[];

/** What is stored in rec_snapshots.state: the picture after event `seq`, without the run id and the moment. */
export type ReplaySnapshot = Omit<ReplayState, 'runId' | 'at'>;

/** The part of a recorded event the fold reads. */
export interface ReplayEvent {
  seq: number;
  at: number;
  kind: string;
  payload: Record<string, unknown>;
}

type Station = ReplayState['stations'][number];
type Activation = ReplayState['activations'][number];
type View = NonNullable<ReplayState['view']>;

export function emptyReplayState(runId: string): ReplayState {
  return { runId, at: 0, seq: 0, stations: [], alarms: [], incidents: [], activations: [], view: null };
}

/** The picture after one more event (a new state; `state` is not changed). */
export function applyDrillEvent(state: ReplayState, event: ReplayEvent): ReplayState {
  const b = ReplayBuilder.from(state);
  b.apply(event);
  return b.state(state.runId, Math.max(state.at, event.at));
}

const levels: ReadonlySet<string> = new Set(responseLevels);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The map view of a `view` payload, null if it is not one. */
export function viewOf(p: Record<string, unknown>): View | null {
  const { lon, lat, height, heading, pitch } = p;
  if (!isNum(lon) || !isNum(lat) || !isNum(height) || !isNum(heading) || !isNum(pitch)) return null;
  return { lon, lat, height, heading, pitch };
}
const byId = <T>(m: Map<number, T>): T[] => [...m.keys()].sort((a, b) => a - b).map((k) => m.get(k)!);

/**
 * The fold with maps inside. Entries are replaced, never changed in place, so states handed out earlier stay as
 * they were.
 */
export class ReplayBuilder {
  seq = 0;
  private readonly stations = new Map<string, Station>();
  private readonly alarms = new Map<number, AlarmInfo>();
  private readonly incidents = new Map<number, IncidentSummary>();
  private readonly activations = new Map<number, Activation>();
  private view: View | null = null;

  static from(s: ReplaySnapshot): ReplayBuilder {
    const b = new ReplayBuilder();
    if (!isInt(s.seq) || ![s.stations, s.alarms, s.incidents, s.activations].every(Array.isArray)) {
      throw new TypeError('replay snapshot: not a replay picture (seq, stations, alarms, incidents, activations)');
    }
    b.seq = s.seq;
    for (const st of s.stations) b.stations.set(st.streamId, st);
    for (const a of s.alarms) b.alarms.set(a.id, a);
    for (const i of s.incidents) b.incidents.set(i.id, i);
    for (const a of s.activations) b.activations.set(a.activationId, a);
    b.view = s.view ?? null;
    return b;
  }

  apply(e: ReplayEvent): void {
    this.seq = e.seq;
    const p = e.payload;
    if (!isObject(p)) return;
    switch (e.kind) {
      case 'observation':
        return this.observation(p);
      case 'alarm':
        if (isObject(p.alarm) && isInt(p.alarm.id)) this.alarms.set(p.alarm.id, p.alarm as unknown as AlarmInfo);
        return;
      case 'incident':
        if (isObject(p.incident) && isInt(p.incident.id)) this.incidents.set(p.incident.id, p.incident as unknown as IncidentSummary);
        return;
      case 'plan':
        return this.plan(p);
      case 'checklist':
        return this.checklist(p);
      case 'view':
        this.setView(p);
        return;
      default:
        return;
    }
  }

  /** Applies a view payload (as a view event would, without moving seq); false if it is not a view (skipped). */
  setView(p: Record<string, unknown>): boolean {
    const v = viewOf(p);
    if (v) this.view = v;
    return v !== null;
  }

  snapshot(): ReplaySnapshot {
    return {
      seq: this.seq,
      stations: [...this.stations.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((k) => this.stations.get(k)!),
      alarms: byId(this.alarms),
      incidents: byId(this.incidents),
      activations: byId(this.activations),
      view: this.view,
    };
  }

  state(runId: string, at: number): ReplayState {
    return { runId, at, ...this.snapshot() };
  }

  private observation(p: Record<string, unknown>): void {
    const { streamId, ts, value } = p;
    if (typeof streamId !== 'string' || !isInt(ts) || !isNum(value)) return;
    const cur = this.stations.get(streamId);
    if (cur && cur.ts > ts) return;
    this.stations.set(streamId, { stationId: typeof p.stationId === 'string' ? p.stationId : null, streamId, ts, value });
  }

  private plan(p: Record<string, unknown>): void {
    const { activationId, level } = p;
    if (!isInt(activationId) || typeof level !== 'string' || !levels.has(level)) return;
    const cur = this.activations.get(activationId);
    if (p.action === 'activated' || (p.action === 'level' && !cur)) {
      if (!isInt(p.incidentId) || typeof p.planId !== 'string') return;
      this.activations.set(activationId, { activationId, incidentId: p.incidentId, planId: p.planId, level: level as ResponseLevel, done: cur?.done ?? [] });
    } else if (p.action === 'level' && cur) {
      this.activations.set(activationId, { ...cur, level: level as ResponseLevel });
    }
  }

  private checklist(p: Record<string, unknown>): void {
    const { activationId, itemId, done } = p;
    if (!isInt(activationId) || typeof itemId !== 'string' || typeof done !== 'boolean') return;
    const cur = this.activations.get(activationId);
    if (!cur || cur.done.includes(itemId) === done) return;
    const next = done ? [...cur.done, itemId].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : cur.done.filter((i) => i !== itemId);
    this.activations.set(activationId, { ...cur, done: next });
  }
}
