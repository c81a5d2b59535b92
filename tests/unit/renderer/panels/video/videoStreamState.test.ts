import { describe, expect, it } from 'vitest';
import { defaultStreamPolicy, initialStreamState, nextDeadline, nextStreamState, type StreamEvent, type StreamPolicy, type StreamState } from '../../../../../renderer/panels/video/videoStreamState';

const policy: StreamPolicy = { ...defaultStreamPolicy, connectTimeoutMs: 8000, stallAfterMs: 2500, stallTimeoutMs: 6000, maxRetries: 2, retryDelayMs: (n) => 1000 * n, stableAfterMs: 20_000 };

/** Drives the machine like the player does: events at given times, and a tick at every deadline in between. */
function run(events: StreamEvent[], until: number, start: StreamState = initialStreamState()) {
  let s = start;
  const trail: string[] = [];
  const note = (x: StreamState) => {
    const label = x.phase === 'failed' ? `failed:${x.reason}` : x.retryAt !== null ? `retry@${x.retryAt}` : x.phase;
    if (trail[trail.length - 1] !== label) trail.push(label);
  };
  const queue = [...events].sort((a, b) => a.at - b.at);
  let now = 0;
  for (;;) {
    const due = nextDeadline(s, policy);
    const next = queue[0];
    if (next && (due === null || next.at <= due)) {
      now = next.at;
      s = nextStreamState(s, queue.shift()!, policy);
    } else if (due !== null && due <= until) {
      now = Math.max(now, due);
      s = nextStreamState(s, { type: 'tick', at: now }, policy);
    } else break;
    note(s);
  }
  return { s, trail };
}

/** timeupdate every 250 ms from `from` to `to` (seconds of media time follow wall time). */
const progress = (from: number, to: number, t0 = 0): StreamEvent[] => {
  const out: StreamEvent[] = [];
  for (let at = from; at <= to; at += 250) out.push({ type: 'timeupdate', at, currentTime: t0 + (at - from) / 1000 });
  return out;
};

