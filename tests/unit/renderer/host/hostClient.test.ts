import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectHost, MissingTokenError } from '../../../../renderer/host/hostClient';

afterEach(() => {
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/');
  delete (window as unknown as Record<string, unknown>).cityops;
});

describe('connectHost', () => {
  it('browser mode: takes the token out of the address bar into session storage', () => {
    window.history.replaceState(null, '', '/?token=abc123&x=1');
    const host = connectHost();
    expect(host.mode).toBe('browser');
    expect(window.location.search).toBe('?x=1');
    expect(window.sessionStorage.getItem('cityops.token')).toBe('abc123');
    expect(host.resource('tiles/naturalearth/')).toEqual({ url: `${window.location.origin}/tiles/naturalearth/`, queryParameters: { token: 'abc123' } });
    // A reload without the token in the URL keeps working.
    expect(connectHost().mode).toBe('browser');
  });

  it('browser mode without a token is a clear error', () => {
    expect(() => connectHost()).toThrow(MissingTokenError);
  });

  it('Electron: uses the preload bridge and needs no token', async () => {
    const call = vi.fn(async () => ({ ok: true }));
    (window as unknown as Record<string, unknown>).cityops = { call, subscribe: vi.fn(), mode: 'electron' };
    const host = connectHost();
    expect(host.mode).toBe('electron');
    expect(host.resource('tiles/x/').queryParameters).toEqual({});
    await host.client.call('app.info', {});
    expect(call).toHaveBeenCalledWith('app.info', {});
  });
});
