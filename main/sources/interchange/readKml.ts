import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import { Reprojector, knownEpsg } from './crs';
import { inferFields } from './fieldTypes';
import { isEmptyGeometry, summariseGeometryType, validateGeoJsonGeometry } from './geometryTools';
import { ImportError } from './importError';
import type { Geometry, ReadOptions, SourceDataset, SourceFeature } from './sourceDataset';

/** Styling members togeojson adds to properties; they are not attributes. */
const styleKeys = new Set(['styleUrl', 'styleHash', 'styleMapHash', 'stroke', 'stroke-opacity', 'stroke-width', 'fill', 'fill-opacity', 'icon', 'icon-scale', 'icon-color', 'icon-opacity', 'icon-offset', 'icon-offset-units', 'label-scale', 'label-color', 'label-opacity', 'visibility', 'icon-heading']);

function kmlText(file: string): string {
  const bytes = readFileSync(file);
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (!isZip) return new TextDecoder('utf-8').decode(bytes);
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (e) {
    throw new ImportError({ file }, `not a readable KMZ (zip) archive: ${(e as Error).message}`);
  }
  const names = Object.keys(entries).filter((n) => n.toLowerCase().endsWith('.kml'));
  const main = names.find((n) => n.toLowerCase() === 'doc.kml') ?? names[0];
  if (!main) throw new ImportError({ file }, 'the KMZ archive contains no .kml document');
  return new TextDecoder('utf-8').decode(entries[main]!);
}

/** KML or KMZ (zipped KML; doc.kml or the first .kml inside). KML is always WGS 84 longitude/latitude. */
export function readKml(file: string, _opts: ReadOptions = {}): SourceDataset {
  const text = kmlText(file);
  const errors: string[] = [];
  let doc;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') errors.push(message);
      },
    }).parseFromString(text, 'text/xml');
  } catch (e) {
    throw new ImportError({ file }, `invalid XML: ${(e as Error).message}`);
  }
  if (errors.length) throw new ImportError({ file }, `invalid XML: ${errors[0]}`);
  if (!doc.documentElement || !/kml$/i.test(doc.documentElement.nodeName)) {
    throw new ImportError({ file }, `not a KML document (root element <${doc.documentElement?.nodeName ?? 'none'}>)`);
  }
  const fc = kml(doc);
  const crs = knownEpsg(4326)!;
  const reprojector = new Reprojector(crs, file);
  const warnings: string[] = [];
  const features: SourceFeature[] = fc.features.map((f, index) => {
    let geometry: Geometry | null = f.geometry ? validateGeoJsonGeometry(f.geometry, { file, feature: index }) : null;
    if (geometry && isEmptyGeometry(geometry)) geometry = null;
    if (geometry) geometry = reprojector.geometry(geometry, index);
    const properties: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(f.properties ?? {})) if (!styleKeys.has(k)) properties[k] = v;
    const out: SourceFeature = { index, geometry, properties };
    if (typeof f.id === 'string' || typeof f.id === 'number') out.id = f.id;
    return out;
  });
  return {
    kind: 'features',
    file,
    format: 'kml',
    layerName: basename(file, extname(file)),
    crs: { code: crs.code, label: crs.label },
    encoding: 'utf-8',
    geometryType: summariseGeometryType(features.map((f) => f.geometry)),
    fields: inferFields(features.map((f) => f.properties)),
    features,
    warnings,
  };
}
