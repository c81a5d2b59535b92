import type { Feature } from '../../../preload/contract';
import type { GroundLine } from '../../map/groundLines';
import { lineParts, longestPart } from '../../map/geometryParts';
import { lineStyle } from './basemapLinesStyle';

/** Pure: features → styled ground lines and one label per named feature (at the middle of its longest part). */
export function toBaseLines(layerId: string, features: Feature[]): { lines: GroundLine[]; labels: { id: string; text: string; lon: number; lat: number }[] } {
  const lines: GroundLine[] = [];
  const labels: { id: string; text: string; lon: number; lat: number }[] = [];
  for (const f of features) {
    const parts = lineParts(f.geometry);
    const style = lineStyle(layerId, f.properties.road_class);
    parts.forEach((positions, i) => lines.push({ id: `${f.id}#${i}`, positions, ...style }));
    const name = typeof f.properties.name === 'string' ? f.properties.name : '';
    const longest = longestPart(parts);
    if (name && longest && layerId === 'rivers') {
      const mid = Math.floor(longest.length / 4) * 2;
      labels.push({ id: String(f.id), text: name, lon: longest[mid]!, lat: longest[mid + 1]! });
    }
  }
  return { lines, labels };
}
