import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createHostRuntime, type HostRuntime } from '../../../../main/hostRuntime';
import { startWebHost, type WebHost } from '../../../../main/web/webHost';
import { paths, tempDir } from '../../../helpers/tempStore';

const t = tempDir();
let runtime: HostRuntime;
let host: WebHost;

beforeAll(async () => {
  runtime = createHostRuntime(join(t.dir, 's.gpkg'), 'browser', paths);
  host = await startWebHost({ dispatch: runtime.dispatch, bus: runtime.bus, rendererDir: join(paths.root, 'renderer'), tiles: runtime.tiles, maxBodyBytes: 4096 });
});
afterAll(async () => {
  await host.close();
  runtime.close();
  t.cleanup();
});

const rpc = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${host.origin}/rpc`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, ...headers }, body });

function rawGet(path: string, hostHeader: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers: { Host: hostHeader } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web host', () => {
  it('listens on 127.0.0.1 on a random port with a fresh long token', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.port).toBeGreaterThan(0);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
    expect(host.url).toBe(`${host.origin}/?token=${host.token}`);
  });

  it('answers /rpc with the token', async () => {
    const res = await rpc(JSON.stringify({ method: 'app.info', input: {} }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, value: { mode: 'browser', name: 'CityOps' } });
  });

  it('refuses a missing or wrong token with a typed error', async () => {
    for (const auth of ['', 'Bearer nope', `Bearer ${host.token}x`]) {
      const res = await rpc(JSON.stringify({ method: 'app.info', input: {} }), { Authorization: auth });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: 'missing or wrong token' } });
    }
  });

  it('refuses an oversized body with TOO_LARGE and keeps serving', async () => {
    const res = await rpc(JSON.stringify({ method: 'app.info', input: { pad: 'x'.repeat(10_000) } }));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    expect((await rpc(JSON.stringify({ method: 'layers.list', input: {} }))).status).toBe(200);
  });

  it('refuses malformed JSON and malformed envelopes with BAD_INPUT', async () => {
    const a = await rpc('{"method": ');
    expect(a.status).toBe(400);
    expect(await a.json()).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const b = await rpc('[1,2,3]');
    expect(await b.json()).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const c = await rpc(JSON.stringify({ method: 'nope.nope' }));
    expect(await c.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect(await rawGet('/', 'evil.example:80')).toBe(421);
    expect(await rawGet('/', `127.0.0.1:${host.port}`)).toBe(200);
  });

  it('serves the renderer with a strict CSP and never outside its folder', async () => {
    const res = await fetch(`${host.origin}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/ 'unsafe-eval'/);
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    for (const p of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/.git/config', '/%00']) {
      expect((await fetch(`${host.origin}${p}`)).status, p).toBe(404);
    }
  });

  it('serves tiles only with the token and with the right content type', async () => {
    expect((await fetch(`${host.origin}/tiles/naturalearth/0/0/0.jpg`)).status).toBe(401);
    const ok = await fetch(`${host.origin}/tiles/naturalearth/0/0/0.jpg?token=${host.token}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/jpeg');
    expect((await fetch(`${host.origin}/tiles/naturalearth/9/9/9.jpg?token=${host.token}`)).status).toBe(404);
    expect((await fetch(`${host.origin}/tiles/other/0/0/0.jpg?token=${host.token}`)).status).toBe(404);
  });

  it('pushes topics on /events only to token holders', async () => {
    const denied = new WebSocket(`ws://127.0.0.1:${host.port}/events`);
    const code = await new Promise<string>((resolve) => {
      denied.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      denied.on('error', () => resolve('error'));
    });
    expect(code).toBe('401');
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/events?token=${host.token}`);
    await new Promise((resolve) => ws.on('open', resolve));
    const got = new Promise<unknown>((resolve) => ws.on('message', (m) => resolve(JSON.parse(String(m)))));
    runtime.bus.emit('store.changed', { layerIds: ['boundary'], reason: 'test', at: '2026-11-28T00:00:00Z' });
    expect(await got).toEqual({ topic: 'store.changed', payload: { layerIds: ['boundary'], reason: 'test', at: '2026-11-28T00:00:00Z' } });
    ws.close();
  });
});
