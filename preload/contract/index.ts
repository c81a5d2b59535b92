export * from './errors';
export * from './geo';
export * from './methods';
export * from './monitoringMethods';
export * from './drainageMethods';
export * from './cameraMethods';
export * from './cameraAdminMethods';
export * from './commandMethods';
export * from './methodRoles';
export * from './linkageMethods';
export * from './dashboardMethods';
export * from './drillMethods';
export * from './drillScenario';
export * from './topics';
export * from './client';

/** The name of the global the preload exposes in Electron. */
export const bridgeGlobalName = 'cityops';
/** IPC channels used by the Electron adapter and the preload. */
export const ipcChannels = { call: 'cityops:call', event: 'cityops:event', subscribe: 'cityops:subscribe' } as const;

// No runtime code generation: the renderer's CSP forbids eval, and validation must not depend on it.
import { z } from 'zod';
z.config({ jitless: true });
