/**
 * A refusal of the command-center services. The code is one dispatch shows as is (the message names the caller's own
 * input: the field, the id, the transition), so handlers need not translate it.
 */
export class CommandError extends Error {
  override name = 'CommandError';
  constructor(
    readonly code: 'BAD_INPUT' | 'NOT_FOUND' | 'UNAUTHORIZED',
    message: string,
  ) {
    super(message);
  }
}
