import { ipcChannels, type RpcResult } from '../../preload/contract';
import type { Dispatch } from '../rpc/dispatch';
import type { EventBus } from '../rpc/eventBus';

/** The parts of Electron's ipcMain and IpcMainInvokeEvent the adapter uses (so tests can fake them). */
export interface IpcInvokeEventLike {
  senderFrame?: { url: string } | null;
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}
export interface EventSink {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** Only our own renderer, loaded from app://cityops/, may call. */
export function isTrustedFrameUrl(url: string | undefined): boolean {
  return typeof url === 'string' && url.startsWith('app://cityops/');
}

/** The Electron IPC adapter over dispatch: calls in, topics out to every window. */
export function attachIpc(
  ipcMain: IpcMainLike,
  dispatch: Dispatch,
  bus: EventBus,
  sinks: () => EventSink[],
  isTrusted: (event: IpcInvokeEventLike) => boolean = (e) => isTrustedFrameUrl(e.senderFrame?.url),
): () => void {
  ipcMain.handle(ipcChannels.call, async (event, method, input, session): Promise<RpcResult<unknown>> => {
    if (!isTrusted(event)) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'calls are accepted only from the CityOps renderer' } };
    return dispatch(method, input, { session: typeof session === 'string' && session.length > 0 && session.length <= 200 ? session : null });
  });
  const unlisten = bus.listen((topic, payload) => {
    for (const sink of sinks()) if (!sink.isDestroyed()) sink.send(ipcChannels.event, topic, payload);
  });
  return () => {
    unlisten();
    ipcMain.removeHandler(ipcChannels.call);
  };
}
