import { describe, expect, it } from 'vitest';
import { detectStream, streamKind } from '../../../../../renderer/panels/video/streamKind';

describe('streamKind', () => {
  it.each([
    ['http://10.0.0.5/live/cam01/index.m3u8', 'hls'],
    ['https://media.example.cn/hls/CAM-001.M3U8?token=abc', 'hls'],
    ['/media/demo/playlist.m3u8', 'hls'],
    ['http://10.0.0.5:8080/live/cam01.flv', 'flv'],
    ['http://10.0.0.5/live?app=live&stream=cam01.flv', 'flv'],
    ['http://10.0.0.5/play?type=flv&id=7', 'flv'],
    ['ws://10.0.0.5:8080/live/cam01.flv', 'flv'],
    ['http://10.0.0.5/api/stream?format=m3u8&id=7', 'hls'],
    ['http://127.0.0.1:9000/clip.mp4', 'mp4'],
    ['app://media/clips/河道%20巡查.mp4', 'mp4'],
    ['http://127.0.0.1:9000/clip.webm#t=3', 'webm'],
    ['http://10.0.0.5/snap/cam01.jpg', 'snapshot'],
    ['http://10.0.0.5/snap/cam01.PNG?ts=1', 'snapshot'],
    ['snapshot:http://10.0.0.5/cgi-bin/snapshot.cgi?chn=1', 'snapshot'],
  ])('%s → %s', (url, kind) => {
    expect(streamKind(url)).toBe(kind);
  });

  it('strips the snapshot: prefix and marks files as not live', () => {
    expect(detectStream('  snapshot:http://10.0.0.5/cgi-bin/snap?ch=1 ')).toEqual({ ok: true, stream: { kind: 'snapshot', url: 'http://10.0.0.5/cgi-bin/snap?ch=1', live: true } });
    expect(detectStream('http://h/a.mp4')).toEqual({ ok: true, stream: { kind: 'mp4', url: 'http://h/a.mp4', live: false } });
    expect(detectStream('http://h/a.m3u8')).toMatchObject({ ok: true, stream: { live: true } });
  });

  it('names what is wrong with URLs it cannot play', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /为空.*empty/],
      ['   ', /empty/],
      ['rtsp://admin@10.0.0.5:554/Streaming/Channels/101', /RTSP.*rtsp:\/\/ directly.*10\.0\.0\.5:554/],
      ['rtmp://10.0.0.5/live/cam01', /RTMP/],
      ['http://10.0.0.5/live/cam01.avi', /unknown stream type.*cam01\.avi/],
      ['http://10.0.0.5/live/cam01', /unknown stream type/],
      ['ws://10.0.0.5/live/cam01', /only FLV over WebSocket/],
      ['snapshot:ftp://10.0.0.5/x.jpg', /FTP/],
    ];
    for (const [url, message] of cases) {
      const d = detectStream(url);
      expect(d.ok, url).toBe(false);
      if (!d.ok) expect(d.error).toMatch(message);
      expect(streamKind(url)).toBeNull();
    }
  });
});
