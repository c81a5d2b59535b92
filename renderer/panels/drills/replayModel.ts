import { parseIsoDuration, type AlarmInfo, type DrillEvent, type DrillEventKind, type ReplayState, type StationLiveInfo } from '../../../preload/contract';

/** Replay speeds: exercise ms per wall ms. */
export const REPLAY_SPEEDS = [1, 5, 10, 30, 60, 120, 300, 600] as const;

/** Event kinds the replay reads (observations are too many for the log: the chart and the map show them). */
export const loggedKinds = (all: readonly DrillEventKind[]): DrillEventKind[] => all.filter((k) => k !== 'observation');

/** Kinds that are not lines of the event log (map views and layer toggles: ticks only). */
const quietKinds = new Set<DrillEventKind>(['view', 'layer', 'observation']);

/** A telemetry inject is one event per point: the log keeps its first point only. */
export function isLogLine(e: DrillEvent): boolean {
  if (quietKinds.has(e.kind)) return false;
  if (e.kind === 'inject.delivered') {
    const point = e.payload.point;
    return typeof point !== 'number' || point <= 1;
  }
  return true;
}

/** Tick colour by kind (the scrubber's event marks). */
export function kindColour(kind: DrillEventKind): string {
  if (kind === 'alarm') return '#ff8c00';
  if (kind === 'incident') return '#35e0ff';
  if (kind === 'plan' || kind === 'checklist') return '#b388ff';
  if (kind.startsWith('inject.') || kind === 'message') return '#ffd400';
  if (kind === 'report.sent') return '#3ddc84';
  if (kind === 'note') return '#ff77c8';
  if (kind === 'bookmark') return '#ffffff';
  if (kind === 'action.refused' || kind === 'observation.rejected') return '#ff4d4f';
  if (kind.startsWith('drill.')) return '#9fc3de';
  return '#5b7ba6';
}

/** The exercise time span a replay covers: from t0 (or the first event) to the last event, at least one minute. */
export function replaySpan(t0: number, events: readonly DrillEvent[]): { from: number; to: number } {
  let from = t0;
  let to = t0;
  for (const e of events) {
    if (e.at < from) from = e.at;
    if (e.at > to) to = e.at;
  }
  return { from, to: Math.max(to, from + 60_000) };
}

export interface Tick {
  /** 0–1 along the track. */
  pos: number;
  kind: DrillEventKind;
  colour: string;
  at: number;
  seq: number;
}

/** Event marks along the track: one per kind and 1/1000 of the track (thousands of events stay a few hundred marks). */
export function ticksOf(events: readonly DrillEvent[], span: { from: number; to: number }): Tick[] {
  const seen = new Set<string>();
  const out: Tick[] = [];
  const len = Math.max(1, span.to - span.from);
  for (const e of events) {
    if (e.kind === 'observation' || e.kind === 'view') continue;
    const pos = Math.min(1, Math.max(0, (e.at - span.from) / len));
    const colour = kindColour(e.kind);
    const key = `${colour}:${Math.round(pos * 1000)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pos, kind: e.kind, colour, at: e.at, seq: e.seq });
  }
  return out;
}

/** The exercise time of the previous (dir −1) or next (dir +1) event from `at`; null when there is none. */
export function stepEvent(times: readonly number[], at: number, dir: -1 | 1): number | null {
  let best: number | null = null;
  for (const t of times) {
    if (dir > 0 ? t > at && (best === null || t < best) : t < at && (best === null || t > best)) best = t;
  }
  return best;
}

/** A go-to text as an offset from t0: 'T+01:30', '01:30:15', '90' (minutes), 'PT1H30M'; null when unreadable. */
export function parseOffsetInput(text: string): number | null {
  const s = text.trim().replace(/^T\s*/i, '');
  if (!s) return null;
  const iso = /^P/i.test(s) ? parseIsoDuration(s.toUpperCase()) : null;
  if (iso !== null) return iso;
  const m = /^([+-])?(\d+)(?::(\d{1,2}))?(?::(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const sign = m[1] === '-' ? -1 : 1;
  const [a, b, c] = [Number(m[2]), m[3] === undefined ? null : Number(m[3]), m[4] === undefined ? null : Number(m[4])];
  if (b === null) return sign * a * 60_000; // bare number: minutes
  if (b > 59 || (c !== null && c > 59)) return null;
  return sign * ((a * 60 + b) * 60 + (c ?? 0)) * 1000;
}

/** Alarms as they stood at `at`: none raised after it (the host answers so; kept here so a late answer cannot show the future). */
export function alarmsAt(state: ReplayState | null, at: number): AlarmInfo[] {
  if (!state) return [];
  return state.alarms.filter((a) => a.raisedAt <= at).sort((a, b) => b.severity - a.severity || a.raisedAt - b.raisedAt);
}

const open = (a: AlarmInfo) => a.state !== 'cleared';

/**
 * The flood-stations layer's live data at a replay moment, in the shape stations.live gives (StationLiveInfo): each
 * station of the live list (its place, type and lines) with the recorded value of its stream (or any stream of the
 * station) at that moment, and its warning level from the alarms open then. Stations with nothing recorded yet have
 * no value; trends and rain windows are not replayed (null).
 */
export function replayStations(base: readonly StationLiveInfo[], state: ReplayState): StationLiveInfo[] {
  const byStream = new Map(state.stations.map((s) => [s.streamId, s]));
  const byStation = new Map<string, ReplayState['stations'][number]>();
  for (const s of state.stations) if (s.stationId && !byStation.has(s.stationId)) byStation.set(s.stationId, s);
  const alarms = new Map<string, AlarmInfo[]>();
  for (const a of state.alarms) {
    if (!open(a) || a.raisedAt > state.at || !a.stationId) continue;
    alarms.set(a.stationId, [...(alarms.get(a.stationId) ?? []), a]);
  }
  return base.map((b) => {
    const reading = (b.streamId ? byStream.get(b.streamId) : undefined) ?? byStation.get(b.stationId);
    const here = alarms.get(b.stationId) ?? [];
    const worst = here.reduce<AlarmInfo | null>((w, a) => (w === null || a.severity > w.severity ? a : w), null);
    return {
      ...b,
      value: reading?.value ?? null,
      ts: reading?.ts ?? null,
      lastReport: reading?.ts ?? null,
      ratePerHour: null,
      trend: null,
      rain: null,
      level: worst?.level ?? null,
      severity: worst?.severity ?? 0,
      openAlarms: here.length,
    };
  });
}

/** The stream the chart shows first: the first alarm raised in the run, else the first station with recorded values. */
export function defaultStream(events: readonly DrillEvent[], state: ReplayState | null): string | null {
  for (const e of events) {
    if (e.kind !== 'alarm') continue;
    const alarm = e.payload.alarm as { streamId?: unknown } | undefined;
    if (alarm && typeof alarm.streamId === 'string') return alarm.streamId;
  }
  return state?.alarms[0]?.streamId ?? state?.stations[0]?.streamId ?? null;
}
