import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { Reprojector, crsFromCode, knownEpsg } from './crs';
import { inferFields } from './fieldTypes';
import { bboxOf, isEmptyGeometry, looksGeographic, summariseGeometryType, validateGeoJsonGeometry } from './geometryTools';
import { ImportError } from './importError';
import type { Geometry, ReadOptions, SourceDataset, SourceFeature } from './sourceDataset';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The byte offset and 1-based line of a JSON.parse error position, when Node names one. */
function jsonErrorLocation(text: string, message: string): { byteOffset?: number; line?: number } {
  const m = /position (\d+)/.exec(message);
  if (!m) return {};
  const pos = Number(m[1]);
  const line = text.slice(0, pos).split('\n').length;
  return { byteOffset: Buffer.byteLength(text.slice(0, pos), 'utf8'), line };
}

/** A named CRS in a (pre-RFC 7946) GeoJSON `crs` member, e.g. urn:ogc:def:crs:EPSG::4546. */
function legacyCrs(doc: Record<string, unknown>): string | undefined {
  const crs = doc.crs;
  if (!isObject(crs) || !isObject(crs.properties)) return undefined;
  const name = crs.properties.name;
  if (typeof name !== 'string') return undefined;
  if (/CRS84$/i.test(name)) return 'EPSG:4326';
  const m = /EPSG:{1,2}(\d+)$/i.exec(name);
  return m ? `EPSG:${m[1]}` : name;
}

/** Parse GeoJSON text (FeatureCollection, Feature or bare geometry). */
export function parseGeoJson(text: string, file: string, opts: ReadOptions = {}): SourceDataset {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (e) {
    throw new ImportError({ file, ...jsonErrorLocation(body, (e as Error).message) }, `invalid JSON: ${(e as Error).message}`);
  }
  if (!isObject(doc)) throw new ImportError({ file, field: 'type' }, 'GeoJSON must be an object (FeatureCollection, Feature or geometry)');
  let rawFeatures: unknown[];
  if (doc.type === 'FeatureCollection') {
    if (!Array.isArray(doc.features)) throw new ImportError({ file, field: 'features' }, 'FeatureCollection has no features array');
    rawFeatures = doc.features;
  } else if (doc.type === 'Feature') rawFeatures = [doc];
  else rawFeatures = [{ type: 'Feature', geometry: doc, properties: {} }];

  const warnings: string[] = [];
  const parsed: { id?: string | number; geometry: Geometry | null; properties: Record<string, unknown> }[] = rawFeatures.map((f, index) => {
    const where = { file, feature: index };
    if (!isObject(f)) throw new ImportError({ ...where, field: 'type' }, 'feature is not an object');
    if (f.type !== 'Feature') throw new ImportError({ ...where, field: 'type' }, `expected "Feature", got ${JSON.stringify(f.type)}`);
    if (f.properties !== null && f.properties !== undefined && !isObject(f.properties)) {
      throw new ImportError({ ...where, field: 'properties' }, 'properties must be an object or null');
    }
    if (f.id !== undefined && typeof f.id !== 'string' && typeof f.id !== 'number') {
      throw new ImportError({ ...where, field: 'id' }, 'id must be a string or a number');
    }
    const geometry = f.geometry === null || f.geometry === undefined ? null : validateGeoJsonGeometry(f.geometry, where);
    const out: { id?: string | number; geometry: Geometry | null; properties: Record<string, unknown> } = {
      geometry: geometry && !isEmptyGeometry(geometry) ? geometry : null,
      properties: (f.properties as Record<string, unknown> | null | undefined) ?? {},
    };
    if (f.id !== undefined) out.id = f.id as string | number;
    return out;
  });

  const named = opts.crs ?? legacyCrs(doc);
  const crs = named ? crsFromCode(named, file) : knownEpsg(4326)!;
  if (!named && !looksGeographic(bboxOf(parsed.map((f) => f.geometry)))) {
    throw new ImportError({ file }, 'coordinates are not longitude/latitude (RFC 7946 GeoJSON is EPSG:4326); give the CRS, e.g. --crs EPSG:4546');
  }
  if (named && !opts.crs) warnings.push(`GeoJSON 'crs' member ${named} used (RFC 7946 files are EPSG:4326)`);
  const reprojector = new Reprojector(crs, file);
  const features: SourceFeature[] = parsed.map((f, index) => {
    const out: SourceFeature = { index, geometry: f.geometry ? reprojector.geometry(f.geometry, index) : null, properties: f.properties };
    if (f.id !== undefined) out.id = f.id;
    return out;
  });
  warnings.push(...reprojector.warnings);
  const name = typeof doc.name === 'string' ? doc.name : basename(file, extname(file));
  return {
    kind: 'features',
    file,
    format: 'geojson',
    layerName: name,
    crs: { code: crs.code, label: crs.label },
    encoding: 'utf-8',
    geometryType: summariseGeometryType(features.map((f) => f.geometry)),
    fields: inferFields(features.map((f) => f.properties)),
    features,
    warnings,
  };
}

export function readGeoJson(file: string, opts: ReadOptions = {}): SourceDataset {
  const bytes = readFileSync(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportError({ file }, 'GeoJSON must be UTF-8 (RFC 7946); the file has bytes that are not valid UTF-8');
  }
  return parseGeoJson(text, file, opts);
}
