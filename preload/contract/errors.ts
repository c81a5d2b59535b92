import { z } from 'zod';

/** Every failure that may cross the border has one of these codes; never a stack trace. */
export const errorCodes = [
  'UNKNOWN_METHOD',
  'BAD_INPUT',
  'UNAUTHORIZED',
  'TOO_LARGE',
  'NOT_FOUND',
  'STORE_REFUSED',
  'INTERNAL',
  'TRANSPORT',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const rpcErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  /** Field paths or other machine-readable detail; never internals. */
  details: z.array(z.string()).optional(),
});
export type RpcErrorBody = z.infer<typeof rpcErrorSchema>;

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: RpcErrorBody };

export const rpcResultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: rpcErrorSchema }),
]);

/** Thrown by the client. The code is also the message prefix so it survives contextBridge. */
export class RpcError extends Error {
  readonly code: ErrorCode;
  readonly details: string[] | undefined;
  constructor(body: RpcErrorBody) {
    super(`${body.code}: ${body.message}`);
    this.name = 'RpcError';
    this.code = body.code;
    this.details = body.details;
  }
}

/** Recover the code from an error that crossed contextBridge as a plain Error. */
export function errorCodeOf(err: unknown): ErrorCode | undefined {
  if (err instanceof RpcError) return err.code;
  const message = err instanceof Error ? err.message : String(err);
  const match = /^([A-Z_]+): /.exec(message);
  const code = match?.[1] as ErrorCode | undefined;
  return code && (errorCodes as readonly string[]).includes(code) ? code : undefined;
}
