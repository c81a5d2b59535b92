import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { openShp } from 'shapefile';
import { Reprojector, crsFromCode, crsFromWkt, knownEpsg, type CrsDefinition } from './crs';
import { bboxOf, isEmptyGeometry, looksGeographic, summariseGeometryType } from './geometryTools';
import { ImportError, asImportError } from './importError';
import { parseDbf } from './readDbf';
import type { Geometry, ReadOptions, SourceDataset, SourceFeature } from './sourceDataset';

interface Part {
  /** Path for messages: the loose file, or 'archive.zip!inner.dbf'. */
  path: string;
  bytes: Uint8Array;
}

export interface ShapefileParts {
  name: string;
  shp: Part;
  shx?: Part;
  dbf?: Part;
  /** Where the .dbf should be, for the 'missing' message. */
  dbfPath: string;
  prj?: Part;
  cpg?: Part;
}

function looseParts(shpPath: string): ShapefileParts {
  const dir = dirname(shpPath);
  const stem = basename(shpPath, extname(shpPath));
  const siblings = readdirSync(dir);
  const find = (ext: string): Part | undefined => {
    const name = siblings.find((n) => n.toLowerCase() === `${stem.toLowerCase()}.${ext}`);
    if (!name) return undefined;
    const path = join(dir, name);
    return { path, bytes: readFileSync(path) };
  };
  const parts: ShapefileParts = { name: stem, shp: { path: shpPath, bytes: readFileSync(shpPath) }, dbfPath: join(dir, `${stem}.dbf`) };
  for (const ext of ['shx', 'dbf', 'prj', 'cpg'] as const) {
    const p = find(ext);
    if (p) parts[ext] = p;
  }
  return parts;
}

/** The shapefiles (by layer name) inside a zip, for the import dialog. */
export function listZipShapefiles(zipBytes: Uint8Array, file: string): string[] {
  return Object.keys(unzipEntries(zipBytes, file))
    .filter((n) => n.toLowerCase().endsWith('.shp'))
    .map((n) => basename(n, extname(n)));
}

function unzipEntries(zipBytes: Uint8Array, file: string): Record<string, Uint8Array> {
  try {
    const all = unzipSync(zipBytes);
    return Object.fromEntries(Object.entries(all).filter(([n]) => !n.startsWith('__MACOSX/') && !n.endsWith('/')));
  } catch (e) {
    throw new ImportError({ file }, `not a readable zip archive: ${(e as Error).message}`);
  }
}

function zipParts(zipPath: string, table: string | undefined): ShapefileParts {
  const entries = unzipEntries(readFileSync(zipPath), zipPath);
  const shps = Object.keys(entries).filter((n) => n.toLowerCase().endsWith('.shp'));
  if (shps.length === 0) throw new ImportError({ file: zipPath }, 'the zip archive contains no .shp file');
  let shpName: string | undefined;
  if (table) {
    shpName = shps.find((n) => basename(n, extname(n)) === table);
    if (!shpName) throw new ImportError({ file: zipPath }, `no shapefile '${table}' in the archive; it has: ${shps.join(', ')}`);
  } else if (shps.length > 1) {
    throw new ImportError({ file: zipPath }, `the archive has ${shps.length} shapefiles (${shps.join(', ')}); choose one with --table`);
  } else shpName = shps[0]!;
  const stem = shpName.slice(0, -4);
  const find = (ext: string): Part | undefined => {
    const name = Object.keys(entries).find((n) => n.toLowerCase() === `${stem.toLowerCase()}.${ext}`);
    return name ? { path: `${zipPath}!${name}`, bytes: entries[name]! } : undefined;
  };
  const parts: ShapefileParts = { name: basename(stem), shp: { path: `${zipPath}!${shpName}`, bytes: entries[shpName]! }, dbfPath: `${zipPath}!${stem}.dbf` };
  for (const ext of ['shx', 'dbf', 'prj', 'cpg'] as const) {
    const p = find(ext);
    if (p) parts[ext] = p;
  }
  return parts;
}

