import type Database from 'better-sqlite3';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fromArrayBuffer, type GeoTIFFImage, type TypedArray } from 'geotiff';
import proj4 from 'proj4';
import { crsFromCode, knownEpsg, Reprojector, type CrsDefinition } from '../interchange/crs';
import { ImportError } from '../interchange/importError';
import type { DemGrid } from './demGrid';
import { saveDem } from './demRepository';

export interface ReadGeoTiffDemOptions {
  /** 'EPSG:4546': overrides the GeoKeys, and is required when the file has no EPSG code. */
  crs?: string;
  /** Largest DemGrid side in posts (default 1024). */
  maxSize?: number;
}

export interface GeoTiffDem {
  dem: DemGrid;
  /** The source CRS, 'EPSG:4546'. */
  crs: string;
  warnings: string[];
}

export const DEFAULT_DEM_MAX_SIZE = 1024;
const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';
const crsAsk = 'give it with --crs EPSG:N (e.g. --crs EPSG:4546 for CGCS2000 3° Gauss-Krüger CM 111°E), the CRS is never guessed';
/** GeoTIFF GeoKey value for "user-defined": no EPSG code. */
const USER_DEFINED = 32767;

function headerCheck(file: string, bytes: Uint8Array): void {
  const bad = (reason: string, byteOffset: number) => new ImportError({ file, byteOffset }, reason);
  if (bytes.length === 0) throw new ImportError({ file }, 'the file is empty, not a GeoTIFF');
  if (bytes.length < 8) throw bad(`the file is ${bytes.length} bytes, too short for a TIFF header`, bytes.length);
  const order = String.fromCharCode(bytes[0]!, bytes[1]!);
  if (order !== 'II' && order !== 'MM') throw bad('not a TIFF file (no II/MM byte-order mark)', 0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = order === 'II';
  const magic = view.getUint16(2, le);
  if (magic !== 42 && magic !== 43) throw bad(`not a TIFF file (version ${magic}, expected 42 or BigTIFF 43)`, 2);
  if (magic === 42) {
    const ifd = view.getUint32(4, le);
    if (ifd < 8 || ifd + 2 > bytes.length) {
      throw bad(`the first image directory at byte ${ifd} is outside the ${bytes.length}-byte file (truncated?)`, 4);
    }
  }
}

function toNumbers(v: unknown): number[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'number') return [v];
  if (typeof v === 'bigint') return [Number(v)];
  if (ArrayBuffer.isView(v) || Array.isArray(v)) return Array.from(v as ArrayLike<number | bigint>, Number);
  return [];
}

/** Every strip/tile must lie inside the file: a truncated TIFF is named with the offset of the first one that does not. */
async function checkDataBlocks(file: string, image: GeoTIFFImage, size: number): Promise<void> {
  const fd = image.getFileDirectory();
  const tiled = fd.hasTag('TileOffsets');
  const offsets = toNumbers(await fd.loadValue(tiled ? 'TileOffsets' : 'StripOffsets'));
  const counts = toNumbers(await fd.loadValue(tiled ? 'TileByteCounts' : 'StripByteCounts'));
  if (offsets.length === 0) throw new ImportError({ file, field: tiled ? 'TileOffsets' : 'StripOffsets' }, 'the image has no data blocks');
  for (let i = 0; i < offsets.length; i++) {
    const off = offsets[i]!, n = counts[i] ?? 0;
    if (off + n > size) {
      throw new ImportError(
        { file, byteOffset: off, field: tiled ? 'TileOffsets' : 'StripOffsets' },
        `${tiled ? 'tile' : 'strip'} ${i} (${n} bytes at byte ${off}) runs past the end of the ${size}-byte file: the file is truncated`,
      );
    }
  }
}

function epsgFromGeoKeys(keys: Record<string, unknown> | null): number | null {
  if (!keys) return null;
  const model = keys.GTModelTypeGeoKey;
  const projected = keys.ProjectedCSTypeGeoKey;
  const geographic = keys.GeographicTypeGeoKey;
  if (typeof projected === 'number' && projected !== USER_DEFINED && model !== 2) return projected;
  if (typeof geographic === 'number' && geographic !== USER_DEFINED && model !== 1) return geographic;
  return null;
}

