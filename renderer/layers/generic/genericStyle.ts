/** Pure: imported layers get a distinct colour from their id, so several imports stay apart on the map. */
const palette = ['#f4d35e', '#ee964b', '#7bdff2', '#b2f7ef', '#f7aef8', '#9bf6ff', '#caffbf', '#ffc6ff'];

export function genericColour(layerId: string): string {
  let h = 0;
  for (const c of layerId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return palette[h % palette.length]!;
}
