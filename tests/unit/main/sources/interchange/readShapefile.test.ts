import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readShapefile } from '../../../../../main/sources/interchange/readShapefile';
import { coordsOf, expectCoordsClose, hasGdal, importErrorOf, maojianPipes, needGdal, ogr, tempDir } from './interchangeTestKit';

const t = tempDir();
const gbkDir = join(t.dir, 'gbk');
const shp = join(gbkDir, 'pipes.shp');

/** A copy of the GBK shapefile under dir/name.*, optionally without some parts. */
function copyShapefile(name: string, without: string[] = []): string {
  const dir = join(t.dir, name);
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(gbkDir)) {
    const ext = f.slice(f.lastIndexOf('.') + 1);
    if (!without.includes(ext)) copyFileSync(join(gbkDir, f), join(dir, `pipes.${ext}`));
  }
  return join(dir, 'pipes.shp');
}

beforeAll(() => {
  if (!hasGdal) return;
  mkdirSync(gbkDir, { recursive: true });
  const src = join(t.dir, 'pipes.geojson');
  writeFileSync(src, JSON.stringify(maojianPipes));
  ogr('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=GBK', '-t_srs', 'EPSG:4546', shp, src]);
  mkdirSync(join(t.dir, 'zone37'));
  ogr('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=GBK', '-t_srs', 'EPSG:4525', join(t.dir, 'zone37', 'pipes.shp'), src]);
});
afterAll(() => t.cleanup());

function expectMaojianPipes(d: Awaited<ReturnType<typeof readShapefile>>): void {
  expect(d.features).toHaveLength(3);
  maojianPipes.features.forEach((f, i) => {
    expectCoordsClose(coordsOf(d.features[i]!.geometry), f.geometry.coordinates);
    expect(d.features[i]!.properties).toEqual(f.properties);
  });
}

describe('readShapefile: GBK shapefile in EPSG:4546 made by GDAL', () => {
  it('reads coordinates to 1e-6° and Chinese attributes exactly (.cpg GBK)', async (ctx) => {
    needGdal(ctx);
    expect(readFileSync(join(gbkDir, 'pipes.dbf')).includes(Buffer.from('起点点号', 'utf8'))).toBe(false);
    const d = await readShapefile(shp);
    expect(d.crs.code).toBe('EPSG:4546');
    expect(d.encoding).toBe('gbk');
    expect(d.geometryType).toBe('LineString');
    expect(d.fields.map((f) => f.name)).toEqual(['编号', '起点点号', '终点点号', '管径', '材质', '管线类型', '道路']);
    expect(d.fields.find((f) => f.name === '管径')?.type).toBe('integer');
    expectMaojianPipes(d);
  });

  it('without .cpg detects GBK from the bytes and says so', async (ctx) => {
    needGdal(ctx);
    const d = await readShapefile(copyShapefile('nocpg', ['cpg']));
    expect(d.encoding).toBe('gbk');
    expect(d.warnings.join()).toMatch(/detected as GBK/);
    expectMaojianPipes(d);
  });

  it('reads a zipped shapefile', async (ctx) => {
    needGdal(ctx);
    const entries: Record<string, Uint8Array> = {};
    for (const f of readdirSync(gbkDir)) entries[`管网/${f}`] = readFileSync(join(gbkDir, f));
    const zip = join(t.dir, 'pipes.zip');
    writeFileSync(zip, zipSync(entries));
    const d = await readShapefile(zip);
    expect(d.layerName).toBe('pipes');
    expectMaojianPipes(d);
  });

  it('strips the zone-37 prefix when told the CRS without prefix, and uses the prefixed .prj as is', async (ctx) => {
    needGdal(ctx);
    const prefixed = join(t.dir, 'zone37', 'pipes.shp');
    const own = await readShapefile(prefixed);
    expect(own.crs.code).toBe('EPSG:4525');
    expectMaojianPipes(own);
    const told = await readShapefile(prefixed, { crs: 'EPSG:4546' });
    expect(told.warnings.join()).toMatch(/zone prefix 37/);
    expectMaojianPipes(told);
    const wrong = await importErrorOf(() => readShapefile(prefixed, { crs: 'EPSG:4547' }));
    expect(wrong.message).toMatch(/feature 0.*prefix 37/);
  });
});

describe('readShapefile: bad input', () => {
  it('truncated .shp names the file, feature and byte offset', async (ctx) => {
    needGdal(ctx);
    const file = copyShapefile('truncated');
    const size = readFileSync(file).length;
    truncateSync(file, size - 10);
    const e = await importErrorOf(() => readShapefile(file));
    expect(e.file).toBe(file);
    expect(e.feature).toBe(2);
    expect(e.byteOffset).toBeGreaterThan(100);
    expect(e.message).toMatch(/pipes\.shp.*feature 2.*byte offset \d+.*truncated/);
  });

  it('a .dbf with fewer rows than the .shp names the .dbf and the first missing feature', async (ctx) => {
    needGdal(ctx);
    const file = copyShapefile('shortdbf');
    const dbfPath = file.replace(/\.shp$/, '.dbf');
    const dbf = readFileSync(dbfPath);
    const headerLength = dbf.readUInt16LE(8), recordLength = dbf.readUInt16LE(10);
    dbf.writeUInt32LE(2, 4);
    writeFileSync(dbfPath, dbf.subarray(0, headerLength + 2 * recordLength));
    const e = await importErrorOf(() => readShapefile(file));
    expect(e.file).toBe(dbfPath);
    expect(e.feature).toBe(2);
    expect(e.byteOffset).toBe(headerLength + 2 * recordLength);
    expect(e.message).toMatch(/pipes\.dbf.*feature 2.*2 rows.*3 shapes/);
  });

  it('a missing .dbf', async (ctx) => {
    needGdal(ctx);
    const file = copyShapefile('nodbf', ['dbf']);
    const e = await importErrorOf(() => readShapefile(file));
    expect(e.message).toMatch(/pipes\.dbf.*missing \.dbf/);
  });

  it('an unknown .prj asks for --crs', async (ctx) => {
    needGdal(ctx);
    const file = copyShapefile('xian');
    writeFileSync(
      file.replace(/\.shp$/, '.prj'),
      'PROJCS["Xian_1980_3_Degree_GK_CM_111E",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],' +
        'UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["Central_Meridian",111.0],UNIT["Meter",1.0]]',
    );
    const e = await importErrorOf(() => readShapefile(file));
    expect(e.file).toMatch(/pipes\.prj$/);
    expect(e.message).toMatch(/Xian.*--crs EPSG:/);
    // The user's CRS overrides the .prj it cannot read.
    expectMaojianPipes(await readShapefile(file, { crs: 'EPSG:4546' }));
  });

  it('no .prj and projected coordinates', async (ctx) => {
    needGdal(ctx);
    const file = copyShapefile('noprj', ['prj']);
    rmSync(file.replace(/\.shp$/, '.prj'), { force: true });
    const e = await importErrorOf(() => readShapefile(file));
    expect(e.message).toMatch(/no \.prj.*--crs/);
  });
});
