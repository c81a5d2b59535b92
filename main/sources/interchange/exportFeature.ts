import { existsSync } from 'node:fs';
import type { Geometry } from './sourceDataset';

/** What the writers take: GeoJSON geometry in EPSG:4326 and flat properties (SourceFeature fits). */
export interface ExportFeature {
  id?: string | number;
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}

export interface WriteOptions {
  /** Replace an existing file; without it an existing file is an error. */
  overwrite?: boolean;
}

export class ExportError extends Error {
  readonly code = 'BAD_INPUT' as const;
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ExportError';
  }
}

export function refuseOverwrite(file: string, opts: WriteOptions): void {
  if (!opts.overwrite && existsSync(file)) throw new ExportError(file, 'the file exists; choose another name or pass overwrite: true (--overwrite)');
}

/** Union of property names in first-seen order. */
export function propertyNames(features: ExportFeature[]): string[] {
  const names = new Set<string>();
  for (const f of features) for (const k of Object.keys(f.properties)) names.add(k);
  return [...names];
}
