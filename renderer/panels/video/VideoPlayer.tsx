import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Locale } from '../../ui/locale';
import { attachStream, type AttachedStream, type EngineEvent } from './attachStream';
import { detectStream, type DetectedStream } from './streamKind';
import { videoText, type VideoTextKey } from './videoText';
import { defaultStreamPolicy, initialStreamState, nextDeadline, nextStreamState, type StreamEvent, type StreamPolicy, type StreamState } from './videoStreamState';

export interface VideoPlayerProps {
  /** The camera's stream URL (HLS, HTTP-FLV, MP4/WebM, snapshot image); null shows "no stream". */
  url: string | null;
  locale: Locale;
  /** data-testid of the root (default 'video-player'). */
  testId?: string;
  /** Accessible name, e.g. the camera name. */
  label?: string;
  policy?: StreamPolicy;
  /** Snapshot refresh interval, ms. */
  snapshotIntervalMs?: number;
  /** The engine; tests pass a fake (jsdom cannot play video). */
  attach?: (stream: DetectedStream, video: HTMLVideoElement, emit: (e: EngineEvent) => void) => AttachedStream;
  /** Clock (fake in tests). */
  now?: () => number;
  /** Told about every state change (e.g. a wall counting playing cells). */
  onStateChange?(state: StreamState): void;
}

/** Snapshots progress once per refresh: their stall clock follows the refresh interval. */
export function snapshotPolicy(intervalMs: number, base: StreamPolicy = defaultStreamPolicy): StreamPolicy {
  return { ...base, stallAfterMs: Math.max(base.stallAfterMs, 2 * intervalMs + 1000), stallTimeoutMs: Math.max(base.stallTimeoutMs, 3 * intervalMs + 2000) };
}

const withCacheBust = (url: string, n: number) => `${url}${url.includes('?') ? '&' : '?'}_cityops=${n}`;

/** The overlay text for a state, in the given language (null: nothing over the picture). */
export function streamStateLabel(s: StreamState, locale: Locale, maxRetries: number = defaultStreamPolicy.maxRetries): string | null {
  const t = videoText(locale);
  const sep = locale === 'zh-CN' ? '：' : ': ';
  if (s.phase === 'playing') return null;
  if (s.phase === 'connecting' && s.reason) return `${t('state.retrying')} ${Math.min(s.failures, maxRetries)}/${maxRetries}${sep}${t(`reason.${s.reason}` as VideoTextKey)}`;
  if (s.phase === 'failed') return `${t('state.failed')}${sep}${s.reason ? t(`reason.${s.reason}` as VideoTextKey) : ''}`;
  return t(`state.${s.phase}` as VideoTextKey);
}

/**
 * One stream: muted autoplay, a state overlay (连接中 / 播放中 / 卡顿 / 失败 + reason), bounded retries for live
 * streams, and a root whose data-state ('idle' | 'connecting' | 'playing' | 'stalled' | 'failed' | 'ended'),
 * data-reason and data-current-time let tests wait on it. The engine is destroyed on unmount, on URL change, on
 * failure and before every retry, so a dead stream never keeps a player, a socket or a timer.
 */
