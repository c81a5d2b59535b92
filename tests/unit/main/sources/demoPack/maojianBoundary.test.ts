import { describe, expect, it } from 'vitest';
import { insideMaojian, maojianBBox } from '../../../../../main/sources/demoPack/maojianBoundary';
import { maojianBoundaryRings } from '../../../../../main/sources/demoPack/maojianBoundaryRings';
import { bbox, boundaryParts, insideBoundary } from './demoPackFixture';

describe('maojianBoundary', () => {
  it('is an exact copy of resources/demo/maojian-boundary.geojson', () => {
    expect(maojianBoundaryRings).toHaveLength(boundaryParts.length);
    boundaryParts.forEach((part, i) => {
      expect(part).toHaveLength(1);
      expect(maojianBoundaryRings[i]).toEqual((part[0] ?? []).flat());
    });
    expect(maojianBBox).toEqual([bbox.w, bbox.s, bbox.e, bbox.n]);
  });

  it('agrees with an independent point-in-polygon test', () => {
    let inside = 0;
    for (let i = 0; i < 60; i++) {
      for (let j = 0; j < 60; j++) {
        const lon = bbox.w + ((i + 0.5) / 60) * (bbox.e - bbox.w);
        const lat = bbox.s + ((j + 0.5) / 60) * (bbox.n - bbox.s);
        expect(insideMaojian(lon, lat)).toBe(insideBoundary(lon, lat));
        if (insideBoundary(lon, lat)) inside++;
      }
    }
    expect(inside).toBeGreaterThan(1000);
  });
});
