import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { contentSecurityPolicy, securityHeaders } from '../hostSecurity';
import type { TileService } from '../sources/tiles/tileService';
import { contentTypeOf, resolveStaticFile } from '../staticFiles';

export const appOrigin = 'app://cityops';

/**
 * Serves app://cityops/… : the renderer, Cesium's assets and /tiles/<id>/… . Pure over Request/Response,
 * so it is registered with protocol.handle in Electron and unit-tested without it.
 */
export function createAppProtocolHandler(rendererDir: string, tiles: TileService) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.host !== 'cityops') return new Response('not found', { status: 404 });
    const tile = /^\/tiles\/([a-z0-9_-]+)\/(.*)$/.exec(url.pathname);
    if (tile) {
      const answer = tiles.resolve(tile[1]!, tile[2]!);
      if (!answer) return new Response('not found', { status: 404 });
      const data = 'file' in answer ? await readFile(answer.file) : 'encoding' in answer && answer.encoding === 'gzip' ? gunzipSync(answer.data) : answer.data;
      return new Response(new Uint8Array(data), { status: 200, headers: { ...securityHeaders, 'Content-Type': answer.contentType } });
    }
    const file = resolveStaticFile(rendererDir, url.pathname);
    if (!file) return new Response('not found', { status: 404 });
    const headers: Record<string, string> = { ...securityHeaders, 'Content-Type': contentTypeOf(file) };
    if (file.endsWith('.html')) headers['Content-Security-Policy'] = contentSecurityPolicy();
    return new Response(new Uint8Array(await readFile(file)), { status: 200, headers });
  };
}
