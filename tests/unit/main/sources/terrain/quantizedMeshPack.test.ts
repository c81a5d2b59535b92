import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PackError } from '../../../../../main/sources/tiles/tileSource';
import { terrainHeightAt, type DemGrid } from '../../../../../main/sources/terrain/demGrid';
import { decodeQuantizedMesh, qmHeight, QM_MAX, type DecodedQuantizedMesh } from '../../../../../main/sources/terrain/quantizedMesh';
import {
  buildQuantizedMeshPackFromDem,
  geographicTileBounds,
  meshMaxError,
  openQuantizedMeshPack,
  parseTerrainTilePath,
  TERRAIN_TILE_TEMPLATE,
  type QuantizedMeshLayerJson,
  type QuantizedMeshPackStats,
} from '../../../../../main/sources/terrain/quantizedMeshPack';
import { tempDir } from '../../../../helpers/tempStore';

// A 129×121 synthetic Maojian DEM: ~190 m in the NE valleys to ~1700 m in the SW, with ridges.
function maojianDem(): DemGrid {
  const width = 129, height = 121, west = 110.59, east = 110.95, south = 32.39, north = 32.69;
  const heights = new Float32Array(width * height);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) {
    const u = c / (width - 1), v = 1 - r / (height - 1);
    heights[r * width + c] = 190 + 1300 * (1 - u) * (1 - v) + 120 * Math.sin(9 * u) * Math.cos(7 * v) ** 2;
  }
  return { west, south, east, north, width, height, heights };
}

const MAX_LEVEL = 11;
let t: ReturnType<typeof tempDir>;
let stats: QuantizedMeshPackStats;
const dem = maojianDem();
const packDir = () => join(t.dir, 'pack');

function ok(bytes: Uint8Array): DecodedQuantizedMesh {
  const r = decodeQuantizedMesh(bytes);
  if (!r.ok) throw new Error(`decode failed at ${r.offset}: ${r.reason}`);
  return r;
}

beforeAll(() => {
  t = tempDir('cityops-qm-');
  stats = buildQuantizedMeshPackFromDem(dem, packDir(), { maxLevel: MAX_LEVEL });
});
afterAll(() => t.cleanup());

describe('buildQuantizedMeshPackFromDem', () => {
  it('writes layer.json and geographic TMS tiles, level 0 being 2×1', () => {
    const layer = JSON.parse(readFileSync(join(packDir(), 'layer.json'), 'utf8')) as QuantizedMeshLayerJson;
    expect(layer).toMatchObject({ format: 'quantized-mesh-1.0', scheme: 'tms', projection: 'EPSG:4326', tiles: [TERRAIN_TILE_TEMPLATE] });
    expect(layer.available).toHaveLength(MAX_LEVEL + 1);
    expect(layer.available![0]).toEqual([{ startX: 0, startY: 0, endX: 1, endY: 0 }]);
    expect(readdirSync(join(packDir(), '0')).sort()).toEqual(['0', '1']);
    // Every available tile exists; each range sits inside its parent's.
    let count = 0;
    layer.available!.forEach((ranges, level) => {
      for (const r of ranges) for (let x = r.startX; x <= r.endX; x++) for (let y = r.startY; y <= r.endY; y++) {
        readFileSync(join(packDir(), String(level), String(x), `${y}.terrain`));
        count++;
      }
      if (level > 0) {
        const parent = layer.available![level - 1]![0]!, own = ranges[0]!;
        expect(own.startX >> 1).toBeGreaterThanOrEqual(parent.startX);
        expect(own.endY >> 1).toBeLessThanOrEqual(parent.endY);
      }
    });
    expect(count).toBe(stats.tiles);
  });

  it('meshes tiles whose vertices carry the DEM heights, wound counter-clockwise, with edges', () => {
    const layer = JSON.parse(readFileSync(join(packDir(), 'layer.json'), 'utf8')) as QuantizedMeshLayerJson;
    const r = layer.available![MAX_LEVEL]![0]!;
    for (let x = r.startX; x <= r.endX; x++) for (let y = r.startY; y <= r.endY; y++) {
      const tile = ok(readFileSync(join(packDir(), String(MAX_LEVEL), String(x), `${y}.terrain`)));
      const [w, s, e, n] = geographicTileBounds(MAX_LEVEL, x, y);
      const { minimumHeight: lo, maximumHeight: hi } = tile.header;
      for (let i = 0; i < tile.vertexCount; i++) {
        const lon = w + ((e - w) * tile.u[i]!) / QM_MAX, lat = s + ((n - s) * tile.v[i]!) / QM_MAX;
        // u/v rounding moves a 65-post vertex by < 1/64 of 1/32767 of a tile; height quantization is (hi−lo)/32767/2.
        expect(Math.abs(qmHeight(tile, i) - terrainHeightAt(dem, lon, lat))).toBeLessThan((hi - lo) / QM_MAX + 0.05);
      }
      for (let k = 0; k < tile.indices.length; k += 3) {
        const [a, b, c] = [tile.indices[k]!, tile.indices[k + 1]!, tile.indices[k + 2]!];
        const cross = (tile.u[b]! - tile.u[a]!) * (tile.v[c]! - tile.v[a]!) - (tile.v[b]! - tile.v[a]!) * (tile.u[c]! - tile.u[a]!);
        expect(cross).toBeGreaterThan(0);
      }
      for (const list of [tile.westIndices, tile.southIndices, tile.eastIndices, tile.northIndices]) {
        expect(list.length).toBeGreaterThanOrEqual(2);
      }
      expect(tile.header.horizonOcclusionPoint.every(Number.isFinite)).toBe(true);
    }
  });

  it('keeps level-0 tiles round (subdivided for curvature) and flat at 0 m away from the DEM', () => {
    const tile = ok(readFileSync(join(packDir(), '0', '0', '0.terrain')));
    expect(tile.header.minimumHeight).toBe(0);
    expect(tile.vertexCount).toBeGreaterThan(200);
    expect(meshMaxError(0)).toBeGreaterThan(meshMaxError(MAX_LEVEL));
  });

  it('is smaller than the 65×65 Float32 heightmap per tile', () => {
    const heightmapBytes = 65 * 65 * 4;
    expect(stats.bytes / stats.tiles).toBeLessThan(heightmapBytes);
    expect(stats.gzipBytes).toBeLessThan(stats.bytes);
  });
});

