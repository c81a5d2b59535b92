import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError, loadBoundaryGeoJson } from '../../../../main/services/boundaryLoader';
import { openStore, type Store } from '../../../../main/store/openStore';
import { boundaryFixture, tempDir } from '../../../helpers/tempStore';

let store: Store;
let dir: string;
let cleanup: () => void;
beforeEach(() => {
  const t = tempDir();
  dir = t.dir;
  cleanup = t.cleanup;
  store = openStore(join(dir, 's.gpkg'));
});
afterEach(() => {
  store.close();
  cleanup();
});

const snapshot = () => JSON.stringify(store.db.prepare('SELECT fid, hex(geom) AS g, name, source FROM boundary ORDER BY fid').all()) + JSON.stringify(store.db.prepare('SELECT * FROM gpkg_contents').all());

describe('loadBoundaryGeoJson', () => {
  it('loads the real Maojian boundary with its extent into gpkg_contents', () => {
    expect(loadBoundaryGeoJson(store, boundaryFixture, 'fixture')).toBe(1);
    const c = store.db.prepare(`SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = 'boundary'`).get() as Record<string, number>;
    expect(c.min_x).toBeCloseTo(110.588, 2);
    expect(c.max_y).toBeCloseTo(32.686, 2);
  });

  it('updates by id on re-load instead of duplicating', () => {
    loadBoundaryGeoJson(store, boundaryFixture, 'first');
    loadBoundaryGeoJson(store, boundaryFixture, 'second');
    expect(store.db.prepare('SELECT count(*) AS n, max(source) AS s FROM boundary').get()).toEqual({ n: 1, s: 'second' });
  });

  const bad: [string, string, RegExp][] = [
    ['invalid JSON', '{"type": "FeatureCollection", ', /not valid JSON/],
    ['not a collection', '{"type": "Feature"}', /not a GeoJSON FeatureCollection/],
    ['missing name', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } }] }), /feature 0, field properties\.name/],
    ['a point', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'x' }, geometry: { type: 'Point', coordinates: [0, 0] } }] }), /feature 0, field geometry\.type: expected Polygon/],
    ['a bad position in feature 1', JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { name: 'ok', adcode: '1' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } },
      { type: 'Feature', properties: { name: 'bad', adcode: '2' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], ['x', 0], [1, 1], [0, 0]]] } },
    ] }), /feature 1, field geometry: Polygon: position/],
  ];

  it.each(bad)('refuses %s, names file/feature/field, and changes nothing', (_name, text, pattern) => {
    loadBoundaryGeoJson(store, boundaryFixture, 'before');
    const before = snapshot();
    const file = join(dir, 'bad.geojson');
    writeFileSync(file, text);
    let caught: unknown;
    try {
      loadBoundaryGeoJson(store, file, 'bad');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as Error).message).toContain(file);
    expect((caught as Error).message).toMatch(pattern);
    expect(snapshot()).toBe(before);
  });
});
