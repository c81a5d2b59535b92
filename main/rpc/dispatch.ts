import { isMethodName, methods, type MethodName, type MethodOutput, type MethodParsedInput, type RpcErrorBody, type RpcResult } from '../../preload/contract';

export type Handlers = { [M in MethodName]: (input: MethodParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>> };
export type Dispatch = (method: unknown, input: unknown) => Promise<RpcResult<unknown>>;

const knownCodes = new Set(['BAD_INPUT', 'NOT_FOUND', 'STORE_REFUSED', 'UNAUTHORIZED', 'TOO_LARGE']);
// Errors that name the user's own input (file, row, field) may be shown as they are.

/** Maps a thrown error to a typed error body. Unknown errors never show their message or stack. */
export function toErrorBody(err: unknown, method: string): RpcErrorBody {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && knownCodes.has(code)) return { code: code as RpcErrorBody['code'], message: (err as Error).message };
  return { code: 'INTERNAL', message: `${method}: internal error (see the host log)` };
}

/**
 * The one entry point for every call from every window: validates the method name, the input and the
 * output against the contract, runs the handler, and turns failures into typed error results.
 */
export function createDispatch(handlers: Handlers, log: (msg: string, err?: unknown) => void = console.error): Dispatch {
  return async (method, rawInput) => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `unknown method ${JSON.stringify(String(method).slice(0, 80))}` } };
    }
    const spec = methods[method];
    const input = spec.input.safeParse(rawInput ?? {});
    if (!input.success) {
      const details = input.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`);
      return { ok: false, error: { code: 'BAD_INPUT', message: `${method}: ${details.join('; ')}`, details } };
    }
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      const value = await handler(input.data);
      const out = spec.output.safeParse(value);
      if (!out.success) {
        log(`[rpc] ${method} answered outside the contract: ${out.error.message}`);
        return { ok: false, error: { code: 'INTERNAL', message: `${method}: internal error (see the host log)` } };
      }
      return { ok: true, value: out.data };
    } catch (err) {
      const body = toErrorBody(err, method);
      if (body.code === 'INTERNAL') log(`[rpc] ${method} failed`, err);
      return { ok: false, error: body };
    }
  };
}
