import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readGeoJson } from '../../../../../main/sources/interchange/readGeoJson';
import { writeGeoJson } from '../../../../../main/sources/interchange/writeGeoJson';
import { maojianPipes, tempDir } from './interchangeTestKit';

const t = tempDir();
afterAll(() => t.cleanup());

describe('writeGeoJson', () => {
  it('writes an RFC 7946 FeatureCollection that reads back', () => {
    const src = join(t.dir, 'in.geojson');
    writeFileSync(src, JSON.stringify(maojianPipes));
    const out = join(t.dir, 'out.geojson');
    writeGeoJson(out, readGeoJson(src).features);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { type: string; crs?: unknown };
    expect(doc.type).toBe('FeatureCollection');
    expect(doc.crs).toBeUndefined();
    expect(readGeoJson(out).features.map((f) => [f.geometry, f.properties])).toEqual(maojianPipes.features.map((f) => [f.geometry, f.properties]));
  });

  it('rewinds polygons (exterior counter-clockwise, holes clockwise) and keeps ids', () => {
    const cw = [[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]];
    const out = join(t.dir, 'poly.geojson');
    writeGeoJson(out, [{ id: 'A', geometry: { type: 'Polygon', coordinates: [cw, [[0.2, 0.2], [0.4, 0.2], [0.4, 0.4], [0.2, 0.2]]] }, properties: {} }]);
    const f = (JSON.parse(readFileSync(out, 'utf8')) as { features: { id: string; geometry: { coordinates: number[][][] } }[] }).features[0]!;
    expect(f.id).toBe('A');
    expect(f.geometry.coordinates[0]).toEqual([...cw].reverse());
    expect(f.geometry.coordinates[1]).toEqual([[0.2, 0.2], [0.4, 0.4], [0.4, 0.2], [0.2, 0.2]]);
  });

  it('refuses to overwrite', () => {
    const out = join(t.dir, 'exists.geojson');
    writeFileSync(out, '{}');
    expect(() => writeGeoJson(out, [])).toThrow(/exists/);
    writeGeoJson(out, [], { overwrite: true });
    expect(readFileSync(out, 'utf8')).toMatch(/FeatureCollection/);
  });
});
