import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { RpcErrorBody } from '../../preload/contract';
import { contentSecurityPolicy, securityHeaders } from '../hostSecurity';
import type { Dispatch } from '../rpc/dispatch';
import type { EventBus } from '../rpc/eventBus';
import type { TileService } from '../sources/tiles/tileService';
import { contentTypeOf, resolveStaticFile } from '../staticFiles';

export interface WebHostOptions {
  dispatch: Dispatch;
  bus: EventBus;
  /** The built renderer. */
  rendererDir: string;
  /** Tile sources served below /tiles/<id>/ (token required). */
  tiles: TileService;
  /** 0 or undefined: a random free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Defaults to a fresh random token per run. */
  token?: string;
  maxBodyBytes?: number;
  log?: (msg: string) => void;
}

export interface WebHost {
  origin: string;
  /** The URL to open: origin plus the token, which the renderer moves out of the address bar. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function sameToken(a: string | null | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The Node HTTP + WebSocket adapter over dispatch: browser mode and the e2e tests. */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const maxBody = opts.maxBodyBytes ?? 1024 * 1024;
  const log = opts.log ?? (() => {});
  let port = 0;
  const allowedHosts = () => new Set([`${host}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`]);

  const sendJson = (res: ServerResponse, status: number, body: unknown) => {
    const data = JSON.stringify(body);
    res.writeHead(status, { ...securityHeaders, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(data) });
    res.end(data);
  };
  const sendError = (res: ServerResponse, status: number, error: RpcErrorBody) => sendJson(res, status, { ok: false, error });

  const tokenOf = (req: IncomingMessage, url: URL) => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return auth.slice(7);
    return url.searchParams.get('token');
  };

  const serveFile = (res: ServerResponse, file: string, extraHeaders: Record<string, string> = {}) => {
    const headers: Record<string, string> = { ...securityHeaders, 'Content-Type': contentTypeOf(file), ...extraHeaders };
    if (file.endsWith('.html')) {
      headers['Content-Security-Policy'] = contentSecurityPolicy([`ws://${host}:${port}`]);
      headers['Cache-Control'] = 'no-store';
    }
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  };

  const handleRpc = (req: IncomingMessage, res: ServerResponse) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody) {
      sendError(res, 413, { code: 'TOO_LARGE', message: `request body of ${declared} bytes exceeds the limit of ${maxBody} bytes` });
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let aborted = false;
    req.on('data', (chunk: Buffer) => {
      if (aborted) return;
      size += chunk.length;
      if (size > maxBody) {
        aborted = true;
        sendError(res, 413, { code: 'TOO_LARGE', message: `request body exceeds the limit of ${maxBody} bytes` });
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (aborted) return;
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (err) {
        sendError(res, 400, { code: 'BAD_INPUT', message: `request body is not JSON (${(err as Error).message})` });
        return;
      }
      if (typeof body !== 'object' || body === null || typeof (body as { method?: unknown }).method !== 'string') {
        sendError(res, 400, { code: 'BAD_INPUT', message: 'request body must be {"method": string, "input": object}' });
        return;
      }
      const { method, input } = body as { method: string; input?: unknown };
      const session = req.headers['x-cityops-session'];
      opts
        .dispatch(method, input, { session: typeof session === 'string' && session.length > 0 && session.length <= 200 ? session : null })
        .then((result) => sendJson(res, 200, result))
        .catch(() => sendError(res, 500, { code: 'INTERNAL', message: 'internal error (see the host log)' }));
    });
  };

  const server = createServer((req, res) => {
    try {
      if (!allowedHosts().has(req.headers.host ?? '')) {
        sendError(res, 421, { code: 'UNAUTHORIZED', message: `unexpected Host header '${req.headers.host ?? ''}'` });
        return;
      }
      const url = new URL(req.url ?? '/', `http://${host}:${port}`);
      if (url.pathname === '/rpc') {
        if (req.method !== 'POST') return sendError(res, 405, { code: 'BAD_INPUT', message: '/rpc takes POST' });
        if (!sameToken(tokenOf(req, url), token)) return sendError(res, 401, { code: 'UNAUTHORIZED', message: 'missing or wrong token' });
        return handleRpc(req, res);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, { code: 'BAD_INPUT', message: `${req.method} is not allowed here` });
      const tile = /^\/tiles\/([a-z0-9_-]+)\/(.*)$/.exec(url.pathname);
      if (tile) {
        if (!sameToken(tokenOf(req, url), token)) return sendError(res, 401, { code: 'UNAUTHORIZED', message: 'missing or wrong token' });
        const answer = opts.tiles.resolve(tile[1]!, tile[2]!);
        if (!answer) return sendError(res, 404, { code: 'NOT_FOUND', message: `no tile ${url.pathname}` });
        if ('file' in answer) return serveFile(res, answer.file, { 'Cache-Control': 'private, max-age=3600' });
        res.writeHead(200, {
          ...securityHeaders,
          'Content-Type': answer.contentType,
          'Content-Length': answer.data.length,
          'Cache-Control': 'private, max-age=3600',
          ...(answer.encoding === 'gzip' ? { 'Content-Encoding': 'gzip' } : {}),
        });
        return res.end(answer.data);
      }
      const file = resolveStaticFile(opts.rendererDir, url.pathname);
      if (!file) return sendError(res, 404, { code: 'NOT_FOUND', message: `not found: ${url.pathname}` });
      serveFile(res, file, file.includes(`${'/assets/'}`) ? { 'Cache-Control': 'public, max-age=31536000, immutable' } : {});
    } catch (err) {
      log(`[web] request failed: ${(err as Error).message}`);
      if (!res.headersSent) sendError(res, 500, { code: 'INTERNAL', message: 'internal error (see the host log)' });
      else res.destroy();
    }
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const sockets = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${host}:${port}`);
    const origin = req.headers.origin;
    const okOrigin = !origin || allowedHosts().has(origin.replace(/^http:\/\//, ''));
    if (url.pathname !== '/events' || !allowedHosts().has(req.headers.host ?? '') || !okOrigin || !sameToken(url.searchParams.get('token'), token)) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => sockets.delete(ws));
      ws.on('message', () => {
        /* the client has nothing to say on this channel */
      });
    });
  });
  const unlisten = opts.bus.listen((topic, payload) => {
    const msg = JSON.stringify({ topic, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(msg);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${host}:${port}`;
  return {
    origin,
    url: `${origin}/?token=${encodeURIComponent(token)}`,
    port,
    token,
    close: async () => {
      unlisten();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
