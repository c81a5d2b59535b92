import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { ImportError } from '../../../../../main/sources/interchange/importError';
import { demHeightAt } from '../../../../../main/sources/terrain/demGrid';
import { loadDem } from '../../../../../main/sources/terrain/demRepository';
import { importDemFile, readGeoTiffDem } from '../../../../../main/sources/terrain/readGeoTiffDem';
import { openStore } from '../../../../../main/store/openStore';
import { tempDir } from '../../../../helpers/tempStore';

const hasGdal = spawnSync('gdal_translate', ['--version']).status === 0 && spawnSync('gdalwarp', ['--version']).status === 0;

function needGdal(ctx: TestContext): void {
  if (hasGdal) return;
  if (process.env.CI) throw new Error('gdal-bin (gdal_translate, gdalwarp) is required on CI');
  ctx.skip('gdal-bin is not installed: GeoTIFF fixtures cannot be made');
}

// Synthetic Maojian DEM: 70×60 cells of 0.005° over 110.6–110.95E, 32.4–32.7N (ESRI ASCII grid, cell centres).
const W0 = 110.6, S0 = 32.4, CELL = 0.005, COLS = 70, ROWS = 60;
/** 300 m in the NW corner rising to ~1700 m, with a 150 m bump: curved enough that interpolation error is visible. */
function heightFn(lon: number, lat: number): number {
  const u = (lon - W0) / 0.35, v = (lat - S0) / 0.3;
  return 300 + 1000 * u + 400 * v + 150 * Math.sin(Math.PI * u) * Math.sin(Math.PI * v);
}