/** Walk the .shp record headers; a record running past the end is an ImportError with its offset. */
function countShpRecords(shp: Part): number {
  const buf = Buffer.from(shp.bytes.buffer, shp.bytes.byteOffset, shp.bytes.byteLength);
  const file = shp.path;
  if (buf.length < 100) throw new ImportError({ file, byteOffset: buf.length }, `.shp header truncated: ${buf.length} of 100 bytes`);
  if (buf.readInt32BE(0) !== 9994) throw new ImportError({ file, byteOffset: 0 }, 'not an ESRI shapefile (file code 9994 missing)');
  const declared = buf.readInt32BE(24) * 2;
  let offset = 100;
  let n = 0;
  while (offset < buf.length) {
    if (offset + 8 > buf.length) {
      throw new ImportError({ file, feature: n, byteOffset: offset }, `.shp truncated inside the header of record ${n} (file has ${buf.length} bytes, header declares ${declared})`);
    }
    const contentLength = buf.readInt32BE(offset + 4) * 2;
    if (contentLength < 4 || offset + 8 + contentLength > buf.length) {
      throw new ImportError(
        { file, feature: n, byteOffset: offset },
        `.shp truncated: record ${n} needs ${contentLength} bytes after byte ${offset + 8}, the file ends at ${buf.length} (header declares ${declared})`,
      );
    }
    offset += 8 + contentLength;
    n++;
  }
  if (declared > buf.length) {
    throw new ImportError({ file, feature: n, byteOffset: buf.length }, `.shp truncated after record ${n - 1}: the header declares ${declared} bytes, the file has ${buf.length}`);
  }
  return n;
}

export async function readShapefileParts(parts: ShapefileParts, opts: ReadOptions = {}): Promise<SourceDataset> {
  const warnings: string[] = [];
  const count = countShpRecords(parts.shp);
  if (!parts.dbf) throw new ImportError({ file: parts.dbfPath }, `missing .dbf (attributes) for ${basename(parts.shp.path)}: a shapefile needs .shp, .shx and .dbf`);
  if (!parts.shx) warnings.push('no .shx index (not needed to read, but other tools require it)');
  const cpg = parts.cpg ? Buffer.from(parts.cpg.bytes).toString('latin1').trim() : undefined;
  const dbf = parseDbf(parts.dbf.bytes, parts.dbf.path, opts.encoding ?? cpg);
  warnings.push(...dbf.warnings);
  if (dbf.records.length < count) {
    const headerLength = Buffer.from(parts.dbf.bytes.buffer, parts.dbf.bytes.byteOffset, parts.dbf.bytes.byteLength).readUInt16LE(8);
    const recordLength = Buffer.from(parts.dbf.bytes.buffer, parts.dbf.bytes.byteOffset, parts.dbf.bytes.byteLength).readUInt16LE(10);
    throw new ImportError(
      { file: parts.dbf.path, feature: dbf.records.length, byteOffset: headerLength + dbf.records.length * recordLength },
      `.dbf has ${dbf.records.length} rows (header declares ${dbf.declaredCount}) but ${basename(parts.shp.path)} has ${count} shapes`,
    );
  }
  if (dbf.records.length > count) warnings.push(`.dbf has ${dbf.records.length} rows, .shp ${count} shapes: extra rows ignored`);

  const geometries: (Geometry | null)[] = [];
  try {
    const source = await openShp(parts.shp.bytes);
    for (;;) {
      const r = await source.read();
      if (r.done) break;
      const g = r.value as Geometry | null;
      geometries.push(g && !isEmptyGeometry(g) ? g : null);
    }
  } catch (e) {
    throw asImportError(e, { file: parts.shp.path, feature: geometries.length });
  }

  let crs: CrsDefinition;
  const prjText = parts.prj ? Buffer.from(parts.prj.bytes).toString('utf8') : undefined;
  if (opts.crs) crs = crsFromCode(opts.crs, parts.shp.path);
  else if (prjText) crs = crsFromWkt(prjText, parts.prj!.path);
  else if (looksGeographic(bboxOf(geometries))) {
    crs = knownEpsg(4326)!;
    warnings.push('no .prj: coordinates are within longitude/latitude ranges and were taken as EPSG:4326');
  } else {
    throw new ImportError({ file: parts.shp.path }, 'no .prj and the coordinates are projected; give the CRS, e.g. --crs EPSG:4546');
  }
  const reprojector = new Reprojector(crs, parts.shp.path);
  const features: SourceFeature[] = geometries.map((g, index) => ({
    index,
    geometry: g ? reprojector.geometry(g, index) : null,
    properties: dbf.records[index]!,
  }));
  warnings.push(...reprojector.warnings);
  return {
    kind: 'features',
    file: parts.shp.path,
    format: 'shapefile',
    layerName: parts.name,
    crs: { code: crs.code, label: crs.label },
    encoding: dbf.encoding,
    geometryType: summariseGeometryType(features.map((f) => f.geometry)),
    fields: dbf.fields.map(({ name, type }) => ({ name, type })),
    features,
    warnings,
  };
}

/** A loose .shp (with .shx/.dbf/.prj/.cpg beside it) or a .zip holding one (or `opts.table`). */
export async function readShapefile(file: string, opts: ReadOptions = {}): Promise<SourceDataset> {
  if (!existsSync(file)) throw new ImportError({ file }, 'file not found');
  const magic = readFileSync(file).subarray(0, 2);
  const isZip = magic[0] === 0x50 && magic[1] === 0x4b;
  return readShapefileParts(isZip ? zipParts(file, opts.table) : looseParts(file), opts);
}