/** Fills NoData cells from their valid neighbours (breadth-first, mean of the already-known 8-neighbours). */
function fillNoData(values: Float32Array, width: number, height: number, valid: Uint8Array): void {
  let queue: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (valid[i]) continue;
    const x = i % width, y = (i - x) / width;
    let near = false;
    for (let dy = -1; dy <= 1 && !near; dy++) for (let dx = -1; dx <= 1 && !near; dx++) {
      const nx = x + dx, ny = y + dy;
      if (nx >= 0 && ny >= 0 && nx < width && ny < height && valid[ny * width + nx]) near = true;
    }
    if (near) queue.push(i);
  }
  const queued = new Uint8Array(values.length);
  for (const i of queue) queued[i] = 1;
  while (queue.length) {
    // Compute the whole ring from the cells known before it, then mark it known (no directional bias).
    const ring = queue.map((i) => {
      const x = i % width, y = (i - x) / width;
      let sum = 0, n = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const nx = x + dx, ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        const j = ny * width + nx;
        if (valid[j]) {
          sum += values[j]!;
          n++;
        }
      }
      return n ? sum / n : 0;
    });
    const next: number[] = [];
    queue.forEach((i, k) => {
      values[i] = ring[k]!;
      valid[i] = 1;
    });
    for (const i of queue) {
      const x = i % width, y = (i - x) / width;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const nx = x + dx, ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        const j = ny * width + nx;
        if (!valid[j] && !queued[j]) {
          queued[j] = 1;
          next.push(j);
        }
      }
    }
    queue = next;
  }
}

