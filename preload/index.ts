import { contextBridge, ipcRenderer } from 'electron';
import { bridgeGlobalName, createClient } from './contract';
import { createIpcTransport } from './ipcTransport';

// The only thing the renderer gets: call/subscribe for contract names, validated on both sides.
const client = createClient(createIpcTransport(ipcRenderer));
contextBridge.exposeInMainWorld(bridgeGlobalName, {
  call: client.call,
  subscribe: client.subscribe,
  setSession: client.setSession,
  mode: 'electron',
});
