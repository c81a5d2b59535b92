// One contract suite, run against both transports: the web host for real (HTTP + WebSocket, the renderer's
// own transport) and Electron IPC through an in-process fake ipcMain/ipcRenderer pair (no binary here).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { attachIpc } from '../../main/electron/ipcAdapter';
import { createHostRuntime, type HostRuntime } from '../../main/hostRuntime';
import { startWebHost } from '../../main/web/webHost';
import { createClient, errorCodeOf, methods, RpcError, type Client, type TopicPayload } from '../../preload/contract';
import { createIpcTransport } from '../../preload/ipcTransport';
import { createHttpTransport } from '../../renderer/host/httpTransport';
import { createFakeIpcPair } from '../helpers/fakeIpc';
import { paths, tempDir } from '../helpers/tempStore';

// The renderer's transport uses the browser WebSocket; Node 20 has none built in.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

interface Harness {
  client: Client;
  runtime: HostRuntime;
  close(): Promise<void>;
}

async function webHarness(storePath: string): Promise<Harness> {
  const runtime = createHostRuntime(storePath, 'browser', paths);
  const host = await startWebHost({ dispatch: runtime.dispatch, bus: runtime.bus, rendererDir: join(paths.root, 'renderer'), tiles: runtime.tiles });
  return {
    client: createClient(createHttpTransport(host.origin, host.token)),
    runtime,
    close: async () => {
      await host.close();
      runtime.close();
    },
  };
}

async function ipcHarness(storePath: string): Promise<Harness> {
  const runtime = createHostRuntime(storePath, 'electron', paths);
  const pair = createFakeIpcPair();
  const detach = attachIpc(pair.ipcMain, runtime.dispatch, runtime.bus, () => [pair.webContents]);
  return {
    client: createClient(createIpcTransport(pair.ipcRenderer)),
    runtime,
    close: async () => {
      detach();
      runtime.close();
    },
  };
}

describe.each([
  ['web host (HTTP + WebSocket)', webHarness, 'browser'],
  ['Electron IPC (fake ipc pair)', ipcHarness, 'electron'],
] as const)('contract over %s', (_name, makeHarness, mode) => {
  const t = tempDir();
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(join(t.dir, 'store.gpkg'));
  });
  afterAll(async () => {
    await h.close();
    t.cleanup();
  });

  it('app.info tells the mode, the store and its schema', async () => {
    const info = await h.client.call('app.info', {});
    expect(info).toMatchObject({ name: 'CityOps', mode, storePath: join(t.dir, 'store.gpkg') });
    expect(info.schemaVersion).toBe(info.supportedSchemaVersion);
    expect(methods['app.info'].output.safeParse(info).success).toBe(true);
  });

  it('map.config points at our own tiles and the Maojian home view, nothing online', async () => {
    const cfg = await h.client.call('map.config', {});
    expect(cfg.imagery.every((s) => !s.online && !/^https?:/.test(s.url))).toBe(true);
    expect(cfg.imagery[0]!.url).toBe('tiles/naturalearth/');
    expect(cfg.homeView.extent).toEqual([110.59, 32.39, 110.95, 32.69]);
    // The embedded pack's synthetic DEM, served as heightmap tiles and labelled demo.
    expect(cfg.terrain).toMatchObject({ kind: 'heightmap', url: 'tiles/dem/', demo: true });
    if (cfg.terrain.kind === 'heightmap') {
      expect(cfg.terrain.minHeight).toBeGreaterThan(150);
      expect(cfg.terrain.maxHeight).toBeLessThan(1800);
    }
  });

  it('layers.list has the seeded boundary with its count and the 示意边界 caption', async () => {
    const { layers } = await h.client.call('layers.list', {});
    const b = layers.find((l) => l.id === 'boundary');
    expect(b).toMatchObject({ featureCount: 1, geometryType: 'MULTIPOLYGON', demo: false, caption: { zh: '示意边界', en: 'Indicative boundary' } });
    expect(b!.bbox![0]).toBeCloseTo(110.588, 2);
  });

  it('features.query filters by bbox through the store', async () => {
    const all = await h.client.call('features.query', { layerId: 'boundary', bbox: [110.7, 32.5, 110.8, 32.6], limit: 10 });
    expect(all).toMatchObject({ type: 'FeatureCollection', layerId: 'boundary', total: 1, truncated: false });
    expect(all.features[0]).toMatchObject({ id: '420302', properties: { name: '茅箭区', adcode: '420302' } });
    expect(all.features[0]!.geometry!.type).toBe('MultiPolygon');
    const none = await h.client.call('features.query', { layerId: 'boundary', bbox: [100, 20, 101, 21] });
    expect(none.features).toEqual([]);
  });

  it('bad input is a typed BAD_INPUT error naming the field, and nothing changes', async () => {
    const before = await h.client.call('layers.list', {});
    const err = await h.client.call('features.query', { layerId: 'boundary', limit: -1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcError);
    expect(errorCodeOf(err)).toBe('BAD_INPUT');
    expect((err as Error).message).toMatch(/limit/);
    expect(await h.client.call('layers.list', {})).toEqual(before);
  });

  it('an unknown layer is NOT_FOUND; an unknown method never reaches the host', async () => {
    expect(errorCodeOf(await h.client.call('features.query', { layerId: 'nosuch' }).catch((e: unknown) => e))).toBe('NOT_FOUND');
    expect(errorCodeOf(await (h.client.call as (m: string, i: unknown) => Promise<unknown>)('app.shutdown', {}).catch((e: unknown) => e))).toBe('UNKNOWN_METHOD');
  });

  it('pushes store.changed to subscribers', async () => {
    const got = new Promise<TopicPayload<'store.changed'>>((resolve) => {
      const off = h.client.subscribe('store.changed', (p) => {
        off();
        resolve(p);
      });
    });
    // Give the WebSocket a moment to connect before the host emits.
    await new Promise((r) => setTimeout(r, 300));
    h.runtime.bus.emit('store.changed', { layerIds: ['boundary'], reason: 'contract-test', at: new Date().toISOString() });
    expect(await got).toMatchObject({ layerIds: ['boundary'], reason: 'contract-test' });
  });
});

describe('Electron IPC adapter', () => {
  it('refuses calls from frames that are not the CityOps renderer', async () => {
    const t = tempDir();
    const runtime = createHostRuntime(join(t.dir, 's.gpkg'), 'electron', paths);
    const pair = createFakeIpcPair('https://evil.example/');
    const detach = attachIpc(pair.ipcMain, runtime.dispatch, runtime.bus, () => [pair.webContents]);
    const client = createClient(createIpcTransport(pair.ipcRenderer));
    expect(errorCodeOf(await client.call('app.info', {}).catch((e: unknown) => e))).toBe('UNAUTHORIZED');
    detach();
    runtime.close();
    t.cleanup();
  });
});
