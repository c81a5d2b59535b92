import { useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import type { Locale } from '../../ui/locale';
import { drillText } from './drillText';
import { formatUtc8Seconds, offsetWithSeconds } from './drillTime';
import { kindLabel } from './eventSummary';
import { parseOffsetInput, REPLAY_SPEEDS, type Tick } from './replayModel';

export interface ReplayScrubberProps {
  locale: Locale;
  t0: number;
  span: { from: number; to: number };
  at: number;
  ticks: Tick[];
  bookmarks: { seq: number; at: number; label: string }[];
  playing: boolean;
  speed: number;
  onSeek(at: number): void;
  onPlay(playing: boolean): void;
  onSpeed(speed: number): void;
  onStep(dir: -1 | 1): void;
}

const MINUTE = 60_000;

/**
 * The one replay timeline (our own, not Cesium's): a track over the run's exercise time with event ticks coloured by
 * kind and bookmark flags; drag or click to seek, arrow keys ±1 min (Shift ±10 min), Home/End. Play/pause, speed ×1–×600,
 * previous/next event, and go to a T+ offset. data-at on the track is the cursor (exercise epoch ms).
 */
export function ReplayScrubber(p: ReplayScrubberProps) {
  const t = drillText(p.locale);
  const track = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const [goto, setGoto] = useState('');
  const len = Math.max(1, p.span.to - p.span.from);
  const frac = Math.min(1, Math.max(0, (p.at - p.span.from) / len));
  const clamp = (v: number) => Math.round(Math.min(p.span.to, Math.max(p.span.from, v)));

  const seekAtPointer = (clientX: number) => {
    const el = track.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    if (r.width <= 0) return;
    p.onSeek(clamp(p.span.from + ((clientX - r.left) / r.width) * len));
  };
  const down = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    dragging.current = true;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    seekAtPointer(e.clientX);
  };
  const move = (e: ReactPointerEvent<HTMLDivElement>) => dragging.current && seekAtPointer(e.clientX);
  const up = (e: ReactPointerEvent<HTMLDivElement>) => {
    dragging.current = false;
    e.currentTarget.releasePointerCapture?.(e.pointerId);
  };
  const key = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 10 * MINUTE : MINUTE;
    const next = { ArrowLeft: p.at - step, ArrowRight: p.at + step, ArrowDown: p.at - step, ArrowUp: p.at + step, Home: p.span.from, End: p.span.to, PageUp: p.at + 60 * MINUTE, PageDown: p.at - 60 * MINUTE }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    p.onSeek(clamp(next));
  };
  const go = () => {
    const off = parseOffsetInput(goto);
    if (off !== null) p.onSeek(clamp(p.t0 + off));
  };

  return (
    <div className="replay-scrubber">
      <div className="replay-now">
        <span className="replay-offset" data-testid="drill-replay-offset">
          {offsetWithSeconds(p.at - p.t0)}
        </span>
        <span className="replay-clock" data-testid="drill-replay-clock">
          {formatUtc8Seconds(p.at)}
        </span>
      </div>
      <div className="replay-bookmarks" aria-label={t('replay.bookmarks')}>
        {p.bookmarks.map((b) => (
          <button
            key={b.seq}
            type="button"
            className="replay-bookmark"
            style={{ left: `${((b.at - p.span.from) / len) * 100}%` }}
            title={`${b.label} · ${offsetWithSeconds(b.at - p.t0)}`}
            data-testid={`drill-bookmark-${b.seq}`}
            data-at={b.at}
            onClick={() => p.onSeek(clamp(b.at))}
          >
            ⚑
          </button>
        ))}
      </div>
      <div
        ref={track}
        className="replay-track"
        role="slider"
        tabIndex={0}
        aria-label={t('replay.title')}
        aria-valuemin={p.span.from}
        aria-valuemax={p.span.to}
        aria-valuenow={p.at}
        aria-valuetext={offsetWithSeconds(p.at - p.t0)}
        data-testid="drill-scrubber"
        data-at={p.at}
        data-from={p.span.from}
        data-to={p.span.to}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        onKeyDown={key}
      >
        <div className="replay-played" style={{ width: `${frac * 100}%` }} />
        {p.ticks.map((k) => (
          <span key={`${k.seq}`} className="replay-tick" style={{ left: `${k.pos * 100}%`, background: k.colour }} data-kind={k.kind} title={kindLabel(k.kind, p.locale)} />
        ))}
        <div className="replay-cursor" style={{ left: `${frac * 100}%` }} />
      </div>
      <div className="replay-ends">
        <span>{offsetWithSeconds(p.span.from - p.t0)}</span>
        <span>{offsetWithSeconds(p.span.to - p.t0)}</span>
      </div>
      <div className="drill-row replay-controls">
        <button type="button" data-testid="drill-replay-prev" title={t('replay.prev')} onClick={() => p.onStep(-1)}>
          ◀ {t('replay.prev')}
        </button>
        <button type="button" className="primary" data-testid="drill-replay-play" data-playing={String(p.playing)} onClick={() => p.onPlay(!p.playing)}>
          {p.playing ? t('replay.pause') : `▶ ${t('replay.play')}`}
        </button>
        <button type="button" data-testid="drill-replay-next" title={t('replay.next')} onClick={() => p.onStep(1)}>
          {t('replay.next')} ▶
        </button>
        <div className="drill-speeds" role="group" aria-label={t('banner.speed')}>
          {REPLAY_SPEEDS.map((s) => (
            <button key={s} type="button" className={p.speed === s ? 'active' : ''} aria-pressed={p.speed === s} data-testid={`drill-replay-speed-${s}`} onClick={() => p.onSpeed(s)}>
              ×{s}
            </button>
          ))}
        </div>
        <form
          className="replay-goto"
          onSubmit={(e) => {
            e.preventDefault();
            go();
          }}
        >
          <input data-testid="drill-replay-goto" value={goto} placeholder="T+01:30" aria-label={t('replay.goto')} title={t('replay.goto')} onChange={(e) => setGoto(e.target.value)} />
          <button type="submit" data-testid="drill-replay-go">
            {t('replay.go')}
          </button>
        </form>
      </div>
    </div>
  );
}
