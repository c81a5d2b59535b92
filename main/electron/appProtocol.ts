import { readFile } from 'node:fs/promises';
import { contentSecurityPolicy, securityHeaders } from '../hostSecurity';
import { contentTypeOf, resolveStaticFile } from '../staticFiles';

export const appOrigin = 'app://cityops';

/**
 * Serves app://cityops/… : the renderer, Cesium's assets and /tiles/<id>/… . Pure over Request/Response,
 * so it is registered with protocol.handle in Electron and unit-tested without it.
 */
export function createAppProtocolHandler(rendererDir: string, tileDirs: Record<string, string>) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.host !== 'cityops') return new Response('not found', { status: 404 });
    const tile = /^\/tiles\/([a-z0-9_-]+)\/(.*)$/.exec(url.pathname);
    const dir = tile ? tileDirs[tile[1]!] : rendererDir;
    const file = dir ? resolveStaticFile(dir, tile ? tile[2]! : url.pathname) : null;
    if (!file) return new Response('not found', { status: 404 });
    const headers: Record<string, string> = { ...securityHeaders, 'Content-Type': contentTypeOf(file) };
    if (file.endsWith('.html')) headers['Content-Security-Policy'] = contentSecurityPolicy();
    return new Response(new Uint8Array(await readFile(file)), { status: 200, headers });
  };
}
