/**
 * The renderer's Content-Security-Policy, shared by both hosts. No inline or remote script, no eval
 * (WebAssembly compile is allowed for Cesium's decoders), workers and images from our own origin only.
 */
/**
 * Camera video comes from the command room's own network (GB/T 28181 gateways, NVRs, file servers for drills) at
 * addresses we cannot know in advance: media, snapshots and the stream fetches of hls.js / mpegts.js may use http(s)
 * origins. Scripts, styles, fonts, frames and forms stay same-origin. (Electron additionally lets requests reach only
 * private-network and loopback addresses: see isPrivateNetworkUrl.)
 */
export const streamSources = ['http:', 'https:'];

/** True for http(s)/ws(s) URLs on loopback or private IPv4 ranges (10/8, 172.16/12, 192.168/16, 127/8) or *.local. */
export function isPrivateNetworkUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol)) return false;
  const h = u.hostname;
  if (h === 'localhost' || h.endsWith('.local')) return true;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

export function contentSecurityPolicy(extraConnect: string[] = []): string {
  const streams = streamSources.join(' ');
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${streams}`,
    "font-src 'self' data:",
    `media-src 'self' blob: ${streams}`,
    `connect-src 'self' data: blob: ${[...extraConnect, ...streamSources].join(' ')}`.trim(),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const securityHeaders: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};
