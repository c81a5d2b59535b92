/** Pure: colour and width of base-map lines by layer and road class, tuned for a dark wall display. */
export function lineStyle(layerId: string, roadClass: unknown): { color: string; width: number } {
  if (layerId === 'rivers') return { color: '#3aa0ff', width: 4 };
  if (roadClass === 'trunk') return { color: '#ffc857', width: 3.5 };
  if (roadClass === 'primary') return { color: '#d6a45a', width: 2.5 };
  return { color: '#8397ab', width: 1.5 };
}
