/** Pure: how base-map areas look — water filled blue, sub-districts as outlines with a faint tint. */
export function areaStyle(layerId: string): { fill: string | null; outline: string; width: number } {
  if (layerId === 'water_areas') return { fill: 'rgba(40, 130, 255, 0.75)', outline: '#5fb4ff', width: 2 };
  return { fill: null, outline: 'rgba(160, 190, 220, 0.85)', width: 2 };
}
