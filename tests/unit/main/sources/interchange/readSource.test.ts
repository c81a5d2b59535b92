import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { detectFormat, isTimeSeries, readSource } from '../../../../../main/sources/interchange/readSource';
import { gdalSample, importErrorOf, maojianPipes, swmm, tempDir } from './interchangeTestKit';

const t = tempDir();
afterAll(() => t.cleanup());
const write = (name: string, content: string | Uint8Array) => {
  const file = join(t.dir, name);
  writeFileSync(file, content);
  return file;
};

describe('readSource dispatch', () => {
  it('picks the reader by extension and magic bytes', async () => {
    expect(detectFormat(gdalSample)).toBe('geopackage');
    const renamed = join(t.dir, 'network.dat');
    copyFileSync(swmm('junctions'), renamed);
    const d = await readSource(renamed);
    expect(!isTimeSeries(d) && d.format).toBe('geopackage');
    const json = write('pipes.txt', JSON.stringify(maojianPipes));
    expect(detectFormat(json)).toBe('geojson');
    expect(detectFormat(write('p.csv', 'lon,lat\n110.8,32.6\n'))).toBe('csv');
    expect(isTimeSeries(await readSource(write('ts.csv', 'stream,time,value\nZ1,2026-07-01T00:00:00Z,1\n')))).toBe(true);
    expect(detectFormat(write('k.kmz', zipSync({ 'doc.kml': Buffer.from('<kml/>') })))).toBe('kmz');
    expect(detectFormat(write('s.zip', zipSync({ 'a.shp': new Uint8Array(100), 'a.dbf': new Uint8Array(1) })))).toBe('shapefile-zip');
  });
});

describe('bad-input corpus: each a clear ImportError', () => {
  it('empty file', async () => {
    const e = await importErrorOf(() => readSource(write('empty.geojson', '')));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toMatch(/empty\.geojson.*byte offset 0: the file is empty/);
  });

  it('random bytes', async () => {
    const bytes = new Uint8Array(256);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 197 + 13) % 256;
    const e = await importErrorOf(() => readSource(write('noise.bin', bytes)));
    expect(e.message).toMatch(/noise\.bin.*unrecognised file format/);
    const gpkg = await importErrorOf(() => readSource(write('noise.gpkg', bytes)));
    expect(gpkg.message).toMatch(/noise\.gpkg.*not a GPKG file/);
  });

  it('a directory', async () => {
    const dir = join(t.dir, 'folder');
    mkdirSync(dir);
    const e = await importErrorOf(() => readSource(dir));
    expect(e.message).toMatch(/folder.*is a directory/);
  });

  it('invalid JSON', async () => {
    const e = await importErrorOf(() => readSource(write('broken.geojson', '{"type":"FeatureCollection","features":[')));
    expect(e.message).toMatch(/broken\.geojson.*invalid JSON/);
  });

  it('GeoJSON with an invalid polygon', async () => {
    const doc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[110.8, 32.6], [110.81, 32.6], [110.81, 32.61], [110.8, 32.61]]] } }] };
    const e = await importErrorOf(() => readSource(write('area.geojson', JSON.stringify(doc))));
    expect(e).toMatchObject({ feature: 0, field: 'geometry.coordinates[0]' });
    expect(e.message).toMatch(/area\.geojson.*feature 0.*not closed/);
  });

  it('an SQLite file that is not a GeoPackage', async () => {
    const file = join(t.dir, 'app.gpkg');
    const db = new Database(file);
    db.exec('CREATE TABLE settings (k TEXT, v TEXT)');
    db.close();
    const e = await importErrorOf(() => readSource(file));
    expect(e.message).toMatch(/app\.gpkg.*not a GeoPackage/);
  });

  it('a zip without a shapefile', async () => {
    const e = await importErrorOf(() => readSource(write('docs.zip', zipSync({ 'readme.txt': Buffer.from('hi') }))));
    expect(e.message).toMatch(/docs\.zip.*neither a shapefile/);
  });

  it('a truncated GeoPackage copy is still an ImportError', async () => {
    const bytes = readFileSync(gdalSample).subarray(0, 4096);
    const e = await importErrorOf(() => readSource(write('cut.gpkg', bytes)));
    expect(e.file).toMatch(/cut\.gpkg$/);
  });
});
