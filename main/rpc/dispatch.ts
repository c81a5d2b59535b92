import { authorize, isMethodName, methods, type MethodName, type MethodOutput, type MethodParsedInput, type RpcErrorBody, type RpcResult } from '../../preload/contract';
import type { Actor } from '../services/auth/actor';
import { callerStore } from './callerContext';

export type Handlers = { [M in MethodName]: (input: MethodParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>> };
/** A dispatch may answer part of the contract (a host's own methods; drill.* are the drill host's): the rest is UNKNOWN_METHOD. */
export type PartialHandlers = Partial<Handlers>;
/** Per call: the session token the adapter got from the calling window (null = not signed in). */
export interface CallContext {
  session: string | null;
}
export type Dispatch = (method: unknown, input: unknown, context?: CallContext) => Promise<RpcResult<unknown>>;

/** Roles: who the session is, and where refusals are recorded. Without it every call runs unchecked (unit tests). */
export interface AccessControl {
  actorOf(session: string | null): Actor | null;
  /** Records a refused call of a signed-in user (the audit log). */
  refused(actor: Actor, method: string, reason: string): void;
  /** After a successful call: records state changes that their service does not audit itself. */
  succeeded?(actor: Actor | null, method: MethodName, input: unknown): void;
}

const knownCodes = new Set(['BAD_INPUT', 'NOT_FOUND', 'STORE_REFUSED', 'UNAUTHORIZED', 'TOO_LARGE']);
// Errors that name the user's own input (file, row, field) may be shown as they are.

/** Maps a thrown error to a typed error body. Unknown errors never show their message or stack. */
export function toErrorBody(err: unknown, method: string): RpcErrorBody {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && knownCodes.has(code)) return { code: code as RpcErrorBody['code'], message: (err as Error).message };
  return { code: 'INTERNAL', message: `${method}: internal error (see the host log)` };
}

/**
 * The one entry point for every call from every window: validates the method name, checks the caller's role against
 * the contract's permission table, validates the input and the output against the contract, runs the handler (with the
 * caller in callerStore), and turns failures into typed error results.
 */
export function createDispatch(handlers: PartialHandlers, log: (msg: string, err?: unknown) => void = console.error, access?: AccessControl): Dispatch {
  return async (method, rawInput, context) => {
    if (!isMethodName(method) || !handlers[method]) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `unknown method ${JSON.stringify(String(method).slice(0, 80))}` } };
    }
    const session = context?.session ?? null;
    let actor: Actor | null = null;
    if (access) {
      actor = access.actorOf(session);
      const reason = authorize(method, actor?.role ?? null);
      if (reason) {
        if (actor) access.refused(actor, method, reason);
        return { ok: false, error: { code: 'UNAUTHORIZED', message: reason } };
      }
    }
    const spec = methods[method];
    const input = spec.input.safeParse(rawInput ?? {});
    if (!input.success) {
      const details = input.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`);
      return { ok: false, error: { code: 'BAD_INPUT', message: `${method}: ${details.join('; ')}`, details } };
    }
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      const value = await callerStore.run({ session, actor }, () => handler(input.data));
      const out = spec.output.safeParse(value);
      if (!out.success) {
        log(`[rpc] ${method} answered outside the contract: ${out.error.message}`);
        return { ok: false, error: { code: 'INTERNAL', message: `${method}: internal error (see the host log)` } };
      }
      try {
        access?.succeeded?.(actor, method, input.data);
      } catch (err) {
        log(`[rpc] ${method}: audit record failed`, err);
      }
      return { ok: true, value: out.data };
    } catch (err) {
      const body = toErrorBody(err, method);
      if (body.code === 'INTERNAL') log(`[rpc] ${method} failed`, err);
      return { ok: false, error: body };
    }
  };
}
