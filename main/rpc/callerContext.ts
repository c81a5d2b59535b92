import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '../services/auth/actor';

/** The call being handled: its session token (from the window that called) and the signed-in user, if any. */
export interface CallerContext {
  session: string | null;
  actor: Actor | null;
}

/** Set by dispatch around every handler, so handlers and services can ask who is calling without threading it through. */
export const callerStore = new AsyncLocalStorage<CallerContext>();

export const currentCaller = (): CallerContext | undefined => callerStore.getStore();
