import { writeCsv } from '../../sources/interchange/writeCsv';
import { writeGeoJson } from '../../sources/interchange/writeGeoJson';
import { writeGeoPackage } from '../../sources/interchange/writeGeoPackage';
import type { FeaturesRepository } from '../../store/featuresRepository';

export type ExportFormat = 'gpkg' | 'geojson' | 'csv';

export function formatOf(path: string): ExportFormat | null {
  const ext = path.toLowerCase().split('.').pop();
  return ext === 'gpkg' ? 'gpkg' : ext === 'geojson' || ext === 'json' ? 'geojson' : ext === 'csv' ? 'csv' : null;
}

/** Writes a whole layer (or the features of a bbox) to GeoPackage, GeoJSON or CSV. */
export function exportLayer(
  features: FeaturesRepository,
  layerId: string,
  out: string,
  opts: { format?: ExportFormat; overwrite?: boolean; bbox?: [number, number, number, number] } = {},
): { path: string; count: number; format: ExportFormat } {
  const format = opts.format ?? formatOf(out);
  if (!format) throw Object.assign(new Error(`${out}: the file name must end in .gpkg, .geojson or .csv`), { code: 'BAD_INPUT' });
  const page = features.query(layerId, opts.bbox, Number.MAX_SAFE_INTEGER);
  const list = page.features.map((f) => ({ id: f.id, geometry: f.geometry, properties: { id: f.id, ...f.properties } }));
  if (format === 'gpkg') writeGeoPackage(out, list, { table: layerId, overwrite: opts.overwrite, description: `CityOps export: ${layerId}` });
  else if (format === 'geojson') writeGeoJson(out, list, { overwrite: opts.overwrite, name: layerId });
  else writeCsv(out, list, { overwrite: opts.overwrite });
  return { path: out, count: list.length, format };
}
