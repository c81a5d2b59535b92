// 'drainage.defectMedia' over both transports (web host HTTP and Electron IPC through the fake pair), anonymously like
// the wall: the photo of an imported defect arrives as a data URL; a client-given path is refused before the host.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachIpc } from '../../main/electron/ipcAdapter';
import { createHostRuntime, type HostRuntime } from '../../main/hostRuntime';
import { startWebHost } from '../../main/web/webHost';
import { createClient, errorCodeOf, type Client } from '../../preload/contract';
import { createIpcTransport } from '../../preload/ipcTransport';
import { createHttpTransport } from '../../renderer/host/httpTransport';
import { createFakeIpcPair } from '../helpers/fakeIpc';
import { paths, tempDir } from '../helpers/tempStore';

async function web(runtime: HostRuntime): Promise<{ client: Client; close(): Promise<void> }> {
  const host = await startWebHost({ dispatch: runtime.dispatch, bus: runtime.bus, rendererDir: join(paths.root, 'renderer'), tiles: runtime.tiles });
  return { client: createClient(createHttpTransport(host.origin, host.token)), close: () => host.close() };
}
async function ipc(runtime: HostRuntime): Promise<{ client: Client; close(): Promise<void> }> {
  const pair = createFakeIpcPair();
  const detach = attachIpc(pair.ipcMain, runtime.dispatch, runtime.bus, () => [pair.webContents]);
  return { client: createClient(createIpcTransport(pair.ipcRenderer)), close: async () => detach() };
}

const t = tempDir('cityops-defect-media-');
let runtime: HostRuntime;
const png = (() => {
  const p = new PNG({ width: 4, height: 4 });
  p.data.fill(200);
  return PNG.sync.write(p);
})();
let photoId = 0;
let videoId = 0;

beforeAll(async () => {
  runtime = createHostRuntime(join(t.dir, 'store.gpkg'), 'browser', paths);
  const pipe = runtime.ctx.store.db.prepare(`SELECT external_id FROM drainage_pipes WHERE length_m > 20 ORDER BY external_id LIMIT 1`).get() as { external_id: string };
  mkdirSync(join(t.dir, 'cctv', 'photos'), { recursive: true });
  writeFileSync(join(t.dir, 'cctv', 'photos', 'p1.png'), png);
  writeFileSync(join(t.dir, 'cctv', 'cctv.csv'), `pipe_id,distance_m,code,grade,media\n${pipe.external_id},2,PL,3,photos/p1.png\n${pipe.external_id},5,CJ,2,video/run1.mp4#t=40\n`);
  runtime.ctx.drainage.importDefects(join(t.dir, 'cctv', 'cctv.csv'));
  const ids = runtime.ctx.store.db.prepare(`SELECT id FROM drainage_defects ORDER BY distance_m`).all() as { id: number }[];
  [photoId, videoId] = [ids[0]!.id, ids[1]!.id];
});
afterAll(async () => {
  await runtime.close();
  t.cleanup();
});

describe.each([
  ['web host (HTTP)', web],
  ['Electron IPC (fake ipc pair)', ipc],
] as const)("'drainage.defectMedia' over %s", (_name, make) => {
  it('answers the photo as a data URL and a video frame with its reason, without signing in', async () => {
    const h = await make(runtime);
    try {
      const photo = await h.client.call('drainage.defectMedia', { defectId: photoId });
      expect(photo).toEqual({ defectId: photoId, mime: 'image/png', dataUrl: `data:image/png;base64,${png.toString('base64')}`, bytes: png.length, reason: null, message: null });
      const video = await h.client.call('drainage.defectMedia', { defectId: videoId });
      expect(video).toMatchObject({ reason: 'video_frame', dataUrl: null, message: { en: 'video frame path — open in a player: video/run1.mp4#t=40' } });
      expect(errorCodeOf(await h.client.call('drainage.defectMedia', { defectId: 987654 }).catch((e: unknown) => e))).toBe('NOT_FOUND');
      const withPath = await (h.client.call as (m: string, i: unknown) => Promise<unknown>)('drainage.defectMedia', { defectId: photoId, path: '/etc/passwd' }).catch((e: unknown) => e);
      expect(errorCodeOf(withPath)).toBe('BAD_INPUT');
    } finally {
      await h.close();
    }
  });
});
