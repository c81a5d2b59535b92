import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerGpkgFunctions } from '../../../../../main/store/gpkgFunctions';
import { listGeoPackageTables, readGeoPackage } from '../../../../../main/sources/interchange/readGeoPackage';
import type { SourceDataset } from '../../../../../main/sources/interchange/sourceDataset';
import { coordsOf, expectCoordsClose, gdalSample, importErrorOf, maojianPipes, needGdal, ogr, swmm, tempDir } from './interchangeTestKit';

const t = tempDir();
afterAll(() => t.cleanup());

describe('readGeoPackage: gdal_sample.gpkg', () => {
  const tables = listGeoPackageTables(gdalSample);

  it('lists all 16 feature tables', () => {
    expect(tables).toHaveLength(16);
    expect(tables.every((x) => x.dataType === 'features' && x.count >= 2)).toBe(true);
    expect(tables.find((x) => x.name === 'polygon2d')?.srsId).toBe(32631);
  });

  it('reads every feature table; NULL geometries read as null', () => {
    for (const table of tables) {
      const d = readGeoPackage(gdalSample, { table: table.name });
      expect(d.features).toHaveLength(table.count);
      expect(d.features.at(-1)!.geometry).toBeNull();
      expect(d.features[0]!.geometry).not.toBeNull();
    }
  });

  it('linestring2d fid 1 is [[1,2],[3,4]] in EPSG:4326', () => {
    const d = readGeoPackage(gdalSample, { table: 'linestring2d' });
    expect(d.crs.code).toBe('EPSG:4326');
    expect(d.features[0]).toMatchObject({ id: 1, index: 0, geometry: { type: 'LineString', coordinates: [[1, 2], [3, 4]] } });
  });

  it('3D types keep z', () => {
    expect(readGeoPackage(gdalSample, { table: 'point3d' }).features[0]!.geometry).toEqual({ type: 'Point', coordinates: [1, 2, 3] });
    const poly = readGeoPackage(gdalSample, { table: 'multipolygon3d' }).features[0]!.geometry!;
    expect(poly.type).toBe('MultiPolygon');
    expect(JSON.stringify(poly)).toContain('[0,0,100]');
    const gc = readGeoPackage(gdalSample, { table: 'geomcollection3d' }).features[0]!.geometry!;
    expect(gc.type === 'GeometryCollection' && gc.geometries).toHaveLength(6);
  });

  it('reads typed attributes and warns about the undefined SRS 0', () => {
    const d = readGeoPackage(gdalSample, { table: 'point2d' });
    expect(d.fields.map((f) => [f.name, f.type])).toEqual([
      ['intfield', 'integer'],
      ['strfield', 'string'],
      ['realfield', 'number'],
      ['datetimefield', 'date'],
      ['datefield', 'date'],
      ['binaryfield', 'unknown'],
    ]);
    expect(d.features[0]!.properties).toMatchObject({ intfield: 1, strfield: 'foo', realfield: 1.23456, binaryfield: '007fff' });
    expect(d.warnings.join()).toMatch(/undefined geographic SRS/);
  });

  it('reprojects the EPSG:32631 table', () => {
    const g = readGeoPackage(gdalSample, { table: 'polygon2d' }).features[0]!.geometry!;
    const first = (coordsOf(g) as number[][][])[0]![0]!;
    // gdaltransform -s_srs EPSG:32631 -t_srs EPSG:4326: 0 0 → -1.48874388438719 0
    expect(first[0]).toBeCloseTo(-1.488743884387, 9);
    expect(first[1]).toBeCloseTo(0, 6);
  });

  it('asks for --table when there are several', async () => {
    const e = await importErrorOf(() => readGeoPackage(gdalSample));
    expect(e.message).toMatch(/16 tables.*--table/);
  });

  it('decodes empty-flagged and big-endian geometry blobs', () => {
    const file = join(t.dir, 'blobs.gpkg');
    copyFileSync(gdalSample, file);
    const db = new Database(file);
    registerGpkgFunctions(db);
    // Empty flag (0x10) with POINT EMPTY; a big-endian header and big-endian WKB LINESTRING(5 6, 7 8).
    const empty = Buffer.from('4750001100000000' + '0101000000000000000000f87f000000000000f87f', 'hex');
    const wkbBe = Buffer.from('000000000200000002' + '4014000000000000' + '4018000000000000' + '401c000000000000' + '4020000000000000', 'hex');
    const be = Buffer.concat([Buffer.from('4750000000000000', 'hex'), wkbBe]);
    db.prepare('UPDATE linestring2d SET geom = ? WHERE fid = 2').run(be);
    db.prepare('INSERT INTO point2d (fid, geom) VALUES (3, ?)').run(empty);
    db.close();
    expect(readGeoPackage(file, { table: 'linestring2d' }).features[1]!.geometry).toEqual({ type: 'LineString', coordinates: [[5, 6], [7, 8]] });
    expect(readGeoPackage(file, { table: 'point2d' }).features[2]!.geometry).toBeNull();
  });
});

