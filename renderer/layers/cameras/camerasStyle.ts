import type { Feature } from '../../../preload/contract';
import type { MarkerStyle } from '../../map/markerLayer';

const byStatus: Record<string, string> = { online: '#3ddc84', offline: '#7b8794', fault: '#ff4d4f' };

/** Pure: camera marker coloured by status; offline cameras are grey and smaller, faults red. */
export function cameraStyle(f: Feature): MarkerStyle | null {
  const status = String(f.properties.status ?? 'online');
  return { shape: f.properties.cam_type === 'ptz' || f.properties.cam_type === 'dome' ? 'circle' : 'square', fill: byStatus[status] ?? '#3ddc84', size: status === 'online' ? 18 : 16, maxDistance: 30_000 };
}