/** Bilinear at fractional pixel-centre coordinates, clamped to the raster. */
function bilinear(src: Float32Array, width: number, height: number, fx: number, fy: number): number {
  const x = Math.min(Math.max(fx, 0), width - 1);
  const y = Math.min(Math.max(fy, 0), height - 1);
  const x0 = Math.floor(x), y0 = Math.floor(y);
  const x1 = Math.min(x0 + 1, width - 1), y1 = Math.min(y0 + 1, height - 1);
  const tx = x - x0, ty = y - y0;
  const a = src[y0 * width + x0]!, b = src[y0 * width + x1]!, c = src[y1 * width + x0]!, d = src[y1 * width + x1]!;
  return (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty;
}

/** Posts for a side of `span` units at `step` resolution, capped at maxSize (at least 2). */
const postsFor = (span: number, step: number, maxSize: number) => Math.max(2, Math.min(maxSize, Math.round(span / step) + 1));

/**
 * Reads a single-band GeoTIFF DEM and resamples it into a regular lon/lat DemGrid (row 0 north) covering the
 * raster's extent (pixel centres). Geographic rasters that fit in maxSize are copied post for post; larger ones
 * and projected ones (CGCS2000 Gauss-Krüger, UTM, Web Mercator) are sampled bilinearly.
 */
export async function readGeoTiffDem(file: string, opts: ReadGeoTiffDemOptions = {}): Promise<GeoTiffDem> {
  const maxSize = Math.max(2, Math.floor(opts.maxSize ?? DEFAULT_DEM_MAX_SIZE));
  const warnings: string[] = [];
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new ImportError({ file }, `cannot read the file (${(e as Error).message})`, { cause: e });
  }
  headerCheck(file, bytes);
  const fail = (e: unknown, what: string): ImportError => {
    if (e instanceof ImportError) return e;
    const msg = e instanceof Error ? e.message : String(e);
    const m = /(?:offset|byte)\s+(\d+)/i.exec(msg);
    const details = m ? { file, byteOffset: Number(m[1]) } : { file };
    const truncated = /outside the bounds|out of bounds|beyond|RangeError/i.test(`${msg} ${e instanceof Error ? e.name : ''}`);
    return new ImportError(details, `${what}: ${msg}${truncated ? ' (the file looks truncated or corrupt)' : ''}`, { cause: e });
  };

  let image: GeoTIFFImage;
  try {
    const tiff = await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    image = await tiff.getImage(0);
  } catch (e) {
    throw fail(e, 'cannot read the TIFF structure');
  }
  const bands = image.getSamplesPerPixel();
  if (bands !== 1) {
    throw new ImportError(
      { file, field: 'SamplesPerPixel' },
      `the image has ${bands} bands; a DEM must be a single band of heights (an RGB picture is not a DEM)`,
    );
  }
  const width = image.getWidth(), height = image.getHeight();
  if (width < 2 || height < 2) throw new ImportError({ file }, `the raster is ${width}×${height}; a DEM needs at least 2×2 cells`);
  await checkDataBlocks(file, image, bytes.length).catch((e: unknown) => {
    throw fail(e, 'cannot read the data block table');
  });

  // ---- georeferencing ----
  let keys: Record<string, unknown> | null;
  let origin: number[], resolution: number[];
  try {
    keys = image.getGeoKeys();
    const fd = image.getFileDirectory();
    const transform = toNumbers(fd.hasTag('ModelTransformation') ? await fd.loadValue('ModelTransformation') : undefined);
    if (transform.length >= 8 && (transform[1] !== 0 || transform[4] !== 0)) {
      throw new ImportError({ file, field: 'ModelTransformation' }, 'the raster is rotated or sheared; warp it north-up first (gdalwarp)');
    }
    origin = image.getOrigin();
    resolution = image.getResolution();
  } catch (e) {
    if (e instanceof ImportError) throw e;
    const why = `the TIFF has no usable georeferencing (${(e as Error).message}); it is not a GeoTIFF`;
    throw new ImportError({ file, field: 'ModelTiepoint' }, why, { cause: e });
  }
  const resX = resolution[0]!, resY = resolution[1]!;
  if (!Number.isFinite(resX) || !Number.isFinite(resY) || resX <= 0 || resY === 0) {
    throw new ImportError({ file, field: 'ModelPixelScale' }, `the pixel size (${resX}, ${resY}) is not usable`);
  }
  const pixelIsPoint = keys?.GTRasterTypeGeoKey === 2;
  // Centre of pixel (0,0) in source units; rows go south when resY < 0.
  const cx0 = origin[0]! + (pixelIsPoint ? 0 : resX / 2);
  const cy0 = origin[1]! + (pixelIsPoint ? 0 : resY / 2);

  let crs: CrsDefinition;
  const fromKeys = epsgFromGeoKeys(keys);
  if (opts.crs) {
    crs = crsFromCode(opts.crs, file);
    if (fromKeys !== null && knownEpsg(fromKeys)?.code !== crs.code) {
      warnings.push(`the file says EPSG:${fromKeys}; --crs ${crs.code} was used instead`);
    }
  } else if (fromKeys !== null) {
    const def = knownEpsg(fromKeys);
    if (!def) {
      const why = `the file's CRS EPSG:${fromKeys} is not supported; reproject it with gdalwarp, or ${crsAsk}`;
      throw new ImportError({ file, field: 'GeoKeyDirectory' }, why);
    }
    crs = def;
  } else {
    throw new ImportError({ file, field: 'GeoKeyDirectory' }, `the file names no EPSG coordinate system; ${crsAsk}`);
  }

  // ---- heights and NoData ----
  let values: Float32Array;
  try {
    const raster = (await image.readRasters({ samples: [0], interleave: true })) as TypedArray;
    values = raster instanceof Float32Array ? raster : Float32Array.from(raster);
  } catch (e) {
    throw fail(e, 'cannot decode the raster data');
  }
  if (values.length !== width * height) {
    throw new ImportError({ file }, `the raster holds ${values.length} values for ${width}×${height} cells (truncated?)`);
  }
  const noData = image.getGDALNoData();
  const valid = new Uint8Array(values.length);
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const ok = Number.isFinite(v) && (noData === null || (v !== noData && Math.fround(noData) !== v)) && Math.abs(v) < 1e5;
    valid[i] = ok ? 1 : 0;
    if (!ok) missing++;
  }
  const noDataLabel = noData !== null ? ` (${noData})` : '';
  if (missing === values.length) throw new ImportError({ file }, `every cell is NoData${noDataLabel}: the file holds no heights`);
  if (missing) {
    fillNoData(values, width, height, valid);
    const pct = ((100 * missing) / values.length).toFixed(1);
    warnings.push(`${missing} of ${values.length} cells (${pct}%) were NoData${noDataLabel} and were filled from their neighbours`);
  }

  // ---- into a lon/lat grid ----
  const lastX = cx0 + (width - 1) * resX, lastY = cy0 + (height - 1) * resY;
  if (crs.geographic) {
    const west = cx0, east = lastX, north = Math.max(cy0, lastY), south = Math.min(cy0, lastY);
    if (west < -180 || east > 180 || south < -90 || north > 90) {
      const why = `the extent ${west},${south},${east},${north} is not longitude/latitude in ${crs.code}; the data look projected`;
      throw new ImportError({ file }, `${why}; ${crsAsk}`);
    }
    const flip = resY > 0; // rows run north
    const w = Math.min(width, maxSize), h = Math.min(height, maxSize);
    if (w < width || h < height) warnings.push(`the ${width}×${height} raster was resampled to ${w}×${h} (maxSize ${maxSize})`);
    const heights = new Float32Array(w * h);
    for (let r = 0; r < h; r++) {
      const fy = (r / (h - 1)) * (height - 1);
      const sy = flip ? height - 1 - fy : fy;
      for (let c = 0; c < w; c++) heights[r * w + c] = bilinear(values, width, height, (c / (w - 1)) * (width - 1), sy);
    }
    return { dem: { west, south, east, north, width: w, height: h, heights }, crs: crs.code, warnings };
  }

  // Projected: the lon/lat box of the raster's outline (via the Reprojector, which checks zones and prefixes).
  const reproject = new Reprojector(crs, file);
  let west = Infinity, east = -Infinity, south = Infinity, north = -Infinity;
  const edge = 32;
  for (let k = 0; k <= edge; k++) {
    const t = k / edge;
    const pts: [number, number][] = [
      [cx0 + t * (lastX - cx0), cy0], [cx0 + t * (lastX - cx0), lastY],
      [cx0, cy0 + t * (lastY - cy0)], [lastX, cy0 + t * (lastY - cy0)],
    ];
    for (const p of pts) {
      const [lon, lat] = reproject.position(p, 0, 'extent') as [number, number];
      west = Math.min(west, lon);
      east = Math.max(east, lon);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
    }
  }
  warnings.push(...reproject.warnings);
  // Eastings with a zone prefix under a CRS without one (the Reprojector accepted them): add it back after inverting.
  const prefixed = crs.zoneWidth !== undefined && crs.eastingZone === undefined && cx0 >= 1_000_000;
  const prefix = prefixed ? Math.floor(cx0 / 1_000_000) * 1_000_000 : 0;
  const midLat = (south + north) / 2;
  const stepLat = Math.abs(resY) / 111_320, stepLon = resX / (111_320 * Math.cos((midLat * Math.PI) / 180));
  let w = postsFor(east - west, stepLon, Infinity), h = postsFor(north - south, stepLat, Infinity);
  if (w > maxSize || h > maxSize) {
    const s = maxSize / Math.max(w, h);
    warnings.push(`the grid was capped at ${maxSize} posts a side (source resolution would need ${w}×${h})`);
    w = Math.max(2, Math.round(w * s));
    h = Math.max(2, Math.round(h * s));
  }
  const inverse = proj4(WGS84, crs.proj4);
  const heights = new Float32Array(w * h);
  let outside = 0;
  for (let r = 0; r < h; r++) {
    const lat = north - (r / (h - 1)) * (north - south);
    for (let c = 0; c < w; c++) {
      const lon = west + (c / (w - 1)) * (east - west);
      const [x, y] = inverse.forward([lon, lat]);
      const fx = (x + prefix - cx0) / resX, fy = (y - cy0) / resY;
      if (fx < -0.5 || fy < -0.5 || fx > width - 0.5 || fy > height - 0.5) outside++;
      heights[r * w + c] = bilinear(values, width, height, fx, fy);
    }
  }
  if (outside) {
    warnings.push(`${outside} of ${w * h} posts of the lon/lat grid lie outside the projected raster and take its nearest edge height`);
  }
  return { dem: { west, south, east, north, width: w, height: h, heights }, crs: crs.code, warnings };
}

export interface ImportedDem {
  width: number;
  height: number;
  minHeight: number;
  maxHeight: number;
  /** [west, south, east, north] in degrees. */
  extent: [number, number, number, number];
  crs: string;
  warnings: string[];
}

/** Reads a GeoTIFF DEM and stores it as the 'terrain' DEM (source `import: <file name>`, not demo) in one transaction. */
export async function importDemFile(db: Database.Database, file: string, opts: ReadGeoTiffDemOptions = {}): Promise<ImportedDem> {
  const { dem, crs, warnings } = await readGeoTiffDem(file, opts);
  let minHeight = Infinity, maxHeight = -Infinity;
  for (const v of dem.heights) {
    if (v < minHeight) minHeight = v;
    if (v > maxHeight) maxHeight = v;
  }
  db.transaction(() => saveDem(db, 'terrain', dem, `import: ${basename(file)}`, false))();
  return { width: dem.width, height: dem.height, minHeight, maxHeight, extent: [dem.west, dem.south, dem.east, dem.north], crs, warnings };
}
