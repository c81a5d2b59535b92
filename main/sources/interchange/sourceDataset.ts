import type { Geometry } from '../../../preload/contract';

export type { Geometry };

export type SourceFieldType = 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'unknown';

export interface SourceField {
  name: string;
  type: SourceFieldType;
}

export interface SourceFeature {
  /** Row or feature number, 0-based. */
  index: number;
  id?: string | number;
  /** GeoJSON in EPSG:4326 after reprojection; null for a missing or empty geometry. */
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}

export type SourceFormat = 'geojson' | 'shapefile' | 'geopackage' | 'csv' | 'kml';

export interface SourceDataset {
  kind?: 'features';
  file: string;
  format: SourceFormat;
  layerName: string;
  /** The CRS the source was in (the features are always EPSG:4326). */
  crs: { code: string; label: string };
  encoding?: string;
  /** 'Point', 'LineString', … or 'Mixed'; null when no feature has a geometry. */
  geometryType: string | null;
  fields: SourceField[];
  features: SourceFeature[];
  warnings: string[];
}

export interface TimeSeriesRow {
  stream: string;
  /** Epoch milliseconds (UTC). */
  ts: number;
  value: number;
}

export interface TimeSeriesDataset {
  kind: 'timeseries';
  file: string;
  format: 'csv';
  encoding: string;
  rows: TimeSeriesRow[];
  warnings: string[];
}

export interface ReadOptions {
  /** The CRS of the coordinates when the file does not say ('EPSG:4546'); overrides a .prj it cannot read. */
  crs?: string;
  /** GeoPackage table, or the shapefile in a zip with several. */
  table?: string;
  /** Text encoding of DBF/CSV ('utf-8', 'gbk'); detected when absent. */
  encoding?: string;
}
