import { useEffect, useRef, useState } from 'react';
import type { Client, ReplayState } from '../../../preload/contract';
import { errorText } from './drillPermissions';

/**
 * The replay picture at `at` (drill.replayState), throttled for a scrubber being dragged or played: at most one
 * request in flight; when it returns and the cursor has moved on, one request for the latest cursor (the ones in
 * between are never asked). `at` null asks nothing.
 */
export function useReplayState(client: Client, runId: string, at: number | null): { state: ReplayState | null; error: string | null; pending: boolean } {
  const [state, setState] = useState<ReplayState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const wanted = useRef<number | null>(at);
  wanted.current = at;
  const inFlight = useRef(false);
  const alive = useRef(true);
  const lastAsked = useRef<number | null>(null);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  useEffect(() => {
    const ask = () => {
      const target = wanted.current;
      if (target === null || inFlight.current || target === lastAsked.current) return;
      inFlight.current = true;
      lastAsked.current = target;
      setPending(true);
      client.call('drill.replayState', { runId, at: target }).then(
        (s) => {
          if (!alive.current) return;
          setState(s);
          setError(null);
        },
        (err: unknown) => {
          if (!alive.current) return;
          setError(errorText(err));
        },
      ).finally(() => {
        inFlight.current = false;
        if (!alive.current) return;
        if (wanted.current !== lastAsked.current) ask();
        else setPending(false);
      });
    };
    ask();
  }, [client, runId, at]);

  return { state, error, pending };
}
