import { ipcChannels, type RpcResult, type Transport } from './contract';

/** The parts of Electron's ipcRenderer the transport uses (so tests can fake them). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** A contract transport over Electron IPC. One IPC listener fans topics out to subscribers. */
export function createIpcTransport(ipc: IpcRendererLike): Transport {
  const handlers = new Map<string, Set<(payload: unknown) => void>>();
  ipc.on(ipcChannels.event, (_event, topic, payload) => {
    if (typeof topic !== 'string') return;
    for (const h of handlers.get(topic) ?? []) h(payload);
  });
  let session: string | null = null;
  return {
    call: (method, input) => ipc.invoke(ipcChannels.call, method, input, session) as Promise<RpcResult<unknown>>,
    setSession: (token) => {
      session = token;
    },
    subscribe(topic, handler) {
      let set = handlers.get(topic);
      if (!set) handlers.set(topic, (set = new Set()));
      set.add(handler);
      return () => set.delete(handler);
    },
  };
}
