import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { attachedStreamCount, attachStream, type EngineEvent } from '../../../../../renderer/panels/video/attachStream';

// jsdom has <video> but no media pipeline: play/pause/load are stubbed, the element's events are fired by hand.
beforeEach(() => {
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(() => Promise.resolve());
  vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => {});
  vi.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe('attachStream', () => {
  it('plays a file muted, forwards media events, and on destroy stops forwarding and drops the source', () => {
    const video = document.createElement('video');
    const events: EngineEvent[] = [];
    const before = attachedStreamCount();
    const s = attachStream({ kind: 'mp4', url: 'http://127.0.0.1:9/clip.mp4', live: false }, video, (e) => events.push(e));
    expect(attachedStreamCount()).toBe(before + 1);
    expect(video.muted).toBe(true);
    expect(video.autoplay).toBe(true);
    expect(video.getAttribute('src')).toBe('http://127.0.0.1:9/clip.mp4');
    expect(HTMLMediaElement.prototype.play).toHaveBeenCalled();

    video.dispatchEvent(new Event('playing'));
    Object.defineProperty(video, 'currentTime', { configurable: true, get: () => 1.25 });
    video.dispatchEvent(new Event('timeupdate'));
    video.dispatchEvent(new Event('waiting'));
    video.dispatchEvent(new Event('ended'));
    expect(events).toEqual([{ type: 'playing' }, { type: 'timeupdate', currentTime: 1.25 }, { type: 'waiting' }, { type: 'ended' }]);

    s.destroy();
    s.destroy();
    expect(attachedStreamCount()).toBe(before);
    expect(video.hasAttribute('src')).toBe(false);
    expect(HTMLMediaElement.prototype.load).toHaveBeenCalled();
    video.dispatchEvent(new Event('timeupdate'));
    expect(events).toHaveLength(4);
  });

  it('maps media errors: decode → media, network → network, source not opened → source, aborted → nothing', () => {
    const video = document.createElement('video');
    const events: EngineEvent[] = [];
    const s = attachStream({ kind: 'webm', url: 'http://h/a.webm', live: false }, video, (e) => events.push(e));
    const fire = (code: number, message: string) => {
      Object.defineProperty(video, 'error', { configurable: true, get: () => ({ code, message }) });
      video.dispatchEvent(new Event('error'));
    };
    fire(1, '');
    fire(3, 'PIPELINE_ERROR_DECODE');
    fire(2, '');
    fire(4, 'MEDIA_ELEMENT_ERROR: Format error');
    fire(4, 'DEMUXER_ERROR_COULD_NOT_OPEN: FFmpegDemuxer: open context failed');
    expect(events).toEqual([
      { type: 'error', reason: 'media', fatal: true, detail: 'PIPELINE_ERROR_DECODE' },
      { type: 'error', reason: 'network', fatal: true, detail: 'MediaError 2' },
      { type: 'error', reason: 'source', fatal: true, detail: 'MEDIA_ELEMENT_ERROR: Format error' },
      { type: 'error', reason: 'source', fatal: true, detail: 'DEMUXER_ERROR_COULD_NOT_OPEN: FFmpegDemuxer: open context failed' },
    ]);
    s.destroy();
  });

  it('HLS without Media Source Extensions or native HLS is unsupported (jsdom has neither)', () => {
    const video = document.createElement('video');
    const events: EngineEvent[] = [];
    const s = attachStream({ kind: 'hls', url: 'http://h/a.m3u8', live: true }, video, (e) => events.push(e));
    expect(events).toEqual([{ type: 'error', reason: 'unsupported', fatal: true, detail: 'HLS: neither Media Source Extensions nor native HLS' }]);
    s.destroy();
  });

  it('FLV without MSE is unsupported, and an engine destroyed before mpegts.js arrives never starts', async () => {
    const video = document.createElement('video');
    const events: EngineEvent[] = [];
    const s = attachStream({ kind: 'flv', url: 'http://h/a.flv', live: true }, video, (e) => events.push(e));
    await vi.waitFor(() => expect(events).toEqual([{ type: 'error', reason: 'unsupported', fatal: true, detail: 'mpegts.js: MSE live playback unavailable' }]), { timeout: 10_000 });
    s.destroy();

    const quiet: EngineEvent[] = [];
    const t = attachStream({ kind: 'flv', url: 'http://h/b.flv', live: true }, document.createElement('video'), (e) => quiet.push(e));
    t.destroy();
    await import('mpegts.js');
    await new Promise((r) => setTimeout(r, 50));
    expect(quiet).toEqual([]);
  });
});