export function VideoPlayer({ url, locale, testId = 'video-player', label, policy: policyProp, snapshotIntervalMs = 2000, attach = attachStream, now = Date.now, onStateChange }: VideoPlayerProps) {
  const t = videoText(locale);
  const detection = useMemo(() => (url === null ? null : detectStream(url)), [url]);
  const stream = detection?.ok ? detection.stream : null;
  const policy = useMemo(() => {
    const base = policyProp ?? defaultStreamPolicy;
    return stream?.kind === 'snapshot' ? snapshotPolicy(snapshotIntervalMs, base) : base;
  }, [policyProp, stream?.kind, snapshotIntervalMs]);

  const policyRef = useRef(policy);
  policyRef.current = policy;
  const nowRef = useRef(now);
  nowRef.current = now;
  const [state, dispatch] = useReducer((s: StreamState, e: StreamEvent) => nextStreamState(s, e, policyRef.current), undefined, initialStreamState);
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const [frame, setFrame] = useState(0);

  // The stream the current attempt plays (set with 'start', so an engine never sees the previous URL).
  const started = useRef<DetectedStream | null>(null);
  const attemptRef = useRef(state.attempt);
  attemptRef.current = state.attempt;

  // A new URL starts over; an unplayable one fails at once with the reason.
  useEffect(() => {
    const at = nowRef.current();
    started.current = detection?.ok ? detection.stream : null;
    if (!detection) {
      dispatch({ type: 'stop', at });
      return;
    }
    dispatch({ type: 'start', at, live: detection.ok ? detection.stream.live : false });
    if (!detection.ok) dispatch({ type: 'error', at, reason: 'unsupported', fatal: true, detail: detection.error });
  }, [detection]);

  // One engine per attempt, only while the stream is meant to be loading or playing.
  const active = (state.phase === 'connecting' || state.phase === 'playing' || state.phase === 'stalled') && state.retryAt === null;
  const attachRef = useRef(attach);
  attachRef.current = attach;
  useEffect(() => {
    const video = videoRef.current;
    const s = started.current;
    if (!active || !s || s.kind === 'snapshot' || !video) return;
    const attempt = state.attempt;
    // Events of an engine from an earlier attempt (on its way out) are dropped.
    const engine = attachRef.current(s, video, (e) => attemptRef.current === attempt && dispatch({ ...e, at: nowRef.current() }));
    return () => engine.destroy();
  }, [active, state.attempt]);

  // Snapshots: the first image of each attempt (later ones follow each load, at the refresh interval).
  useEffect(() => {
    if (!active || started.current?.kind !== 'snapshot') return;
    setFrame((f) => f + 1);
  }, [active, state.attempt]);

  // One timer: the next connect / stall / retry deadline.
  const deadline = nextDeadline(state, policy);
  useEffect(() => {
    if (deadline === null) return;
    const id = setTimeout(() => dispatch({ type: 'tick', at: nowRef.current() }), Math.max(0, deadline - nowRef.current()));
    return () => clearTimeout(id);
  }, [deadline]);

  const onStateChangeRef = useRef(onStateChange);
  onStateChangeRef.current = onStateChange;
  useEffect(() => onStateChangeRef.current?.(state), [state]);

  const snapshotTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (snapshotTimer.current) clearTimeout(snapshotTimer.current);
    },
    [active, state.attempt],
  );

  const overlay = url === null ? t('player.noStream') : streamStateLabel(state, locale, policy.maxRetries);
  const detail = state.phase === 'failed' ? (state.detail ?? (detection && !detection.ok ? detection.error : null)) : null;
  return (
    <div
      className={`video-player state-${state.phase}`}
      data-testid={testId}
      data-state={state.phase}
      data-reason={state.reason ?? ''}
      data-kind={stream?.kind ?? ''}
      data-attempt={state.attempt}
      data-current-time={state.currentTime.toFixed(2)}
      aria-label={label}
      aria-busy={state.phase === 'connecting'}
      style={{ position: 'relative', background: '#000', width: '100%', height: '100%', overflow: 'hidden' }}
    >
      {stream?.kind === 'snapshot' ? (
        active && frame > 0 ? (
          <img
            key={`${stream.url}#${state.attempt}`}
            src={withCacheBust(stream.url, frame)}
            alt={label ?? ''}
            style={{ width: '100%', height: '100%', objectFit: 'contain' }}
            onLoad={() => {
              const at = nowRef.current();
              dispatch({ type: 'playing', at });
              dispatch({ type: 'timeupdate', at, currentTime: frame });
              if (snapshotTimer.current) clearTimeout(snapshotTimer.current);
              snapshotTimer.current = setTimeout(() => setFrame((f) => f + 1), snapshotIntervalMs);
            }}
            onError={() => dispatch({ type: 'error', at: nowRef.current(), reason: 'network', fatal: true, detail: `snapshot failed to load: ${stream.url}` })}
          />
        ) : null
      ) : (
        <video ref={videoRef} muted autoPlay playsInline style={{ width: '100%', height: '100%', objectFit: 'contain', display: stream ? 'block' : 'none' }} />
      )}
      {overlay && (
        <div className="video-overlay" data-testid={`${testId}-overlay`} role="status" style={{ position: 'absolute', inset: 0, display: 'grid', placeContent: 'center', gap: '0.4rem', textAlign: 'center', background: state.phase === 'stalled' ? 'rgba(0,0,0,0.35)' : 'rgba(0,0,0,0.6)', color: state.phase === 'failed' ? 'var(--danger, #ff4d4f)' : state.phase === 'stalled' ? 'var(--warn, #ffb020)' : 'var(--text, #e8f4ff)', pointerEvents: state.phase === 'failed' || state.phase === 'ended' ? 'auto' : 'none' }}>
          <span className="video-state">{overlay}</span>
          {detail && (
            <small className="video-detail" style={{ color: 'var(--text-dim, #9fc3de)', wordBreak: 'break-all', maxWidth: '90%', justifySelf: 'center' }}>
              {detail}
            </small>
          )}
          {(state.phase === 'failed' || state.phase === 'ended') && stream && (
            <button type="button" data-testid={`${testId}-retry`} onClick={() => dispatch({ type: 'start', at: nowRef.current(), live: stream.live })} style={{ justifySelf: 'center' }}>
              {t('player.retry')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
