/** Pure: place-name size and how far away it stays visible, by rank (1 = sub-district). */
export function placeStyle(rank: unknown): { font: string; maxDistance: number } {
  if (rank === 1) return { font: '700 26px "Noto Sans CJK SC", sans-serif', maxDistance: 150_000 };
  if (rank === 2) return { font: '600 22px "Noto Sans CJK SC", sans-serif', maxDistance: 60_000 };
  return { font: '500 18px "Noto Sans CJK SC", sans-serif', maxDistance: 20_000 };
}
