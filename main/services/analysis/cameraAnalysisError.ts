/**
 * A camera analysis failure that names the caller's own input (point, camera id, field). `code` is one the rpc
 * dispatcher shows as is (BAD_INPUT, NOT_FOUND); nothing was changed when it is thrown.
 */
export class CameraAnalysisError extends Error {
  override name = 'CameraAnalysisError';
  constructor(
    readonly code: 'BAD_INPUT' | 'NOT_FOUND',
    message: string,
  ) {
    super(message);
  }
}
