/** Where one stream is. `connecting` also covers the wait before a retry (see retryAt). */
export type StreamPhase = 'idle' | 'connecting' | 'playing' | 'stalled' | 'failed' | 'ended';

/**
 * Why a stream failed. 'source': the browser could not open the source (Chromium reports a refused connection, a
 * 404 and an unplayable format alike as MEDIA_ERR_SRC_NOT_SUPPORTED, so it cannot say which).
 */
export type FailReason = 'timeout' | 'noData' | 'network' | 'source' | 'media' | 'unsupported' | 'ended';

export interface StreamState {
  phase: StreamPhase;
  reason: FailReason | null;
  /** The player's own words for the last error, if any. */
  detail: string | null;
  live: boolean;
  /** Engine generation: the player (re)attaches its engine whenever this changes. */
  attempt: number;
  /** Consecutive failed attempts since the stream last played steadily. */
  failures: number;
  /** When set, the stream is waiting to retry: at this time attempt is bumped. */
  retryAt: number | null;
  /** Time the current phase was entered. */
  since: number;
  /** Time the current attempt was started (connect timeout counts from here). */
  attemptStartedAt: number;
  /** Media currentTime last seen, seconds. */
  currentTime: number;
  /** Time currentTime last advanced (or playback started). */
  lastProgressAt: number;
}

export type StreamEvent =
  | { type: 'start'; at: number; live: boolean }
  | { type: 'stop'; at: number }
  /** Player learned whether the stream is live (e.g. an HLS playlist with or without #EXT-X-ENDLIST). */
  | { type: 'live'; at: number; live: boolean }
  | { type: 'playing'; at: number }
  | { type: 'timeupdate'; at: number; currentTime: number }
  /** Media 'waiting' / 'stalled': the buffer ran dry. */
  | { type: 'waiting'; at: number }
  | { type: 'ended'; at: number }
  | { type: 'error'; at: number; reason: Exclude<FailReason, 'timeout' | 'noData' | 'ended'>; fatal: boolean; detail?: string }
  /** A timer fired: checks connect, stall and retry deadlines. */
  | { type: 'tick'; at: number };

export interface StreamPolicy {
  /** Connecting for this long without playback → timeout. */
  connectTimeoutMs: number;
  /** Playing without currentTime progress for this long → stalled. */
  stallAfterMs: number;
  /** No currentTime progress for this long → failed 'noData'. */
  stallTimeoutMs: number;
  /** Retries of a live stream after consecutive failures; files never retry. */
  maxRetries: number;
  /** Wait before retry n (1-based). */
  retryDelayMs(retry: number): number;
  /** Playing this long without trouble resets the failure count. */
  stableAfterMs: number;
}

export const defaultStreamPolicy: StreamPolicy = {
  connectTimeoutMs: 8000,
  stallAfterMs: 2500,
  stallTimeoutMs: 6000,
  maxRetries: 3,
  retryDelayMs: (n) => Math.min(1000 * 2 ** (n - 1), 8000),
  stableAfterMs: 20_000,
};

export function initialStreamState(): StreamState {
  return { phase: 'idle', reason: null, detail: null, live: false, attempt: 0, failures: 0, retryAt: null, since: 0, attemptStartedAt: 0, currentTime: 0, lastProgressAt: 0 };
}

const enter = (s: StreamState, phase: StreamPhase, at: number): StreamState => (s.phase === phase ? s : { ...s, phase, since: at });

/** A failure: live streams with retries left wait and reconnect; otherwise the stream is failed (or ended). */
function fail(s: StreamState, reason: FailReason, at: number, p: StreamPolicy, detail: string | null = null): StreamState {
  const failures = s.failures + 1;
  const retryable = s.live && reason !== 'unsupported' && failures <= p.maxRetries;
  if (retryable) return { ...enter(s, 'connecting', at), reason, detail, failures, retryAt: at + p.retryDelayMs(failures) };
  return { ...s, phase: reason === 'ended' ? 'ended' : 'failed', since: at, reason: reason === 'ended' ? null : reason, detail, failures, retryAt: null };
}

/**
 * Pure: the next state of one stream. Events from a stopped (idle) or finished (failed/ended) stream are ignored
 * until the next 'start'; so are player events while waiting to retry (the old engine is on its way out).
 */
export function nextStreamState(s: StreamState, e: StreamEvent, p: StreamPolicy = defaultStreamPolicy): StreamState {
  if (e.type === 'start') {
    return { ...initialStreamState(), phase: 'connecting', live: e.live, attempt: s.attempt + 1, since: e.at, attemptStartedAt: e.at, lastProgressAt: e.at };
  }
  if (e.type === 'stop') return { ...s, phase: 'idle', reason: null, detail: null, retryAt: null, since: e.at };
  if (s.phase === 'idle' || s.phase === 'failed' || s.phase === 'ended') return s;

  if (s.retryAt !== null) {
    if (e.type === 'tick' && e.at >= s.retryAt) {
      return { ...s, phase: 'connecting', attempt: s.attempt + 1, retryAt: null, since: e.at, attemptStartedAt: e.at, lastProgressAt: e.at, currentTime: 0 };
    }
    return s;
  }

  switch (e.type) {
    case 'live':
      return e.live === s.live ? s : { ...s, live: e.live };
    case 'playing':
      // 'playing' means the element wants to play; progress is what proves data arrives, so the stall clock restarts here.
      return { ...enter(s, 'playing', e.at), reason: null, detail: null, lastProgressAt: e.at };
    case 'timeupdate': {
      if (e.currentTime === s.currentTime) return s;
      const moved = { ...s, currentTime: e.currentTime, lastProgressAt: e.at };
      // Going backwards is a seek or a live-edge jump, not progress that proves playback; still record it.
      if (e.currentTime < s.currentTime) return moved;
      const playing = { ...enter(moved, 'playing', e.at), reason: null, detail: null };
      return playing.failures > 0 && e.at - playing.since >= p.stableAfterMs ? { ...playing, failures: 0 } : playing;
    }
    case 'waiting':
      return s.phase === 'playing' ? enter(s, 'stalled', e.at) : s;
    case 'ended':
      return fail(s, 'ended', e.at, p);
    case 'error':
      return e.fatal ? fail(s, e.reason, e.at, p, e.detail ?? null) : s;
    case 'tick': {
      if (s.phase === 'connecting') return e.at - s.attemptStartedAt >= p.connectTimeoutMs ? fail(s, 'timeout', e.at, p) : s;
      const quiet = e.at - s.lastProgressAt;
      if (quiet >= p.stallTimeoutMs) return fail(s, 'noData', e.at, p);
      if (s.phase === 'playing' && quiet >= p.stallAfterMs) return enter(s, 'stalled', e.at);
      return s;
    }
  }
}

/** Pure: when the next timer check is due (null: no timer needed). */
export function nextDeadline(s: StreamState, p: StreamPolicy = defaultStreamPolicy): number | null {
  if (s.retryAt !== null) return s.retryAt;
  if (s.phase === 'connecting') return s.attemptStartedAt + p.connectTimeoutMs;
  if (s.phase === 'playing') return s.lastProgressAt + p.stallAfterMs;
  if (s.phase === 'stalled') return s.lastProgressAt + p.stallTimeoutMs;
  return null;
}
