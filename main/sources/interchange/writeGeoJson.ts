import { writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { rewindRfc7946 } from './geometryTools';
import { refuseOverwrite, type ExportFeature, type WriteOptions } from './exportFeature';

/** Write an RFC 7946 FeatureCollection (EPSG:4326, right-hand-rule winding, no crs member). */
export function writeGeoJson(file: string, features: ExportFeature[], opts: WriteOptions & { name?: string } = {}): { file: string; count: number } {
  refuseOverwrite(file, opts);
  const fc = {
    type: 'FeatureCollection',
    name: opts.name ?? basename(file, extname(file)),
    features: features.map((f) => ({
      type: 'Feature',
      ...(f.id !== undefined ? { id: f.id } : {}),
      geometry: f.geometry ? rewindRfc7946(f.geometry) : null,
      properties: f.properties,
    })),
  };
  writeFileSync(file, JSON.stringify(fc), { encoding: 'utf8', flag: opts.overwrite ? 'w' : 'wx' });
  return { file, count: features.length };
}
