import type { EventSink, IpcInvokeEventLike, IpcMainLike } from '../../main/electron/ipcAdapter';
import type { IpcRendererLike } from '../../preload/ipcTransport';

type Handler = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;
type Listener = (event: unknown, ...args: unknown[]) => void;

/**
 * An in-process stand-in for Electron's ipcMain/ipcRenderer pair. Values cross it through structuredClone,
 * as they cross real IPC, so anything that would not survive the structured-clone algorithm fails here too.
 */
export function createFakeIpcPair(frameUrl = 'app://cityops/index.html') {
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, Set<Listener>>();
  const ipcMain: IpcMainLike = {
    handle: (channel, fn) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, fn);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  const ipcRenderer: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      const h = handlers.get(channel);
      if (!h) throw new Error(`No handler registered for '${channel}'`);
      return structuredClone(await h({ senderFrame: { url: frameUrl } }, ...structuredClone(args)));
    },
    on: (channel, listener) => {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
    },
  };
  const webContents: EventSink = {
    send: (channel, ...args) => {
      const cloned = structuredClone(args);
      queueMicrotask(() => listeners.get(channel)?.forEach((l) => l({}, ...cloned)));
    },
    isDestroyed: () => false,
  };
  return { ipcMain, ipcRenderer, webContents };
}
