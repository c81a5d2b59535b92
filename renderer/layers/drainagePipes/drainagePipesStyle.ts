/** Pure: pipe colour by network (雨水 blue, 污水 orange, 合流 violet) and width by diameter. */
export function pipeStyle(network: unknown, diameterMm: unknown): { color: string; width: number } {
  const color = network === 'sewage' ? '#ff8c42' : network === 'combined' ? '#c77dff' : '#4dabff';
  const d = typeof diameterMm === 'number' ? diameterMm : 300;
  return { color, width: d >= 1000 ? 4 : d >= 600 ? 3 : 2 };
}
