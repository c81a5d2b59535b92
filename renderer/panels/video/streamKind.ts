/** How a camera stream is played. */
export type StreamKind = 'hls' | 'flv' | 'mp4' | 'webm' | 'snapshot';

export interface DetectedStream {
  kind: StreamKind;
  /** The URL to load (a `snapshot:` prefix removed). */
  url: string;
  /** Live streams are retried when they drop; files are not. HLS may turn out to be VOD (the player says so). */
  live: boolean;
}

export type StreamDetection = { ok: true; stream: DetectedStream } | { ok: false; error: string };

const byExtension: Record<string, StreamKind> = {
  m3u8: 'hls',
  m3u: 'hls',
  flv: 'flv',
  mp4: 'mp4',
  m4v: 'mp4',
  mov: 'mp4',
  webm: 'webm',
  jpg: 'snapshot',
  jpeg: 'snapshot',
  png: 'snapshot',
};

const liveKinds: Record<StreamKind, boolean> = { hls: true, flv: true, mp4: false, webm: false, snapshot: true };

const extensionOf = (s: string): string | null => {
  const m = /\.([a-z0-9]{2,5})$/i.exec(s);
  return m ? m[1]!.toLowerCase() : null;
};

/**
 * Pure: what kind of stream a URL is. HLS (.m3u8), HTTP/WebSocket-FLV (.flv in the path, or a query value that
 * is `flv` or ends in `.flv`, as many media servers use), MP4/WebM files, snapshot images (.jpg/.png or a
 * `snapshot:` prefix). Anything else (RTSP, RTMP, an unknown extension) is an error that names the URL and why.
 */
export function detectStream(raw: string): StreamDetection {
  const text = raw.trim();
  if (!text) return { ok: false, error: '视频流地址为空 stream URL is empty' };
  const snapshot = /^snapshot:/i.test(text);
  const rest = snapshot ? text.slice('snapshot:'.length).trim() : text;
  let parsed: URL;
  try {
    parsed = new URL(rest, 'http://relative.invalid/');
  } catch {
    return { ok: false, error: `视频流地址无法解析 stream URL cannot be parsed: ${text}` };
  }
  const scheme = parsed.protocol.replace(/:$/, '').toLowerCase();
  if (!['http', 'https', 'ws', 'wss', 'blob', 'app'].includes(scheme)) {
    return { ok: false, error: `浏览器无法直接播放 ${scheme.toUpperCase()} 协议，请经流媒体服务转为 HLS 或 HTTP-FLV; the browser cannot play ${scheme}:// directly (${text}) — convert it to HLS or HTTP-FLV on a media server` };
  }
  if (snapshot) return { ok: true, stream: { kind: 'snapshot', url: rest, live: true } };
  if ((scheme === 'ws' || scheme === 'wss') && !/flv/i.test(parsed.pathname + parsed.search)) {
    return { ok: false, error: `WebSocket 流仅支持 FLV; only FLV over WebSocket is supported: ${text}` };
  }

  const ext = extensionOf(decodeURIComponent(parsed.pathname));
  let kind: StreamKind | undefined = ext ? byExtension[ext] : undefined;
  if (!kind) {
    // Media servers put the format in the query: ?stream=cam01.flv, ?type=flv, ?format=m3u8 …
    for (const value of parsed.searchParams.values()) {
      const v = value.toLowerCase();
      const k = byExtension[v] ?? byExtension[extensionOf(v) ?? ''];
      if (k === 'flv' || k === 'hls') {
        kind = k;
        break;
      }
    }
  }
  if (!kind) return { ok: false, error: `无法识别的视频流类型（应为 .m3u8 / .flv / .mp4 / .webm / .jpg / .png）; unknown stream type (expected .m3u8, .flv, .mp4, .webm, .jpg or .png): ${text}` };
  return { ok: true, stream: { kind, url: rest, live: liveKinds[kind] } };
}

/** Pure: the kind of a stream URL, or null when it cannot be played (see detectStream for the reason). */
export function streamKind(url: string): StreamKind | null {
  const d = detectStream(url);
  return d.ok ? d.stream.kind : null;
}
