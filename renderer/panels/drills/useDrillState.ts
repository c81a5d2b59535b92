import { useCallback, useEffect, useRef, useState } from 'react';
import type { Client, DrillRunState, DrillState } from '../../../preload/contract';

/** A drill state with the local wall time it arrived (the clock ticks from the host's wallAt unless the clocks disagree). */
export interface ReceivedDrillState extends DrillState {
  receivedAt: number;
}

/** While a drill runs the live count of the real world is re-read this often (drill.changed carries drill transitions). */
const LIVE_POLL_MS = 15_000;
/** Host and window clocks further apart than this: the window ticks from when the state arrived instead of wallAt. */
const SKEW_MS = 5_000;

/**
 * The exercise time a window shows: the state's exerciseNow, moved on by the wall time since it was taken × speed
 * while running; frozen while paused or over. `receivedAt` is the local time the state arrived: when the host's wallAt
 * and the local clock disagree by more than a few seconds, ticking starts from the arrival instead.
 */
export function exerciseClock(run: Pick<DrillRunState, 'status' | 'exerciseNow' | 'wallAt' | 'speed'>, receivedAt: number, now: number): number {
  if (run.status !== 'running') return run.exerciseNow;
  const origin = Math.abs(receivedAt - run.wallAt) <= SKEW_MS ? run.wallAt : receivedAt;
  return run.exerciseNow + Math.max(0, now - origin) * run.speed;
}

/**
 * The drill state every window follows: read once at mount (`drill.state`), then from `drill.changed`; re-read every
 * 15 s while a drill runs (the real world's open alarms). null until the first answer (and when the host refuses).
 * The shell re-keys its contents on `mode` and `run?.runId`.
 */
export function useDrillState(client: Client): ReceivedDrillState | null {
  return useDrillStore(client)[0];
}

/** useDrillState, plus `take` for a state a call answered with (drill.start, drill.control) before its topic arrives. */
export function useDrillStore(client: Client): [ReceivedDrillState | null, (s: DrillState) => void] {
  const [state, setState] = useState<ReceivedDrillState | null>(null);
  const seq = useRef(0);
  const stateRef = useRef(state);
  stateRef.current = state;
  const take = useCallback((s: DrillState) => {
    seq.current++; // newer than any read still in flight
    setState({ ...s, receivedAt: Date.now() });
  }, []);
  useEffect(() => {
    let alive = true;
    const read = () => {
      const mine = ++seq.current;
      client.call('drill.state', {}).then(
        (s) => alive && mine === seq.current && setState({ ...s, receivedAt: Date.now() }),
        () => undefined,
      );
    };
    const off = client.subscribe('drill.changed', (s) => alive && take(s));
    read();
    const timer = setInterval(() => {
      if (stateRef.current?.mode === 'drill') read();
    }, LIVE_POLL_MS);
    return () => {
      alive = false;
      off();
      clearInterval(timer);
    };
  }, [client, take]);
  return [state, take];
}

/** The ticking exercise clock of a state (updated every `everyMs` while running). */
export function useExerciseClock(state: ReceivedDrillState | null, everyMs = 250): number | null {
  const run = state?.run ?? null;
  const [now, setNow] = useState(() => Date.now());
  const running = run?.status === 'running';
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [running, everyMs, state]);
  if (!run || !state) return null;
  return exerciseClock(run, state.receivedAt, Math.max(now, state.receivedAt));
}
