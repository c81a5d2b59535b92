import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEM_FADE_DEG, demHeightAt, heightmapTile, terrainHeightAt, type DemGrid } from '../../../../../main/sources/terrain/demGrid';
import { loadDem, saveDem } from '../../../../../main/sources/terrain/demRepository';
import { heightmapTileHandler, HEIGHTMAP_MAX_LEVEL, HEIGHTMAP_SIZE } from '../../../../../main/sources/terrain/terrainTiles';
import { openStore } from '../../../../../main/store/openStore';
import { tempDir } from '../../../../helpers/tempStore';

// 3×3 grid over Maojian: heights rise west→east by 100 m and north→south by 10 m.
const dem: DemGrid = {
  west: 110.6, south: 32.4, east: 110.9, north: 32.7, width: 3, height: 3,
  heights: Float32Array.from([0, 100, 200, 10, 110, 210, 20, 120, 220]),
};

describe('DEM sampling', () => {
  it('is bilinear inside and clamps to the edge', () => {
    expect(demHeightAt(dem, 110.6, 32.7)).toBe(0);
    expect(demHeightAt(dem, 110.9, 32.4)).toBeCloseTo(220, 4);
    expect(demHeightAt(dem, 110.675, 32.625)).toBeCloseTo(55, 3);
    expect(demHeightAt(dem, 111.5, 32.7)).toBe(200);
  });

  it('fades to 0 m outside the grid', () => {
    expect(terrainHeightAt(dem, 110.9 + DEM_FADE_DEG / 2, 32.7)).toBeCloseTo(100, 3);
    expect(terrainHeightAt(dem, 110.9 + DEM_FADE_DEG, 32.7)).toBe(0);
  });

  it('makes heightmap tiles whose shared edges agree, and none far away', () => {
    const level = 9;
    const span = 180 / 2 ** level;
    const x = Math.floor((110.75 + 180) / span), y = Math.floor((90 - 32.55) / span);
    const a = heightmapTile(dem, level, x, y, 17)!;
    const b = heightmapTile(dem, level, x + 1, y, 17)!;
    for (let r = 0; r < 17; r++) expect(a[r * 17 + 16]).toBeCloseTo(b[r * 17]!, 4);
    expect(heightmapTile(dem, level, 0, 0, 17)).toBeNull();
  });

  it('serves /tiles/dem/{level}/{x}/{y} as Float32 and refuses bad addresses', () => {
    const handler = heightmapTileHandler(dem);
    const tile = handler('9/830/82')!;
    expect(tile.contentType).toBe('application/octet-stream');
    expect(tile.data.length).toBe(HEIGHTMAP_SIZE * HEIGHTMAP_SIZE * 4);
    for (const bad of [`${HEIGHTMAP_MAX_LEVEL + 1}/0/0`, '1/4/0', '1/0/2', 'x/y/z', '9/830']) expect(handler(bad)).toBeNull();
  });
});

describe('DEM in the store', () => {
  it('round-trips and refuses non-finite heights', () => {
    const t = tempDir();
    const store = openStore(join(t.dir, 's.gpkg'));
    saveDem(store.db, 'terrain', dem, 'test', true);
    const back = loadDem(store.db, 'terrain')!;
    expect(Array.from(back.heights)).toEqual(Array.from(dem.heights));
    expect(back).toMatchObject({ minHeight: 0, maxHeight: 220, demo: true, width: 3 });
    expect(() => saveDem(store.db, 'bad', { ...dem, heights: Float32Array.from([0, 1, 2, 3, NaN, 5, 6, 7, 8]) }, 'x', false)).toThrow(/finite/);
    expect(loadDem(store.db, 'bad')).toBeNull();
    store.close();
    t.cleanup();
  });
});
