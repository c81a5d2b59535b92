import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FFMPEG, hasFfmpeg, startHlsFixture, type HlsFixture } from '../../helpers/hlsFixture';

const skip = !hasFfmpeg();
if (skip) console.warn(`hlsFixture tests skipped: ffmpeg not found at ${FFMPEG} (apt-get install ffmpeg)`);

describe.skipIf(skip)('hlsFixture (needs Debian ffmpeg)', () => {
  let fx: HlsFixture;
  beforeAll(async () => {
    fx = await startHlsFixture(6);
  }, 120_000);
  afterAll(() => fx?.close());

  it('serves an HLS playlist whose segments are MPEG-TS, with CORS', async () => {
    expect(fx.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.+\.m3u8$/);
    const res = await fetch(fx.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    const playlist = await res.text();
    expect(playlist.startsWith('#EXTM3U')).toBe(true);
    expect(playlist).toContain('#EXT-X-ENDLIST');
    const segments = playlist.split('\n').filter((l) => l.endsWith('.ts'));
    expect(segments.length).toBe(3);
    const durations = [...playlist.matchAll(/#EXTINF:([\d.]+)/g)].map((m) => Number(m[1]));
    expect(durations.reduce((a, b) => a + b, 0)).toBeCloseTo(6, 0);
    const seg = new Uint8Array(await (await fetch(new URL(segments[0]!, fx.url))).arrayBuffer());
    expect(seg.length).toBeGreaterThan(10_000);
    expect(seg.length % 188).toBe(0);
    for (let i = 0; i < seg.length; i += 188) expect(seg[i], `TS sync byte at ${i}`).toBe(0x47);
  });

  it('serves the MP4 with byte ranges, the FLV and a PNG snapshot', async () => {
    const head = await fetch(fx.mp4Url, { headers: { Range: 'bytes=0-15' } });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-range')).toMatch(/^bytes 0-15\/\d+$/);
    const box = new TextDecoder().decode(new Uint8Array(await head.arrayBuffer()).slice(4, 8));
    expect(box).toBe('ftyp');
    const flv = new Uint8Array(await (await fetch(fx.flvFileUrl)).arrayBuffer());
    expect(new TextDecoder().decode(flv.slice(0, 3))).toBe('FLV');
    const png = new Uint8Array(await (await fetch(fx.snapshotUrl)).arrayBuffer());
    expect([...png.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    expect((await fetch(fx.url.replace('index.m3u8', 'missing.ts'))).status).toBe(404);
    expect(fx.files).toEqual(expect.arrayContaining(['index.m3u8', 'clip.mp4', 'clip.flv', 'snapshot.png', 'seg000.ts']));
  });

  it('the live FLV stream arrives in real time and its encoder ends when the client leaves', async () => {
    const ac = new AbortController();
    const res = await fetch(fx.flvUrl, { signal: ac.signal });
    expect(res.headers.get('content-type')).toBe('video/x-flv');
    expect(fx.liveStreams()).toBe(1);
    const reader = res.body!.getReader();
    const started = Date.now();
    let bytes = new Uint8Array(0);
    while (Date.now() - started < 1500) {
      const { value, done } = await reader.read();
      if (done) break;
      bytes = new Uint8Array([...bytes, ...value]);
    }
    expect(new TextDecoder().decode(bytes.slice(0, 3))).toBe('FLV');
    // Paced (-re): about 1.5 s of video, well under the 6 s file (an unpaced encoder would send it all at once).
    const fileSize = Number((await fetch(fx.flvFileUrl, { method: 'HEAD' })).headers.get('content-length'));
    // Measured: ~52 kB in 1.5 s against 184 kB for the 6 s file.
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes.length).toBeLessThan(fileSize * 0.6);
    ac.abort();
    await expect.poll(() => fx.liveStreams(), { timeout: 5000 }).toBe(0);
  });

  it('deadUrl refuses the connection; hangUrl never answers', async () => {
    await expect(fetch(fx.deadUrl)).rejects.toThrow();
    await expect(fetch(fx.hangUrl, { signal: AbortSignal.timeout(300) })).rejects.toThrow(/abort|timeout/i);
  });
});