describe('readGeoPackage: SWMM network in EPSG:25833', () => {
  const parts = ['junctions', 'dividers', 'storages', 'outfalls'] as const;
  const nodes = parts.flatMap((p) => readGeoPackage(swmm(p)).features);
  const conduits = readGeoPackage(swmm('conduits'));

  it('reads and reprojects nodes and conduits to Berlin-area lon/lat', () => {
    expect(conduits.crs.code).toBe('EPSG:25833');
    expect(conduits.features).toHaveLength(5);
    expect(nodes).toHaveLength(8);
    for (const f of [...nodes, ...conduits.features]) {
      const c = JSON.stringify(f.geometry);
      const nums = c.match(/-?\d+\.\d+/g)!.map(Number);
      for (let i = 0; i < nums.length; i += 2) {
        expect(nums[i]).toBeGreaterThan(11);
        expect(nums[i]).toBeLessThan(12.5);
        expect(nums[i + 1]).toBeGreaterThan(54);
        expect(nums[i + 1]).toBeLessThan(54.2);
      }
    }
  });

  it('FromNode/ToNode link up with the node names and coordinates (closed topology)', () => {
    const byName = new Map(nodes.map((n) => [n.properties.Name as string, coordsOf(n.geometry) as number[]]));
    for (const c of conduits.features) {
      const line = coordsOf(c.geometry) as number[][];
      const from = byName.get(c.properties.FromNode as string);
      const to = byName.get(c.properties.ToNode as string);
      expect(from, `${String(c.properties.Name)} FromNode`).toBeDefined();
      expect(to, `${String(c.properties.Name)} ToNode`).toBeDefined();
      expectCoordsClose(line[0], from, 1e-8);
      expectCoordsClose(line.at(-1), to, 1e-8);
    }
  });
});

describe('readGeoPackage: made by GDAL in EPSG:4546', () => {
  let d: SourceDataset | null = null;
  beforeAll(() => {
    const src = join(t.dir, 'pipes.geojson');
    writeFileSync(src, JSON.stringify(maojianPipes));
    try {
      ogr('ogr2ogr', ['-f', 'GPKG', '-t_srs', 'EPSG:4546', '-nln', 'pipes', join(t.dir, 'pipes4546.gpkg'), src]);
      d = readGeoPackage(join(t.dir, 'pipes4546.gpkg'));
    } catch {
      d = null;
    }
  });

  it('reads back coordinates to 1e-6° and Chinese attributes exactly', (ctx) => {
    needGdal(ctx);
    expect(d).not.toBeNull();
    expect(d!.crs.code).toBe('EPSG:4546');
    expect(d!.features).toHaveLength(3);
    maojianPipes.features.forEach((f, i) => {
      expectCoordsClose(coordsOf(d!.features[i]!.geometry), f.geometry.coordinates);
      expect(d!.features[i]!.properties).toEqual(f.properties);
    });
  });
});

describe('readGeoPackage: bad input', () => {
  it('an SQLite file that is not a GeoPackage', async () => {
    const file = join(t.dir, 'plain.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE x (a)');
    db.close();
    const e = await importErrorOf(() => readGeoPackage(file));
    expect(e.file).toBe(file);
    expect(e.message).toMatch(/plain\.sqlite.*not a GeoPackage/);
  });

  it('a corrupt geometry blob names the feature and column', async () => {
    const file = join(t.dir, 'corrupt.gpkg');
    copyFileSync(gdalSample, file);
    const db = new Database(file);
    registerGpkgFunctions(db);
    db.prepare('UPDATE point2d SET geom = ? WHERE fid = 1').run(Buffer.from('4750000300000000' + '00'.repeat(32) + 'ffff', 'hex'));
    db.close();
    const e = await importErrorOf(() => readGeoPackage(file, { table: 'point2d' }));
    expect(e.feature).toBe(0);
    expect(e.field).toBe('geom');
  });
});
