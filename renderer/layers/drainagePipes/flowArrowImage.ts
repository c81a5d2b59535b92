let cached: string | null = null;

/** A flow arrow (white chevron with a dark outline, pointing up) as a data URL, drawn once and shared by every billboard. */
export function flowArrowImage(size = 24): string {
  if (cached) return cached;
  const c = document.createElement('canvas');
  c.width = c.height = size;
  const g = c.getContext('2d');
  if (!g) return (cached = c.toDataURL());
  g.beginPath();
  g.moveTo(size / 2, 2);
  g.lineTo(size - 3, size - 4);
  g.lineTo(size / 2, size * 0.66);
  g.lineTo(3, size - 4);
  g.closePath();
  g.fillStyle = '#ffffff';
  g.strokeStyle = '#05101c';
  g.lineWidth = 2;
  g.fill();
  g.stroke();
  return (cached = c.toDataURL());
}
