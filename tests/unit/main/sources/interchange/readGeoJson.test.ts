import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import proj4 from 'proj4';
import { afterAll, describe, expect, it } from 'vitest';
import { knownEpsg } from '../../../../../main/sources/interchange/crs';
import { parseGeoJson, readGeoJson } from '../../../../../main/sources/interchange/readGeoJson';
import { coordsOf, expectCoordsClose, importErrorOf, maojianPipes, tempDir } from './interchangeTestKit';

const t = tempDir();
afterAll(() => t.cleanup());
const polygon = (ring: unknown) => ({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [110.8, 32.6] } }, { type: 'Feature', properties: { 名称: '坏' }, geometry: { type: 'Polygon', coordinates: [ring] } }] });

describe('readGeoJson', () => {
  it('reads a FeatureCollection with Chinese properties', () => {
    const file = join(t.dir, 'pipes.geojson');
    writeFileSync(file, JSON.stringify(maojianPipes));
    const d = readGeoJson(file);
    expect(d).toMatchObject({ format: 'geojson', layerName: 'pipes', geometryType: 'LineString', crs: { code: 'EPSG:4326' } });
    expect(d.features[1]!.properties.管线类型).toBe('污水');
    expect(d.fields.find((f) => f.name === '管径')).toEqual({ name: '管径', type: 'integer' });
  });

  it('reads a bare Feature and a bare geometry; ids kept', () => {
    expect(parseGeoJson(JSON.stringify({ type: 'Feature', id: 'A1', properties: null, geometry: null }), 'f.json').features[0]).toEqual({ index: 0, id: 'A1', geometry: null, properties: {} });
    expect(parseGeoJson(JSON.stringify({ type: 'Point', coordinates: [110.8, 32.6, 300] }), 'g.json').features[0]!.geometry).toEqual({ type: 'Point', coordinates: [110.8, 32.6, 300] });
  });

  it('reprojects with a legacy crs member or --crs', () => {
    const xy = proj4('+proj=longlat +datum=WGS84', knownEpsg(4546)!.proj4, [110.8, 32.6]);
    const doc = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4546' } }, features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: xy } }] };
    const d = parseGeoJson(JSON.stringify(doc), 'a.geojson');
    expectCoordsClose(coordsOf(d.features[0]!.geometry), [110.8, 32.6]);
    const { crs: _crs, ...plain } = doc;
    expectCoordsClose(coordsOf(parseGeoJson(JSON.stringify(plain), 'a.geojson', { crs: 'EPSG:4546' }).features[0]!.geometry), [110.8, 32.6]);
  });

  it('invalid JSON names the file, line and byte offset', async () => {
    const file = join(t.dir, 'bad.geojson');
    writeFileSync(file, '{"type": "FeatureCollection",\n "features": [ {"type": "Feature",, } ]}');
    const e = await importErrorOf(() => readGeoJson(file));
    expect(e.message).toMatch(/bad\.geojson.*line 2.*byte offset \d+: invalid JSON/);
  });

  it('rejects invalid polygons naming the feature and field', async () => {
    const unclosed = await importErrorOf(() => parseGeoJson(JSON.stringify(polygon([[0, 0], [1, 0], [1, 1], [0, 1]])), 'p.geojson'));
    expect(unclosed.feature).toBe(1);
    expect(unclosed.field).toBe('geometry.coordinates[0]');
    expect(unclosed.message).toMatch(/p\.geojson, feature 1, field 'geometry\.coordinates\[0\]': polygon ring is not closed/);
    const short = await importErrorOf(() => parseGeoJson(JSON.stringify(polygon([[0, 0], [1, 0], [0, 0]])), 'p.geojson'));
    expect(short.message).toMatch(/3 positions, needs at least 4/);
    const nan = await importErrorOf(() => parseGeoJson(JSON.stringify(polygon([[0, 0], [1, 0], [1, 'x'], [0, 0]])), 'p.geojson'));
    expect(nan.field).toBe('geometry.coordinates[0][2]');
    const type = await importErrorOf(() => parseGeoJson(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Circle' } }] }), 'p.geojson'));
    expect(type.field).toBe('geometry.type');
  });

  it('refuses projected coordinates without a CRS', async () => {
    const e = await importErrorOf(() => parseGeoJson(JSON.stringify({ type: 'Point', coordinates: [37481225, 3608405] }), 'x.geojson'));
    expect(e.message).toMatch(/--crs/);
  });
});
