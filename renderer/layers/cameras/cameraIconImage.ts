import type { CameraIconSpec } from './camerasStyle';

const cache = new Map<string, string>();
const INK = '#05101c';

/**
 * A camera icon drawn once per spec as a data URL (Cesium's texture atlas keys images by value, so 10,000
 * billboards share a handful of atlas entries): bullet = camera body with a lens, dome = disc with a lens bubble,
 * PTZ = disc with pan arrows; the type glyph inside; a white cross over faults; offline dimmed.
 */
export function cameraIconImage(s: CameraIconSpec): string {
  const key = `cam|${s.shape}|${s.fill}|${s.glyph}|${s.crossed}|${s.dimmed}|${s.size}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const size = s.size;
  const c = document.createElement('canvas');
  c.width = c.height = size;
  const g = c.getContext('2d')!;
  g.globalAlpha = s.dimmed ? 0.8 : 1;
  g.lineWidth = Math.max(2, size / 14);
  g.strokeStyle = INK;
  g.fillStyle = s.fill;
  const m = size / 2;
  g.beginPath();
  if (s.shape === 'bullet') {
    // Body and lens hood: a long box pointing right.
    g.rect(2, size * 0.22, size * 0.72, size * 0.56);
    g.moveTo(size * 0.74, size * 0.32);
    g.lineTo(size - 2, size * 0.2);
    g.lineTo(size - 2, size * 0.8);
    g.lineTo(size * 0.74, size * 0.68);
    g.closePath();
  } else {
    g.arc(m, m, m - 2, 0, Math.PI * 2);
  }
  g.fill();
  g.stroke();
  if (s.shape === 'ptz') {
    // Pan arrows at left and right.
    g.fillStyle = INK;
    for (const dir of [-1, 1]) {
      g.beginPath();
      g.moveTo(m + dir * (m - 1), m);
      g.lineTo(m + dir * (m - size * 0.2), m - size * 0.14);
      g.lineTo(m + dir * (m - size * 0.2), m + size * 0.14);
      g.closePath();
      g.fill();
    }
  }
  g.fillStyle = INK;
  g.font = `700 ${Math.round(size * 0.5)}px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif`;
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText(s.glyph, s.shape === 'bullet' ? size * 0.38 : m, m + 1);
  if (s.crossed) {
    g.globalAlpha = 1;
    g.lineCap = 'round';
    for (const [w, colour] of [[size / 5, INK], [size / 9, '#ffffff']] as const) {
      g.lineWidth = w;
      g.strokeStyle = colour;
      g.beginPath();
      g.moveTo(size * 0.18, size * 0.18);
      g.lineTo(size * 0.82, size * 0.82);
      g.moveTo(size * 0.82, size * 0.18);
      g.lineTo(size * 0.18, size * 0.82);
      g.stroke();
    }
  }
  const url = c.toDataURL('image/png');
  cache.set(key, url);
  return url;
}

/** A cluster marker: a cyan disc with the count (red ring when a member is in fault), sized by digits. */
export function clusterIconImage(label: string, fault: boolean): string {
  const key = `cluster|${label}|${fault}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const size = label.length <= 2 ? 40 : label.length === 3 ? 48 : 56;
  const c = document.createElement('canvas');
  c.width = c.height = size;
  const g = c.getContext('2d')!;
  const m = size / 2;
  g.beginPath();
  g.arc(m, m, m - 2, 0, Math.PI * 2);
  g.fillStyle = 'rgba(53, 224, 255, 0.35)';
  g.fill();
  g.beginPath();
  g.arc(m, m, m - 7, 0, Math.PI * 2);
  g.fillStyle = '#35e0ff';
  g.fill();
  g.lineWidth = 4;
  g.strokeStyle = fault ? '#ff4d4f' : INK;
  g.stroke();
  g.fillStyle = INK;
  g.font = `800 ${Math.round(size * (label.length <= 2 ? 0.42 : 0.32))}px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif`;
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText(label, m, m + 1);
  const url = c.toDataURL('image/png');
  cache.set(key, url);
  return url;
}
