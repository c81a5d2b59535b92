// Real video for player tests: Debian ffmpeg renders a test pattern as HLS, MP4 and FLV into a temp dir, and a
// node:http server on 127.0.0.1 serves it with CORS (the app runs on another origin) and byte ranges.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';

export const FFMPEG = process.env.FFMPEG_PATH ?? '/usr/bin/ffmpeg';
export const hasFfmpeg = () => existsSync(FFMPEG);

export interface HlsFixture {
  /** HLS VOD playlist (H.264 in MPEG-TS, 2 s segments). */
  url: string;
  mp4Url: string;
  /** A live HTTP-FLV stream (for mpegts.js): ffmpeg -re encodes testsrc in real time, one process per request, endless. */
  flvUrl: string;
  /** The clip as an FLV file (downloads at once: not a live stream). */
  flvFileUrl: string;
  /** A snapshot image (one PNG frame). */
  snapshotUrl: string;
  /** A port that refuses connections. */
  deadUrl: string;
  /** Accepts the request and never answers (until close). */
  hangUrl: string;
  /** Files served, for assertions. */
  files: string[];
  /** Live FLV encoders running now (each ends when its client disconnects). */
  liveStreams(): number;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.mp4': 'video/mp4',
  '.flv': 'video/x-flv',
  '.png': 'image/png',
};

const cors = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': 'Range',
  'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Accept-Ranges',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

function run(cmd: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, timeout: 120_000 }, (err, _out, stderr) => (err ? reject(new Error(`${cmd} failed: ${err.message}\n${stderr}`)) : resolve()));
  });
}

/** A port nothing listens on (bound, read, released). */
function refusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

function serveFile(dir: string, req: IncomingMessage, res: ServerResponse): void {
  const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
  if (!/^[\w.-]+$/.test(name) || !existsSync(join(dir, name))) {
    res.writeHead(404, { ...cors, 'Content-Type': 'text/plain' }).end(`not found: ${name}`);
    return;
  }
  const file = join(dir, name);
  const size = statSync(file).size;
  const headers = { ...cors, 'Content-Type': contentTypes[extname(name)] ?? 'application/octet-stream', 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store' };
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (range && (range[1] || range[2])) {
    const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (start >= size || start > end) {
      res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}` }).end();
      return;
    }
    res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': String(end - start + 1) });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file, { start, end }).pipe(res);
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': String(size) });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

/**
 * Renders `seconds` of ffmpeg's testsrc (640×360, 25 fps, H.264 baseline, keyframe every second) as HLS VOD, MP4,
 * FLV and a PNG, and serves them; plus a live HTTP-FLV route encoded in real time.
 * Throws when ffmpeg is missing (check hasFfmpeg() first to skip).
 */
const h264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-profile:v', 'baseline', '-pix_fmt', 'yuv420p', '-g', '25', '-keyint_min', '25', '-sc_threshold', '0'];

/** One real-time FLV encoder piped into the response; killed when the client goes away. */
function serveLiveFlv(res: ServerResponse, encoders: Set<ChildProcess>): void {
  const ff = spawn(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=25', ...h264, '-tune', 'zerolatency', '-f', 'flv', 'pipe:1'], { stdio: ['ignore', 'pipe', 'ignore'] });
  encoders.add(ff);
  ff.once('exit', () => encoders.delete(ff));
  res.writeHead(200, { ...cors, 'Content-Type': 'video/x-flv', 'Cache-Control': 'no-store' });
  ff.stdout.pipe(res);
  res.once('close', () => ff.kill('SIGKILL'));
}

export async function startHlsFixture(seconds = 20): Promise<HlsFixture> {
  if (!hasFfmpeg()) throw new Error(`ffmpeg not found at ${FFMPEG}: apt-get install ffmpeg (or set FFMPEG_PATH)`);
  const dir = mkdtempSync(join(tmpdir(), 'cityops-hls-'));
  try {
    await run(
      FFMPEG,
      [
        ...['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=size=640x360:rate=25:duration=${seconds}`],
        ...[...h264, '-f', 'hls', '-hls_time', '2', '-hls_playlist_type', 'vod', '-hls_segment_filename', 'seg%03d.ts', 'index.m3u8'],
        ...[...h264, '-movflags', '+faststart', 'clip.mp4'],
        ...[...h264, '-f', 'flv', 'clip.flv'],
        ...['-frames:v', '1', 'snapshot.png'],
      ],
      dir,
    );
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  const hanging = new Set<ServerResponse>();
  const encoders = new Set<ChildProcess>();
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/live/cam.flv')) {
      serveLiveFlv(res, encoders);
      return;
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    if (req.url?.startsWith('/hang/')) {
      hanging.add(res);
      res.once('close', () => hanging.delete(res));
      return;
    }
    serveFile(dir, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dead = await refusedPort();
  return {
    url: `${base}/index.m3u8`,
    mp4Url: `${base}/clip.mp4`,
    flvUrl: `${base}/live/cam.flv`,
    flvFileUrl: `${base}/clip.flv`,
    snapshotUrl: `${base}/snapshot.png`,
    deadUrl: `http://127.0.0.1:${dead}/live/dead.m3u8`,
    hangUrl: `${base}/hang/index.m3u8`,
    files: readdirSync(dir).sort(),
    liveStreams: () => encoders.size,
    close: async () => {
      for (const res of hanging) res.destroy();
      for (const ff of encoders) ff.kill('SIGKILL');
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
