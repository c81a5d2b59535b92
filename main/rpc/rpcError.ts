/** An error a handler throws to answer with a typed code; its message names the caller's own input and is shown as is. */
export class RpcError extends Error {
  constructor(
    readonly code: 'BAD_INPUT' | 'NOT_FOUND' | 'UNAUTHORIZED',
    message: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}