describe('videoStreamState', () => {
  it('starts idle, connects, plays while currentTime advances and ends a file at its end', () => {
    const { s, trail } = run([{ type: 'start', at: 0, live: false }, { type: 'playing', at: 400 }, ...progress(500, 5000, 0.1), { type: 'ended', at: 5100 }], 60_000);
    expect(trail).toEqual(['connecting', 'playing', 'ended']);
    expect(s.phase).toBe('ended');
    expect(s.currentTime).toBeCloseTo(4.6);
    expect(nextDeadline(s, policy)).toBeNull();
  });

  it('fails with timeout after the connect timeout when nothing plays (a file does not retry)', () => {
    const { s, trail } = run([{ type: 'start', at: 0, live: false }], 60_000);
    expect(trail).toEqual(['connecting', 'failed:timeout']);
    expect(s.since).toBe(8000);
    expect(s.attempt).toBe(1);
  });

  it('goes stalled when currentTime stops moving, back to playing when it moves again, failed noData after the stall timeout', () => {
    const a = run([{ type: 'start', at: 0, live: false }, ...progress(300, 3000), ...progress(6000, 7000, 3)], 7000);
    expect(a.trail).toEqual(['connecting', 'playing', 'stalled', 'playing']);
    expect(a.s.currentTime).toBe(4);

    const b = run([{ type: 'start', at: 0, live: false }, ...progress(300, 3000)], 60_000);
    expect(b.trail).toEqual(['connecting', 'playing', 'stalled', 'failed:noData']);
    // Last progress at 2800 ms (250 ms steps from 300 ms): noData exactly 6 s later.
    expect(b.s.since).toBe(2800 + 6000);
  });

  it('a media waiting event stalls at once; a paused currentTime that is repeated is not progress', () => {
    let s = nextStreamState(initialStreamState(), { type: 'start', at: 0, live: true }, policy);
    s = nextStreamState(s, { type: 'timeupdate', at: 100, currentTime: 1 }, policy);
    expect(s.phase).toBe('playing');
    s = nextStreamState(s, { type: 'waiting', at: 200 }, policy);
    expect(s.phase).toBe('stalled');
    s = nextStreamState(s, { type: 'timeupdate', at: 300, currentTime: 1 }, policy);
    expect(s.phase).toBe('stalled');
    expect(s.lastProgressAt).toBe(100);
    s = nextStreamState(s, { type: 'timeupdate', at: 400, currentTime: 1.2 }, policy);
    expect(s.phase).toBe('playing');
  });

  it('retries a live stream a bounded number of times with growing delays, then fails', () => {
    const { s, trail } = run([{ type: 'start', at: 0, live: true }], 120_000);
    // timeout at 8 s → wait 1 s → attempt 2 times out at 17 s → wait 2 s → attempt 3 times out at 27 s → failed.
    expect(trail).toEqual(['connecting', 'retry@9000', 'connecting', 'retry@19000', 'connecting', 'failed:timeout']);
    expect(s.attempt).toBe(3);
    expect(s.since).toBe(27_000);
    expect(s.failures).toBe(3);
  });

  it('a retry that plays clears the error; steady playback resets the failure count', () => {
    const events: StreamEvent[] = [{ type: 'start', at: 0, live: true }, { type: 'error', at: 500, reason: 'network', fatal: true, detail: 'manifestLoadError' }, ...progress(2000, 30_000)];
    const { s, trail } = run(events, 30_000);
    expect(trail).toEqual(['connecting', 'retry@1500', 'connecting', 'playing']);
    expect(s.attempt).toBe(2);
    expect(s.reason).toBeNull();
    expect(s.failures).toBe(0);
  });

  it('ignores events of the old engine while waiting to retry, and non-fatal errors always', () => {
    let s = nextStreamState(initialStreamState(), { type: 'start', at: 0, live: true }, policy);
    s = nextStreamState(s, { type: 'error', at: 10, reason: 'media', fatal: false }, policy);
    expect(s.phase).toBe('connecting');
    expect(s.retryAt).toBeNull();
    s = nextStreamState(s, { type: 'error', at: 20, reason: 'network', fatal: true, detail: 'x' }, policy);
    expect(s.retryAt).toBe(1020);
    expect(s.detail).toBe('x');
    const waiting = s;
    s = nextStreamState(s, { type: 'timeupdate', at: 30, currentTime: 5 }, policy);
    s = nextStreamState(s, { type: 'playing', at: 40 }, policy);
    s = nextStreamState(s, { type: 'tick', at: 1000 }, policy);
    expect(s).toBe(waiting);
    s = nextStreamState(s, { type: 'tick', at: 1020 }, policy);
    expect(s.attempt).toBe(waiting.attempt + 1);
    expect(s.retryAt).toBeNull();
  });

  it('unsupported never retries; failed and idle streams ignore everything but start', () => {
    let s = nextStreamState(initialStreamState(), { type: 'start', at: 0, live: true }, policy);
    s = nextStreamState(s, { type: 'error', at: 5, reason: 'unsupported', fatal: true, detail: 'no MSE' }, policy);
    expect(s.phase).toBe('failed');
    expect(s.reason).toBe('unsupported');
    const failed = s;
    expect(nextStreamState(s, { type: 'playing', at: 9 }, policy)).toBe(failed);
    expect(nextStreamState(s, { type: 'tick', at: 99_999 }, policy)).toBe(failed);
    s = nextStreamState(s, { type: 'stop', at: 10 }, policy);
    expect(s.phase).toBe('idle');
    expect(nextStreamState(s, { type: 'timeupdate', at: 11, currentTime: 3 }, policy)).toBe(s);
    s = nextStreamState(s, { type: 'start', at: 12, live: false }, policy);
    expect(s).toMatchObject({ phase: 'connecting', reason: null, failures: 0, live: false, attempt: failed.attempt + 1 });
  });

  it('a live stream that turns out to be VOD ends instead of reconnecting', () => {
    let s = nextStreamState(initialStreamState(), { type: 'start', at: 0, live: true }, policy);
    s = nextStreamState(s, { type: 'live', at: 50, live: false }, policy);
    s = nextStreamState(s, { type: 'timeupdate', at: 100, currentTime: 0.5 }, policy);
    s = nextStreamState(s, { type: 'ended', at: 200 }, policy);
    expect(s.phase).toBe('ended');
    let l = nextStreamState(initialStreamState(), { type: 'start', at: 0, live: true }, policy);
    l = nextStreamState(l, { type: 'ended', at: 200 }, policy);
    expect(l).toMatchObject({ phase: 'connecting', reason: 'ended', retryAt: 1200 });
  });
});
