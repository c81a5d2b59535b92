import { describe, expect, it } from 'vitest';
import type { Feature } from '../../../../../preload/contract';
import { toBaseLines } from '../../../../../renderer/layers/basemapLines/basemapLinesAdapter';
import { lineStyle } from '../../../../../renderer/layers/basemapLines/basemapLinesStyle';

describe('base-map lines', () => {
  it('styles rivers and roads by class, wider for more important roads', () => {
    expect(lineStyle('rivers', undefined).color).toBe('#3aa0ff');
    expect(lineStyle('roads', 'trunk').width).toBeGreaterThan(lineStyle('roads', 'primary').width);
    expect(lineStyle('roads', 'primary').width).toBeGreaterThan(lineStyle('roads', 'local').width);
  });

  it('splits multi-lines into parts and labels a river once, on its longest part', () => {
    const river: Feature = {
      type: 'Feature',
      id: 'r1',
      properties: { name: '泗河' },
      geometry: { type: 'MultiLineString', coordinates: [[[0, 0], [1, 1]], [[2, 2], [3, 3], [4, 4], [5, 5]]] },
    };
    const { lines, labels } = toBaseLines('rivers', [river]);
    expect(lines.map((l) => l.id)).toEqual(['r1#0', 'r1#1']);
    expect(labels).toEqual([{ id: 'r1', text: '泗河', lon: 4, lat: 4 }]);
    expect(toBaseLines('roads', [{ ...river, properties: { name: 'x', road_class: 'trunk' } }]).labels).toEqual([]);
  });
});
