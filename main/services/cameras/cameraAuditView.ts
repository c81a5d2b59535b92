import type { CameraAdminRecord, CameraField } from '../../../preload/contract/cameraAdminMethods';

/** Pure: a URL with the password of its user info masked (rtsp://admin:secret@host → rtsp://admin:***@host). */
export function maskUrlCredentials(url: string | null): string | null {
  if (url === null) return null;
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*):[^\s/?#@]*@/i, '$1:***@');
}

/**
 * Pure: what the audit log keeps of a camera: the given fields (all when none given), stream passwords masked — the
 * log is append-only, a secret written there could never be taken out again.
 */
export function cameraAuditView(c: CameraAdminRecord, fields?: readonly CameraField[]): Record<string, unknown> {
  const masked: CameraAdminRecord = { ...c, streamUrl: maskUrlCredentials(c.streamUrl), subStreamUrl: maskUrlCredentials(c.subStreamUrl) };
  if (!fields) return { ...masked };
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = masked[f];
  return out;
}
