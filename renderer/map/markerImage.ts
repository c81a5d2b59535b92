export type MarkerShape = 'circle' | 'square' | 'diamond' | 'triangle';

const cache = new Map<string, string>();

/**
 * A crisp map marker drawn once per (shape, colours, glyph, size): a filled shape with a dark outline
 * (legible on imagery and on the dark base) and an optional glyph. Returned as a data URL, which Cesium's
 * texture atlas keys by value — 10,000 billboards with the same marker share one atlas entry (a canvas
 * object would be added once per billboard).
 */
export function markerImage(shape: MarkerShape, fill: string, glyph = '', size = 36, stroke = '#05101c'): string {
  const key = `${shape}|${fill}|${glyph}|${size}|${stroke}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const c = document.createElement('canvas');
  c.width = c.height = size;
  const g = c.getContext('2d')!;
  const r = size / 2 - 2;
  g.beginPath();
  if (shape === 'circle') g.arc(size / 2, size / 2, r, 0, Math.PI * 2);
  else if (shape === 'square') g.rect(2, 2, size - 4, size - 4);
  else if (shape === 'diamond') {
    g.moveTo(size / 2, 1);
    g.lineTo(size - 1, size / 2);
    g.lineTo(size / 2, size - 1);
    g.lineTo(1, size / 2);
    g.closePath();
  } else {
    g.moveTo(size / 2, 1);
    g.lineTo(size - 1, size - 2);
    g.lineTo(1, size - 2);
    g.closePath();
  }
  g.fillStyle = fill;
  g.fill();
  g.lineWidth = Math.max(2, size / 14);
  g.strokeStyle = stroke;
  g.stroke();
  if (glyph) {
    g.fillStyle = '#05101c';
    g.font = `700 ${Math.round(size * (shape === 'triangle' ? 0.42 : 0.55))}px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif`;
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText(glyph, size / 2, shape === 'triangle' ? size * 0.62 : size / 2 + 1);
  }
  const url = c.toDataURL('image/png');
  cache.set(key, url);
  return url;
}
