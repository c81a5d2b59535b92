import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { unzipSync } from 'fflate';
import { ImportError } from './importError';
import { readCsv } from './readCsv';
import { readGeoJson } from './readGeoJson';
import { readGeoPackage } from './readGeoPackage';
import { readKml } from './readKml';
import { readShapefile } from './readShapefile';
import type { ReadOptions, SourceDataset, SourceFormat, TimeSeriesDataset } from './sourceDataset';

export type DetectedFormat = SourceFormat | 'kmz' | 'shapefile-zip';

function head(file: string, n: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/** The format by extension, confirmed or replaced by the magic bytes. Throws ImportError for what it cannot read. */
export function detectFormat(file: string): DetectedFormat {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new ImportError({ file }, 'is a directory; choose a file (.geojson, .shp, .zip, .gpkg, .csv, .kml, .kmz)');
    size = st.size;
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError({ file }, `cannot read: ${(e as Error).message}`);
  }
  if (size === 0) throw new ImportError({ file, byteOffset: 0 }, 'the file is empty');
  const ext = extname(file).toLowerCase();
  const h = head(file, 512);
  const sqlite = h.subarray(0, 16).toString('latin1') === 'SQLite format 3\0';
  const zip = h[0] === 0x50 && h[1] === 0x4b && h[2] === 0x03 && h[3] === 0x04;
  const shp = h.length >= 4 && h.readInt32BE(0) === 9994;
  const text = h.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (sqlite) return 'geopackage';
  if (shp) return 'shapefile';
  if (zip) {
    if (ext === '.kmz') return 'kmz';
    let names: string[];
    try {
      names = Object.keys(unzipSync(readFileSync(file), { filter: (f) => !f.name.endsWith('/') && f.size >= 0 && /\.(shp|kml)$/i.test(f.name) }));
    } catch (e) {
      throw new ImportError({ file }, `not a readable zip archive: ${(e as Error).message}`);
    }
    if (names.some((n) => /\.shp$/i.test(n))) return 'shapefile-zip';
    if (names.some((n) => /\.kml$/i.test(n))) return 'kmz';
    throw new ImportError({ file }, 'the zip archive holds neither a shapefile (.shp) nor a KML document');
  }
  if (ext === '.gpkg' || ext === '.shp' || ext === '.zip' || ext === '.kmz') {
    throw new ImportError({ file, byteOffset: 0 }, `the content is not a ${ext.slice(1).toUpperCase()} file (wrong magic bytes)`);
  }
  if (text.startsWith('{') || text.startsWith('[')) return 'geojson';
  if (text.startsWith('<')) return 'kml';
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return 'csv';
  if (ext === '.geojson' || ext === '.json') return 'geojson';
  if (ext === '.kml') return 'kml';
  // No known extension: a CSV needs a printable header line.
  const printable = h.every((b) => b === 9 || b === 10 || b === 13 || b >= 32);
  if (printable && /[,;\t]/.test(text.split(/\r?\n/, 1)[0] ?? '')) return 'csv';
  throw new ImportError({ file, byteOffset: 0 }, 'unrecognised file format (expected GeoJSON, shapefile, GeoPackage, CSV, KML or KMZ)');
}

/** Read any supported source into EPSG:4326 features (or a CSV time series). All failures are ImportErrors. */
export async function readSource(file: string, opts: ReadOptions = {}): Promise<SourceDataset | TimeSeriesDataset> {
  const format = detectFormat(file);
  switch (format) {
    case 'geojson':
      return readGeoJson(file, opts);
    case 'shapefile':
    case 'shapefile-zip':
      return readShapefile(file, opts);
    case 'geopackage':
      return readGeoPackage(file, opts);
    case 'csv':
      return readCsv(file, opts);
    case 'kml':
    case 'kmz':
      return readKml(file, opts);
  }
}

export function isTimeSeries(d: SourceDataset | TimeSeriesDataset): d is TimeSeriesDataset {
  return d.kind === 'timeseries';
}