describe('openQuantizedMeshPack (folder)', () => {
  it('serves layer.json and tiles, null when a tile is missing', () => {
    const pack = openQuantizedMeshPack(packDir(), 'dem');
    expect(pack.format).toBe('folder');
    expect(pack.maxZoom).toBe(MAX_LEVEL);
    expect(pack.coversMaojian()).toBe(true);
    expect(pack.layerJson()).toMatchObject({ format: 'quantized-mesh-1.0', projection: 'EPSG:4326', tiles: [TERRAIN_TILE_TEMPLATE] });
    const tile = pack.getTile(0, 1, 0)!;
    expect(tile).toMatchObject({ contentType: 'application/vnd.quantized-mesh', encoding: null });
    expect(decodeQuantizedMesh(tile.data).ok).toBe(true);
    expect(pack.getTile(MAX_LEVEL, 0, 0)).toBeNull(); // not in the pack
    expect(pack.getTile(MAX_LEVEL + 1, 0, 0)).toBeNull();
    expect(pack.getTile(0, 2, 0)).toBeNull(); // outside the level
    expect(parseTerrainTilePath('11/3305/1407.terrain?v=1.0.0')).toEqual({ z: 11, x: 3305, y: 1407 });
    expect(parseTerrainTilePath('../layer.json')).toBeNull();
    pack.close();
  });

  it('serves gzip tiles as stored, with encoding gzip', () => {
    const dir = join(t.dir, 'gz');
    buildQuantizedMeshPackFromDem(dem, dir, { maxLevel: 2, gzip: true });
    const tile = openQuantizedMeshPack(dir, 'gz').getTile(2, 6, 2)!;
    expect(tile.encoding).toBe('gzip');
    expect(decodeQuantizedMesh(tile.data)).toMatchObject({ ok: true, gzip: true });
  });

  it('serves a corrupt tile as-is, and decodeQuantizedMesh says why', () => {
    const dir = join(t.dir, 'corrupt');
    buildQuantizedMeshPackFromDem(dem, dir, { maxLevel: 1 });
    const path = join(dir, '1', '3', '1.terrain');
    writeFileSync(path, readFileSync(path).subarray(0, 120));
    const tile = openQuantizedMeshPack(dir, 'c').getTile(1, 3, 1)!;
    expect(tile.data.length).toBe(120);
    expect(decodeQuantizedMesh(tile.data)).toMatchObject({ ok: false, reason: expect.stringMatching(/truncated/) as string });
  });

  it('refuses an invalid layer.json, naming the field', () => {
    const good = JSON.parse(readFileSync(join(packDir(), 'layer.json'), 'utf8')) as Record<string, unknown>;
    const cases: [Record<string, unknown> | string | null, RegExp][] = [
      [{ ...good, format: 'heightmap-1.0' }, /field 'format'/],
      [{ ...good, tiles: undefined }, /field 'tiles'/],
      [{ ...good, tiles: ['{z}/{x}.terrain'] }, /field 'tiles\.0'.*\{y\}/],
      [{ ...good, projection: 'EPSG:3857' }, /field 'projection'/],
      [{ ...good, available: [[{ startX: 2, startY: 0, endX: 1, endY: 0 }]] }, /field 'available\.0\.0'/],
      ['{ not json', /not JSON/],
      [null, /missing/],
    ];
    cases.forEach(([layer, reason], i) => {
      const dir = join(t.dir, `bad${i}`);
      mkdirSync(dir);
      if (layer !== null) writeFileSync(join(dir, 'layer.json'), typeof layer === 'string' ? layer : JSON.stringify(layer));
      expect(() => openQuantizedMeshPack(dir, 'bad')).toThrow(PackError);
      expect(() => openQuantizedMeshPack(dir, 'bad')).toThrow(reason);
    });
    expect(() => openQuantizedMeshPack(join(t.dir, 'nowhere'), 'x')).toThrow(/no such file/);
  });

  it('serves a pack elsewhere, but reports it does not cover Maojian', () => {
    const dir = join(t.dir, 'everest');
    mkdirSync(join(dir, '0', '1'), { recursive: true });
    writeFileSync(join(dir, '0', '1', '0.terrain'), readFileSync(join(packDir(), '0', '1', '0.terrain')));
    // Level-9 tile at 86.9E 27.9N only.
    const x = Math.floor((86.9 + 180) / (180 / 512)), y = Math.floor((27.9 + 90) / (180 / 512));
    writeFileSync(
      join(dir, 'layer.json'),
      JSON.stringify({
        tilejson: '2.1.0',
        format: 'quantized-mesh-1.0',
        tiles: ['{z}/{x}/{y}.terrain'],
        available: [
          [{ startX: 0, startY: 0, endX: 1, endY: 0 }],
          ...Array.from({ length: 8 }, () => []),
          [{ startX: x, startY: y, endX: x, endY: y }],
        ],
      }),
    );
    const pack = openQuantizedMeshPack(dir, 'everest');
    expect(pack.coversMaojian()).toBe(false);
    expect(pack.bounds[0]).toBeCloseTo(-180 + x * (180 / 512), 6);
    expect(pack.getTile(0, 1, 0)).not.toBeNull();
  });
});