function writeAsc(path: string, hole?: { col: number; row: number; size: number }): void {
  const lines = [`ncols ${COLS}`, `nrows ${ROWS}`, `xllcorner ${W0}`, `yllcorner ${S0}`, `cellsize ${CELL}`, 'NODATA_value -9999'];
  for (let r = 0; r < ROWS; r++) {
    const lat = S0 + (ROWS - r - 0.5) * CELL;
    const row: string[] = [];
    for (let c = 0; c < COLS; c++) {
      const inHole = hole && c >= hole.col && c < hole.col + hole.size && r >= hole.row && r < hole.row + hole.size;
      row.push(inHole ? '-9999' : heightFn(W0 + (c + 0.5) * CELL, lat).toFixed(3));
    }
    lines.push(row.join(' '));
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

const gdal = (tool: string, args: string[]) => execFileSync(tool, ['-q', ...args], { stdio: 'pipe' });

// Interior sample points (away from the warped raster's NoData corners), not on grid posts.
const samples: [number, number][] = [];
for (let i = 1; i < 9; i++) for (let j = 1; j < 9; j++) samples.push([W0 + 0.35 * (i / 9 + 0.013), S0 + 0.3 * (j / 9 + 0.007)]);

let t: ReturnType<typeof tempDir>;
const f = (name: string) => join(t.dir, name);

beforeAll(() => {
  t = tempDir('cityops-dem-');
  if (!hasGdal) return;
  writeAsc(f('dem.asc'));
  gdal('gdal_translate', ['-a_srs', 'EPSG:4326', f('dem.asc'), f('dem4326.tif')]);
  gdal('gdal_translate', [f('dem.asc'), f('nocrs.tif')]); // the .asc has no .prj: a GeoTIFF without a CRS
  // -et 0: exact transformation (the default approximation allows 0.125 px ≈ 50 m of position error). -tr 400: finer
  // than the 470×555 m source cells; at GDAL's own choice (507 m) it downsamples in x with a widened kernel that
  // alone adds ~1 m of error, which would hide ours.
  const warp = ['-t_srs', 'EPSG:4546', '-tr', '400', '400', '-r', 'bilinear', '-et', '0', '-dstnodata', '-9999'];
  gdal('gdalwarp', [...warp, f('dem4326.tif'), f('dem4546.tif')]);
  writeAsc(f('hole.asc'), { col: 30, row: 20, size: 3 });
  gdal('gdal_translate', ['-a_srs', 'EPSG:4326', f('hole.asc'), f('hole.tif')]);
  const rgb = ['-ot', 'Byte', '-scale', '-b', '1', '-b', '1', '-b', '1', '-co', 'PHOTOMETRIC=RGB'];
  gdal('gdal_translate', [...rgb, f('dem4326.tif'), f('rgb.tif')]);
});
afterAll(() => t.cleanup());

describe('readGeoTiffDem', () => {
  it('reads an EPSG:4326 GeoTIFF post for post', async (ctx) => {
    needGdal(ctx);
    const { dem, crs, warnings } = await readGeoTiffDem(f('dem4326.tif'), {});
    expect(crs).toBe('EPSG:4326');
    expect(warnings).toEqual([]);
    expect(dem).toMatchObject({ width: COLS, height: ROWS });
    // The grid's posts are the pixel centres.
    expect(dem.west).toBeCloseTo(W0 + CELL / 2, 9);
    expect(dem.north).toBeCloseTo(S0 + 0.3 - CELL / 2, 9);
    // Posts are copied: only the .asc's 3 decimals and Float32 rounding (≤ 0.001 m).
    expect(Math.abs(dem.heights[0]! - heightFn(dem.west, dem.north))).toBeLessThan(0.001);
    // Between posts the bilinear error is ≤ (Δ²/8)·(|h_xx|+|h_yy|) = (0.005²/8)·150π²(1/0.35² + 1/0.3²) ≈ 0.09 m.
    for (const [lon, lat] of samples) expect(Math.abs(demHeightAt(dem, lon, lat) - heightFn(lon, lat))).toBeLessThan(0.1);
  });

  it('reads a CGCS2000 3° Gauss-Krüger (EPSG:4546) GeoTIFF back into lon/lat', async (ctx) => {
    needGdal(ctx);
    const { dem, crs, warnings } = await readGeoTiffDem(f('dem4546.tif'), {});
    expect(crs).toBe('EPSG:4546');
    // The warped raster is rotated ~0.12° against lon/lat (CM 111°E): its corner cells are NoData and get filled.
    expect(warnings).toEqual([expect.stringMatching(/^\d+ of \d+ cells \(\d\.\d%\) were NoData \(-9999\) and were filled/)]);
    expect(dem.west).toBeLessThan(110.61);
    expect(dem.east).toBeGreaterThan(110.94);
    expect(dem.south).toBeLessThan(32.41);
    expect(dem.north).toBeGreaterThan(32.69);
    expect(dem.width).toBeGreaterThan(50);
    // Three bilinear resamplings of the 150 m bump, each ≤ (Δ²/8)·150π²(1/32.8 km² + 1/33.3 km²) = Δ²·0.34e-6 m:
    // gdalwarp reading 470×555 m cells (0.09 m), ours onto ~400 m posts (0.05 m), demHeightAt between them (0.05 m):
    // 0.19 m; the linear part is reproduced exactly. Measured ≈ 0.14 m. Tolerance 0.3 m.
    let worst = 0;
    for (const [lon, lat] of samples) worst = Math.max(worst, Math.abs(demHeightAt(dem, lon, lat) - heightFn(lon, lat)));
    expect(worst).toBeLessThan(0.3);
  });

  it('fills NoData from the neighbours and says how many cells', async (ctx) => {
    needGdal(ctx);
    const { dem, warnings } = await readGeoTiffDem(f('hole.tif'), {});
    expect(warnings).toEqual([expect.stringMatching(/^9 of 4200 cells \(0\.2%\) were NoData \(-9999\) and were filled/)]);
    // Neighbour means of a near-linear surface: off by at most about one cell's rise (1000/70 ≈ 14 m).
    const lon = W0 + 31.5 * CELL, lat = S0 + (ROWS - 21.5) * CELL;
    expect(Math.abs(demHeightAt(dem, lon, lat) - heightFn(lon, lat))).toBeLessThan(16);
    expect(dem.heights.every((h) => h > 250 && h < 1800)).toBe(true);
  });

  it('caps the grid at maxSize and keeps the extent', async (ctx) => {
    needGdal(ctx);
    const { dem, warnings } = await readGeoTiffDem(f('dem4326.tif'), { maxSize: 33 });
    expect(dem.width).toBe(33);
    expect(dem.height).toBe(33);
    expect(dem.east).toBeCloseTo(W0 + 0.35 - CELL / 2, 9);
    expect(warnings.join()).toMatch(/resampled to 33×33/);
  });

  it('asks for --crs when the file names none, and takes it when given', async (ctx) => {
    needGdal(ctx);
    await expect(readGeoTiffDem(f('nocrs.tif'), {})).rejects.toThrow(/nocrs\.tif.*no EPSG coordinate system.*--crs EPSG:/);
    const { crs, dem } = await readGeoTiffDem(f('nocrs.tif'), { crs: 'EPSG:4326' });
    expect(crs).toBe('EPSG:4326');
    expect(demHeightAt(dem, 110.8, 32.55)).toBeCloseTo(heightFn(110.8, 32.55), 0);
  });

  it('refuses bad input with ImportErrors that name the file and the reason', async (ctx) => {
    needGdal(ctx);
    const good = readFileSync(f('dem4326.tif'));
    const corpus: [string, Buffer | null, RegExp, number | undefined][] = [
      ['empty.tif', Buffer.alloc(0), /empty/, undefined],
      ['text.tif', Buffer.from('this is not a tiff at all, just some text'), /not a TIFF/, 0],
      ['random.tif', Buffer.concat([Buffer.from('ZZ'), randomBytes(4000)]), /not a TIFF/, 0],
      ['short.tif', good.subarray(0, 6), /too short/, 6],
      ['truncated.tif', good.subarray(0, Math.floor(good.length * 0.6)), /truncated/, undefined],
      ['rgb.tif', null, /3 bands/, undefined],
    ];
    for (const [name, bytes, reason, offset] of corpus) {
      if (bytes) writeFileSync(f(name), bytes);
      const err = await readGeoTiffDem(f(name), {}).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, name).toBeInstanceOf(ImportError);
      const ie = err as ImportError;
      expect(ie.file).toBe(f(name));
      expect(ie.message).toContain(name);
      expect(ie.reason, name).toMatch(reason);
      if (offset !== undefined) expect(ie.byteOffset, name).toBe(offset);
    }
    // A truncated file names the byte offset of the first strip past the end.
    const trunc = await readGeoTiffDem(f('truncated.tif'), {}).then(
      () => null,
      (e: unknown) => e as ImportError,
    );
    expect(trunc?.byteOffset).toBeGreaterThan(0);
    await expect(readGeoTiffDem(f('missing.tif'), {})).rejects.toThrow(/missing\.tif.*cannot read/);
  });
});

describe('importDemFile', () => {
  it('stores the DEM as terrain in one transaction', async (ctx) => {
    needGdal(ctx);
    const store = openStore(f('s.gpkg'));
    try {
      const r = await importDemFile(store.db, f('dem4546.tif'), {});
      expect(r.crs).toBe('EPSG:4546');
      expect(r.minHeight).toBeGreaterThan(250);
      expect(r.maxHeight).toBeLessThan(1900);
      const back = loadDem(store.db, 'terrain')!;
      expect(back).toMatchObject({ width: r.width, height: r.height, source: 'import: dem4546.tif', demo: false });
      expect(back.west).toBe(r.extent[0]);
      // A refused file leaves the stored DEM alone.
      await expect(importDemFile(store.db, f('rgb.tif'), {})).rejects.toThrow(ImportError);
      expect(loadDem(store.db, 'terrain')!.source).toBe('import: dem4546.tif');
    } finally {
      store.close();
    }
  });
});
