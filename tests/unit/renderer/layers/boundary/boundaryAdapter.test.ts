import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Feature } from '../../../../../preload/contract';
import { toBoundaryShapes } from '../../../../../renderer/layers/boundary/boundaryAdapter';
import { boundaryLabel } from '../../../../../renderer/layers/boundary/boundaryStyle';
import { boundaryFixture } from '../../../../helpers/tempStore';

describe('toBoundaryShapes', () => {
  it('turns the real Maojian MultiPolygon into two closed outer rings and a label at its cp', () => {
    const fc = JSON.parse(readFileSync(boundaryFixture, 'utf8')) as { features: Feature[] };
    const [shape] = toBoundaryShapes(fc.features);
    expect(shape!.name).toBe('茅箭区');
    expect(shape!.polygons).toHaveLength(2);
    const ring = shape!.polygons[0]!.outer;
    expect(ring.slice(0, 2)).toEqual(ring.slice(-2));
    expect(shape!.labelAt).toEqual([110.813719, 32.591904]);
  });

  it('drops degenerate rings (fewer than 4 positions)', () => {
    const f: Feature = { type: 'Feature', id: 1, properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] } };
    expect(toBoundaryShapes([f])).toEqual([]);
  });

  it('closes open rings, keeps holes, labels at the largest ring without cp, skips other geometry', () => {
    const features: Feature[] = [
      {
        type: 'Feature',
        id: 7,
        properties: { name: 'A' },
        geometry: { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 1]]], [[[10, 10], [14, 10], [14, 14], [10, 14]], [[11, 11], [12, 11], [12, 12], [11, 11]]]] },
      },
      { type: 'Feature', id: 8, properties: {}, geometry: { type: 'Point', coordinates: [1, 1] } },
      { type: 'Feature', id: 9, properties: {}, geometry: null },
    ];
    const shapes = toBoundaryShapes(features);
    expect(shapes).toHaveLength(1);
    expect(shapes[0]!.polygons[0]!.outer).toEqual([0, 0, 1, 0, 1, 1, 0, 1, 0, 0]);
    expect(shapes[0]!.polygons[1]!.holes).toEqual([[11, 11, 12, 11, 12, 12, 11, 11]]);
    expect(shapes[0]!.labelAt).toEqual([12, 12]);
    expect(shapes[0]!.id).toBe('7');
  });

  it('labels the boundary with its caption in the chosen language', () => {
    const caption = { zh: '示意边界', en: 'Indicative boundary' };
    expect(boundaryLabel('茅箭区', caption, 'zh-CN')).toBe('茅箭区\n示意边界');
    expect(boundaryLabel('茅箭区', caption, 'en')).toBe('茅箭区\nIndicative boundary');
    expect(boundaryLabel('茅箭区', null, 'en')).toBe('茅箭区');
  });
});
