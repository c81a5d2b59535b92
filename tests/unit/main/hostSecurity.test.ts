import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, isPrivateNetworkUrl } from '../../../main/hostSecurity';

describe('host security', () => {
  it('lets camera streams on private networks through, not the internet', () => {
    for (const u of ['http://10.1.2.3:8080/live.m3u8', 'http://192.168.0.9/a.flv', 'https://172.20.0.1/x', 'http://127.0.0.1:5000/s.mp4', 'http://nvr.local/x', 'ws://10.0.0.1/flv']) {
      expect(isPrivateNetworkUrl(u), u).toBe(true);
    }
    for (const u of ['https://example.com/x', 'http://8.8.8.8/', 'http://172.32.0.1/', 'http://192.169.1.1/', 'file:///etc/passwd', 'not a url', 'ftp://10.0.0.1/']) {
      expect(isPrivateNetworkUrl(u), u).toBe(false);
    }
  });

  it('keeps scripts, frames and forms same-origin while media may come from stream servers', () => {
    const csp = contentSecurityPolicy(['ws://127.0.0.1:1234']);
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/media-src 'self' blob: http: https:/);
    expect(csp).toMatch(/connect-src 'self' data: blob: ws:\/\/127\.0\.0\.1:1234 http: https:/);
    expect(csp).not.toMatch(/script-src[^;]*http:/);
  });
});