describe('openQuantizedMeshPack (MBTiles)', () => {
  function writeMbtiles(path: string, format: string, gzip: boolean): void {
    const db = new Database(path);
    db.exec(`CREATE TABLE metadata (name TEXT, value TEXT);
             CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
             CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);`);
    const meta = db.prepare('INSERT INTO metadata VALUES (?, ?)');
    const rows = [['name', 'Maojian terrain'], ['format', format], ['bounds', '110.59,32.39,110.95,32.69']];
    rows.push(['minzoom', '0'], ['maxzoom', '4']);
    for (const [k, v] of rows) meta.run(k, v);
    const put = db.prepare('INSERT INTO tiles VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      for (const level of readdirSync(packDir()).filter((d) => /^\d+$/.test(d) && Number(d) <= 4)) {
        for (const x of readdirSync(join(packDir(), level))) {
          for (const f of readdirSync(join(packDir(), level, x))) {
            const data = readFileSync(join(packDir(), level, x, f));
            put.run(Number(level), Number(x), Number(f.split('.')[0]), gzip ? gzipSync(data) : data); // TMS rows: y as written
          }
        }
      }
    })();
    db.close();
  }

  it('serves TMS-row tiles with encoding gzip and derives layer.json available from the tiles', () => {
    const path = join(t.dir, 'terrain.mbtiles');
    writeMbtiles(path, 'application/vnd.quantized-mesh', true);
    const pack = openQuantizedMeshPack(path, 'mb');
    expect(pack.format).toBe('mbtiles');
    expect(pack.coversMaojian()).toBe(true);
    const layer = pack.layerJson();
    const folderLayer = JSON.parse(readFileSync(join(packDir(), 'layer.json'), 'utf8')) as QuantizedMeshLayerJson;
    expect(layer).toMatchObject({ format: 'quantized-mesh-1.0', scheme: 'tms', projection: 'EPSG:4326', tiles: [TERRAIN_TILE_TEMPLATE] });
    expect(layer.available).toEqual(folderLayer.available!.slice(0, 5));
    const r = folderLayer.available![4]![0]!;
    const tile = pack.getTile(4, r.startX, r.startY)!;
    expect(tile.encoding).toBe('gzip');
    expect(gunzipSync(tile.data).equals(readFileSync(join(packDir(), '4', String(r.startX), `${r.startY}.terrain`)))).toBe(true);
    expect(pack.getTile(4, 0, 0)).toBeNull();
    pack.close();
  });

  it("accepts format 'quantized-mesh' and refuses raster MBTiles naming the format field", () => {
    const path = join(t.dir, 'plain.mbtiles');
    writeMbtiles(path, 'quantized-mesh', false);
    const pack = openQuantizedMeshPack(path, 'mb2');
    expect(pack.getTile(0, 0, 0)?.encoding).toBeNull();
    pack.close();
    const png = join(t.dir, 'png.mbtiles');
    writeMbtiles(png, 'png', false);
    expect(() => openQuantizedMeshPack(png, 'png')).toThrow(/metadata field 'format' is 'png'/);
  });
});
