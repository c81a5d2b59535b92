import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { readGeoPackage } from '../../../../../main/sources/interchange/readGeoPackage';
import { readGeoJson } from '../../../../../main/sources/interchange/readGeoJson';
import { writeGeoPackage } from '../../../../../main/sources/interchange/writeGeoPackage';
import { coordsOf, expectCoordsClose, gdalSample, maojianPipes, needGdal, ogr, swmm, tempDir } from './interchangeTestKit';

const t = tempDir();
afterAll(() => t.cleanup());
const src = join(t.dir, 'pipes.geojson');
writeFileSync(src, JSON.stringify(maojianPipes));

describe('writeGeoPackage', () => {
  it('writes a GeoPackage 1.3 with typed columns and an R-tree, and reads back', () => {
    const file = join(t.dir, 'out.gpkg');
    const res = writeGeoPackage(file, readGeoJson(src).features, { table: 'pipes' });
    expect(res).toMatchObject({ table: 'pipes', count: 3, geometryType: 'LINESTRING' });
    const db = new Database(file, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(0x47504b47);
    expect(db.pragma('user_version', { simple: true })).toBe(10300);
    expect((db.prepare('SELECT count(*) AS n FROM rtree_pipes_geom').get() as { n: number }).n).toBe(3);
    const cols = db.prepare('PRAGMA table_info(pipes)').all() as { name: string; type: string }[];
    expect(cols.map((c) => `${c.name} ${c.type}`)).toEqual(['fid INTEGER', 'geom LINESTRING', '编号 TEXT', '起点点号 TEXT', '终点点号 TEXT', '管径 INTEGER', '材质 TEXT', '管线类型 TEXT', '道路 TEXT']);
    db.close();
    const back = readGeoPackage(file);
    expect(back.features.map((f) => f.properties)).toEqual(maojianPipes.features.map((f) => f.properties));
    expect(back.features[1]!.geometry).toEqual(maojianPipes.features[1].geometry);
  });

  it('refuses to overwrite unless overwrite: true', () => {
    const file = join(t.dir, 'twice.gpkg');
    const features = readGeoJson(src).features;
    writeGeoPackage(file, features);
    expect(() => writeGeoPackage(file, features)).toThrow(/exists/);
    expect(writeGeoPackage(file, features.slice(0, 1), { overwrite: true }).count).toBe(1);
    expect(readGeoPackage(file).features).toHaveLength(1);
  });

  it('export round trip: ogrinfo -al shows the same features without warnings', (ctx) => {
    needGdal(ctx);
    const file = join(t.dir, 'export.gpkg');
    writeGeoPackage(file, readGeoJson(src).features, { table: 'pipes' });
    const so = spawnSync('ogrinfo', ['-ro', '-so', '-al', file], { encoding: 'utf8' });
    expect(so.status).toBe(0);
    expect(so.stderr).not.toMatch(/Warning|ERROR/);
    expect(so.stdout).toMatch(/Feature Count: 3/);
    expect(so.stdout).toMatch(/Geometry: Line String/);
    const all = ogr('ogrinfo', ['-ro', '-al', file]).stdout;
    expect(all).toMatch(/起点点号 \(String\) = Y1/);
    expect(all).toMatch(/管线类型 \(String\) = 污水/);
    expect(all).toMatch(/管径 \(Integer64\) = 800/);
    expect(all).toMatch(/LINESTRING \(110\.7901 32\.6102,110\.7915 32\.6099,110\.7931 32\.6111\)/);
    // Spatial filter goes through the R-tree.
    expect(ogr('ogrinfo', ['-ro', '-q', '-spat', '110.79', '32.609', '110.794', '32.612', file, 'pipes']).stdout.match(/OGRFeature/g)).toHaveLength(1);
  });

  it('writes 3D and mixed geometries GDAL accepts (GEOMETRY, z optional)', (ctx) => {
    const mixed = [...readGeoPackage(gdalSample, { table: 'geometry3d' }).features, ...readGeoPackage(swmm('junctions')).features];
    const file = join(t.dir, 'mixed.gpkg');
    const res = writeGeoPackage(file, mixed, { table: 'mixed' });
    expect(res.geometryType).toBe('GEOMETRY');
    const back = readGeoPackage(file);
    expect(back.features[0]!.geometry).toEqual({ type: 'Point', coordinates: [1, 2, 3] });
    expectCoordsClose(coordsOf(back.features[8]!.geometry), coordsOf(mixed[8]!.geometry), 1e-12);
    needGdal(ctx);
    const so = spawnSync('ogrinfo', ['-ro', '-so', '-al', file], { encoding: 'utf8' });
    expect(so.stderr).not.toMatch(/Warning|ERROR/);
    expect(so.stdout).toMatch(/Feature Count: 12/);
  });
});
