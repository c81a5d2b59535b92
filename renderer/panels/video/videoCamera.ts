import type { Feature } from '../../../preload/contract';
import type { WallCamera } from './wallLayout';

/** What the video panel shows about a camera (the cameras layer's columns). */
export interface VideoCamera {
  /** external_id, else the feature id. */
  id: string;
  name: string;
  /** bullet | dome | ptz, or whatever the source said. */
  camType: string | null;
  /** online | offline | fault, or whatever the source said. */
  status: string | null;
  department: string | null;
  url: string | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);

/** Pure: a cameras-layer feature as a video camera. */
export function videoCameraFromFeature(f: Feature): VideoCamera {
  const p = f.properties;
  const id = text(p.external_id) ?? String(f.id);
  return { id, name: text(p.name) ?? id, camType: text(p.cam_type), status: text(p.status), department: text(p.department), url: text(p.stream_url) };
}

/** Pure: the wall's view of a camera (null when it has no stream URL). */
export function wallCameraOf(c: VideoCamera): WallCamera | null {
  return c.url ? { id: c.id, name: c.name, url: c.url } : null;
}
