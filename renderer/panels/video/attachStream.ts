import type { DetectedStream } from './streamKind';
import type { FailReason, StreamEvent } from './videoStreamState';

/** What an engine reports; the player stamps the time. */
export type EngineEvent =
  | { type: 'live'; live: boolean }
  | { type: 'playing' }
  | { type: 'timeupdate'; currentTime: number }
  | { type: 'waiting' }
  | { type: 'ended' }
  | { type: 'error'; reason: Extract<FailReason, 'network' | 'source' | 'media' | 'unsupported'>; fatal: boolean; detail?: string };

// The state machine accepts every engine event (checked by the compiler).
type _Accepts = EngineEvent & { at: number } extends StreamEvent ? true : never;
const _accepts: _Accepts = true;
void _accepts;

export interface AttachedStream {
  /** Stops all loading, releases MediaSource/workers/sockets and detaches from the element. Idempotent. */
  destroy(): void;
}

/** Live engines that exist right now (tests and the e2e check that none leak). */
let liveEngines = 0;
export const attachedStreamCount = (): number => liveEngines;

function mediaErrorEvent(video: HTMLVideoElement): EngineEvent | null {
  const err = video.error;
  if (!err || err.code === 1 /* MEDIA_ERR_ABORTED: we did it */) return null;
  const detail = err.message || `MediaError ${err.code}`;
  const reason = err.code === 2 ? 'network' : err.code === 3 ? 'media' : 'source';
  return { type: 'error', reason, fatal: true, detail };
}

/**
 * Plays a stream in a <video> element: hls.js where Media Source Extensions exist (it reports errors and
 * live/VOD), the browser's own HLS otherwise (Safari/iOS), mpegts.js for HTTP/WebSocket-FLV, the element itself
 * for MP4/WebM. Always muted autoplay. The engines are loaded on demand (dynamic import), and one destroyed before
 * its engine arrived never creates it.
 */
export function attachStream(stream: DetectedStream, video: HTMLVideoElement, emit: (e: EngineEvent) => void): AttachedStream {
  let destroyed = false;
  let engineDestroy: (() => void) | null = null;
  liveEngines++;

  video.muted = true;
  video.defaultMuted = true;
  video.autoplay = true;
  video.playsInline = true;

  const send = (e: EngineEvent) => {
    if (!destroyed) emit(e);
  };
  const listeners: Array<[string, () => void]> = [
    ['playing', () => send({ type: 'playing' })],
    ['timeupdate', () => send({ type: 'timeupdate', currentTime: video.currentTime })],
    ['waiting', () => send({ type: 'waiting' })],
    ['ended', () => send({ type: 'ended' })],
    [
      'error',
      () => {
        const e = mediaErrorEvent(video);
        if (e) send(e);
      },
    ],
  ];
  for (const [name, fn] of listeners) video.addEventListener(name, fn);

  const play = () => {
    // Autoplay refusal is not a stream failure (muted autoplay is allowed everywhere that matters).
    const p = video.play() as Promise<void> | undefined;
    p?.catch(() => {});
  };
  const fail = (reason: 'network' | 'media' | 'unsupported', detail: string) => send({ type: 'error', reason, fatal: true, detail });
  const hasMse = () => typeof window !== 'undefined' && ('MediaSource' in window || 'ManagedMediaSource' in window);

  if (stream.kind === 'mp4' || stream.kind === 'webm') {
    video.src = stream.url;
    play();
  } else if (stream.kind === 'hls') {
    if (hasMse()) {
      void import('hls.js')
        .then(({ default: Hls }) => {
          if (destroyed) return;
          if (!Hls.isSupported()) {
            fail('unsupported', 'hls.js: Media Source Extensions unavailable');
            return;
          }
          const hls = new Hls({ liveDurationInfinity: true, backBufferLength: 30, maxBufferLength: 10, manifestLoadingMaxRetry: 1, levelLoadingMaxRetry: 2, fragLoadingMaxRetry: 2 });
          hls.on(Hls.Events.LEVEL_LOADED, (_e, data) => send({ type: 'live', live: data.details.live }));
          hls.on(Hls.Events.ERROR, (_e, data) => {
            if (!data.fatal) return;
            send({ type: 'error', reason: data.type === Hls.ErrorTypes.NETWORK_ERROR ? 'network' : 'media', fatal: true, detail: `hls.js ${data.details}` });
          });
          hls.loadSource(stream.url);
          hls.attachMedia(video);
          play();
          engineDestroy = () => hls.destroy();
        })
        .catch((err: unknown) => fail('unsupported', `hls.js failed to load: ${String(err)}`));
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = stream.url;
      play();
    } else fail('unsupported', 'HLS: neither Media Source Extensions nor native HLS');
  } else if (stream.kind === 'flv') {
    void import('mpegts.js')
      .then(({ default: mpegts }) => {
        if (destroyed) return;
        if (!mpegts.getFeatureList().mseLivePlayback) {
          fail('unsupported', 'mpegts.js: MSE live playback unavailable');
          return;
        }
        const player = mpegts.createPlayer({ type: 'flv', isLive: true, url: stream.url, cors: true }, { enableWorker: false, enableStashBuffer: false, liveBufferLatencyChasing: true, lazyLoad: false });
        player.on(mpegts.Events.ERROR, (type: string, details: string) => fail(type === mpegts.ErrorTypes.NETWORK_ERROR ? 'network' : 'media', `mpegts.js ${type} ${details}`));
        player.attachMediaElement(video);
        player.load();
        play();
        engineDestroy = () => {
          player.pause();
          player.unload();
          player.detachMediaElement();
          player.destroy();
        };
      })
      .catch((err: unknown) => fail('unsupported', `mpegts.js failed to load: ${String(err)}`));
  } else {
    fail('unsupported', `${stream.kind} is not played in a <video> element`);
  }

  return {
    destroy() {
      if (destroyed) return;
      destroyed = true;
      liveEngines--;
      for (const [name, fn] of listeners) video.removeEventListener(name, fn);
      try {
        engineDestroy?.();
      } finally {
        engineDestroy = null;
        // Drop the source so the element closes its connection (a dead stream must not keep a socket).
        video.pause();
        video.removeAttribute('src');
        video.load();
      }
    },
  };
}
