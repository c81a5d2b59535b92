import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../../../../../renderer/panels/video/attachStream';
import type { DetectedStream } from '../../../../../renderer/panels/video/streamKind';
import { VideoPlayer } from '../../../../../renderer/panels/video/VideoPlayer';

/** A stand-in engine (jsdom cannot play video): records attaches and destroys, and lets the test emit events. */
function fakeEngine() {
  const attached: Array<{ stream: DetectedStream; video: HTMLVideoElement; emit: (e: EngineEvent) => void; destroyed: boolean }> = [];
  const attach = vi.fn((stream: DetectedStream, video: HTMLVideoElement, emit: (e: EngineEvent) => void) => {
    const rec = { stream, video, emit, destroyed: false };
    attached.push(rec);
    return {
      destroy: () => {
        rec.destroyed = true;
      },
    };
  });
  const emit = (e: EngineEvent) => act(() => attached[attached.length - 1]!.emit(e));
  const alive = () => attached.filter((a) => !a.destroyed).length;
  return { attach, attached, emit, alive };
}

const advance = (ms: number) => act(() => vi.advanceTimersByTime(ms));
const root = (id = 'video-player') => screen.getByTestId(id);
const overlay = (id = 'video-player') => screen.queryByTestId(`${id}-overlay`)?.querySelector('.video-state')?.textContent ?? null;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-07-01T08:00:00+08:00'));
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('VideoPlayer', () => {
  it('connects, plays on progress, exposes currentTime, and stalls when it stops advancing (zh-CN overlay)', () => {
    const e = fakeEngine();
    render(<VideoPlayer url="http://127.0.0.1:9/live/cam01.m3u8" locale="zh-CN" attach={e.attach} />);
    expect(root().dataset.state).toBe('connecting');
    expect(root().dataset.kind).toBe('hls');
    expect(overlay()).toBe('连接中');
    expect(e.attach).toHaveBeenCalledTimes(1);
    expect(e.attached[0]!.stream).toEqual({ kind: 'hls', url: 'http://127.0.0.1:9/live/cam01.m3u8', live: true });
    expect(e.attached[0]!.video.tagName).toBe('VIDEO');
    expect(e.attached[0]!.video.muted).toBe(true);

    e.emit({ type: 'playing' });
    e.emit({ type: 'timeupdate', currentTime: 1.5 });
    expect(root().dataset.state).toBe('playing');
    expect(root().dataset.currentTime).toBe('1.50');
    expect(overlay()).toBeNull();
    advance(1000);
    e.emit({ type: 'timeupdate', currentTime: 2.25 });
    expect(root().dataset.currentTime).toBe('2.25');

    advance(2500);
    expect(root().dataset.state).toBe('stalled');
    expect(overlay()).toBe('卡顿');
    e.emit({ type: 'timeupdate', currentTime: 2.5 });
    expect(root().dataset.state).toBe('playing');
    expect(e.attach).toHaveBeenCalledTimes(1);
  });

  it('a dead live stream times out, retries a bounded number of times with a fresh engine each time, then fails and leaves nothing running', () => {
    const e = fakeEngine();
    render(<VideoPlayer url="http://127.0.0.1:9/live/dead.flv" locale="en" attach={e.attach} />);
    expect(overlay()).toBe('Connecting');
    advance(8000);
    expect(root().dataset.state).toBe('connecting');
    expect(root().dataset.reason).toBe('timeout');
    expect(overlay()).toBe('Reconnecting 1/3: connection timed out');
    expect(e.alive()).toBe(0);
    advance(1000);
    expect(e.attach).toHaveBeenCalledTimes(2);
    expect(e.alive()).toBe(1);
    e.emit({ type: 'error', reason: 'network', fatal: true, detail: 'mpegts.js NetworkError Exception' });
    expect(overlay()).toBe('Reconnecting 2/3: network error');
    advance(2000);
    expect(e.attach).toHaveBeenCalledTimes(3);
    advance(8000);
    advance(4000);
    expect(e.attach).toHaveBeenCalledTimes(4);
    advance(8000);
    expect(root().dataset.state).toBe('failed');
    expect(overlay()).toBe('Failed: connection timed out');
    expect(e.alive()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    advance(60_000);
    expect(e.attach).toHaveBeenCalledTimes(4);

    fireEvent.click(screen.getByTestId('video-player-retry'));
    expect(root().dataset.state).toBe('connecting');
    expect(e.attach).toHaveBeenCalledTimes(5);
  });

  it('a file that stops delivering fails with no data after the stall timeout and shows the reason', () => {
    const e = fakeEngine();
    render(<VideoPlayer url="http://127.0.0.1:9/clip.mp4" locale="zh-CN" attach={e.attach} />);
    e.emit({ type: 'timeupdate', currentTime: 0.2 });
    advance(2500);
    expect(overlay()).toBe('卡顿');
    advance(3500);
    expect(root().dataset.state).toBe('failed');
    expect(root().dataset.reason).toBe('noData');
    expect(overlay()).toBe('失败：无数据');
    expect(e.alive()).toBe(0);
  });

  it('an unplayable URL fails at once with the reason, without an engine', () => {
    const e = fakeEngine();
    render(<VideoPlayer url="rtsp://10.0.0.5/Streaming/Channels/101" locale="en" attach={e.attach} />);
    expect(root().dataset.state).toBe('failed');
    expect(root().dataset.reason).toBe('unsupported');
    expect(overlay()).toBe('Failed: unsupported stream');
    expect(screen.getByTestId('video-player-overlay').textContent).toContain('rtsp://10.0.0.5');
    expect(e.attach).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('no URL shows "no stream" and stays idle', () => {
    const e = fakeEngine();
    render(<VideoPlayer url={null} locale="zh-CN" attach={e.attach} />);
    expect(root().dataset.state).toBe('idle');
    expect(overlay()).toBe('无视频流地址');
    expect(e.attach).not.toHaveBeenCalled();
  });

  it('destroys the engine on URL change and on unmount', () => {
    const e = fakeEngine();
    const { rerender, unmount } = render(<VideoPlayer url="http://h/a.m3u8" locale="en" attach={e.attach} />);
    e.emit({ type: 'timeupdate', currentTime: 3 });
    rerender(<VideoPlayer url="http://h/b.mp4" locale="en" attach={e.attach} />);
    expect(e.attached.map((a) => [a.stream.kind, a.destroyed])).toEqual([
      ['hls', true],
      ['mp4', false],
    ]);
    expect(root().dataset.state).toBe('connecting');
    expect(root().dataset.currentTime).toBe('0.00');
    // The old engine's late events do not reach the new stream.
    act(() => e.attached[0]!.emit({ type: 'timeupdate', currentTime: 9 }));
    expect(root().dataset.currentTime).toBe('0.00');
    unmount();
    expect(e.alive()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('under StrictMode (as the app runs) exactly one engine is alive, and none after unmount', () => {
    const e = fakeEngine();
    const { unmount } = render(
      <StrictMode>
        <VideoPlayer url="http://h/a.m3u8" locale="en" attach={e.attach} />
      </StrictMode>,
    );
    expect(e.alive()).toBe(1);
    e.emit({ type: 'timeupdate', currentTime: 1 });
    expect(root().dataset.state).toBe('playing');
    unmount();
    expect(e.alive()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a VOD HLS stream that ends is ended (no reconnect); a file ends too', () => {
    const e = fakeEngine();
    render(<VideoPlayer url="http://h/vod.m3u8" locale="zh-CN" attach={e.attach} />);
    e.emit({ type: 'live', live: false });
    e.emit({ type: 'timeupdate', currentTime: 1 });
    e.emit({ type: 'ended' });
    expect(root().dataset.state).toBe('ended');
    expect(overlay()).toBe('已结束');
    advance(30_000);
    expect(e.attach).toHaveBeenCalledTimes(1);
  });

  it('refreshes a snapshot image and fails over to retry when it cannot load', () => {
    render(<VideoPlayer url="snapshot:http://10.0.0.5/cgi-bin/snap?ch=1" locale="en" snapshotIntervalMs={1000} attach={fakeEngine().attach} />);
    expect(root().dataset.kind).toBe('snapshot');
    const img = () => root().querySelector('img')!;
    expect(img().getAttribute('src')).toBe('http://10.0.0.5/cgi-bin/snap?ch=1&_cityops=1');
    fireEvent.load(img());
    expect(root().dataset.state).toBe('playing');
    advance(1000);
    expect(img().getAttribute('src')).toBe('http://10.0.0.5/cgi-bin/snap?ch=1&_cityops=2');
    fireEvent.load(img());
    expect(root().dataset.currentTime).toBe('2.00');
    fireEvent.error(img());
    expect(root().dataset.reason).toBe('network');
    expect(root().querySelector('img')).toBeNull();
    advance(1000);
    expect(img()).not.toBeNull();
  });
});
