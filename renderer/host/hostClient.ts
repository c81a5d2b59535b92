import { bridgeGlobalName, createClient, type Client } from '../../preload/contract';
import { createHttpTransport } from './httpTransport';

export interface HostConnection {
  client: Client;
  mode: 'electron' | 'browser';
  /** Absolute URL and query parameters for a host-relative resource (tiles, media). */
  resource(path: string): { url: string; queryParameters: Record<string, string> };
}

export class MissingTokenError extends Error {}

const tokenKey = 'cityops.token';

/** The only code that reaches the host: the preload's bridge in Electron, HTTP/WS in browser mode. */
export function connectHost(win: Window = window): HostConnection {
  const bridge = (win as unknown as Record<string, unknown>)[bridgeGlobalName] as (Client & { mode?: string }) | undefined;
  if (bridge) {
    return {
      client: { call: bridge.call, subscribe: bridge.subscribe, setSession: bridge.setSession },
      mode: 'electron',
      resource: (path) => ({ url: new URL(path, win.document.baseURI).href, queryParameters: {} }),
    };
  }
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    win.sessionStorage.setItem(tokenKey, fromUrl);
    url.searchParams.delete('token');
    win.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  const token = fromUrl ?? win.sessionStorage.getItem(tokenKey);
  if (!token) throw new MissingTokenError('no access token');
  const origin = win.location.origin;
  return {
    client: createClient(createHttpTransport(origin, token)),
    mode: 'browser',
    resource: (path) => ({ url: new URL(path, `${origin}/`).href, queryParameters: { token } }),
  };
}
