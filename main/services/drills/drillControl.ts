import type { DrillEvaluation, DrillEvent } from '../../../preload/contract/drillMethods';
import { num, str } from './drillPayload';

/**
 * Control quality of a recorded drill (导调质量): injects delivered and skipped (distinct ids), ad-hoc injects, delivery
 * drift of each inject's first point, total pause (wall time, the open pause counted up to the end), and the
 * exercise and wall durations. `events` in seq order.
 */
export function drillControl(events: DrillEvent[], startedAt: number, endedAt: number | null): DrillEvaluation['control'] {
  const delivered = new Set<string>();
  const skipped = new Set<string>();
  const drifts: number[] = [];
  const driftSeen = new Set<string>();
  let adHoc = 0;
  let pauseMs = 0;
  let openPauseWall: number | null = null;
  for (const e of events) {
    const injectId = str(e.payload.injectId);
    if (e.kind === 'inject.delivered' && injectId !== null) {
      delivered.add(injectId);
      const point = num(e.payload.point);
      const drift = num(e.payload.driftMs);
      if ((point === null || point === 1) && drift !== null && !driftSeen.has(injectId)) {
        driftSeen.add(injectId);
        drifts.push(Math.round(drift));
      }
    } else if (e.kind === 'inject.skipped' && injectId !== null) skipped.add(injectId);
    else if (e.kind === 'inject.added') adHoc++;
    else if (e.kind === 'drill.paused') openPauseWall ??= e.wallAt;
    else if (e.kind === 'drill.resumed') {
      const ms = num(e.payload.pausedMs);
      pauseMs += ms !== null ? Math.max(0, Math.round(ms)) : openPauseWall !== null ? Math.max(0, e.wallAt - openPauseWall) : 0;
      openPauseWall = null;
    }
  }
  const lastWall = events.length ? events[events.length - 1]!.wallAt : startedAt;
  const endWall = endedAt ?? lastWall;
  if (openPauseWall !== null) pauseMs += Math.max(0, endWall - openPauseWall);
  for (const id of delivered) skipped.delete(id);

  let maxDriftMs = 0;
  for (const d of drifts) if (Math.abs(d) > Math.abs(maxDriftMs)) maxDriftMs = d;
  const meanDriftMs = drifts.length ? Math.round(drifts.reduce((s, d) => s + Math.abs(d), 0) / drifts.length) : 0;
  const firstAt = events.length ? events[0]!.at : 0;
  const lastAt = events.length ? events[events.length - 1]!.at : 0;
  return {
    injectsDelivered: delivered.size,
    injectsSkipped: skipped.size,
    adHocInjects: adHoc,
    maxDriftMs,
    meanDriftMs,
    totalPauseMs: pauseMs,
    exerciseDurationMs: Math.max(0, lastAt - firstAt),
    wallDurationMs: Math.max(0, endWall - startedAt),
  };
}
