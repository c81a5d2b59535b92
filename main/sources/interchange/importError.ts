import { basename } from 'node:path';

export interface ImportErrorDetails {
  /** The file being read (path as given). */
  file: string;
  /** 0-based feature index (GeoJSON, shapefile, GeoPackage, KML). */
  feature?: number;
  /** 0-based data row (CSV, DBF). */
  row?: number;
  /** 1-based line of a text file, when known. */
  line?: number;
  /** Attribute or structural field, e.g. '管径', 'geometry.coordinates', 'time'. */
  field?: string;
  /** Byte offset in the file, when known. */
  byteOffset?: number;
}

/**
 * Bad input: the file cannot be imported as it is. The message always names the file and whichever of
 * feature/row/line/field/byte offset apply, so the import dialog and the CLI can show it unchanged.
 */
export class ImportError extends Error {
  readonly code = 'BAD_INPUT' as const;
  readonly file: string;
  readonly feature?: number;
  readonly row?: number;
  readonly line?: number;
  readonly field?: string;
  readonly byteOffset?: number;
  /** The reason without the location prefix. */
  readonly reason: string;

  constructor(details: ImportErrorDetails, reason: string, options?: { cause?: unknown }) {
    super(`${describeLocation(details)}: ${reason}`, options);
    this.name = 'ImportError';
    this.file = details.file;
    this.reason = reason;
    if (details.feature !== undefined) this.feature = details.feature;
    if (details.row !== undefined) this.row = details.row;
    if (details.line !== undefined) this.line = details.line;
    if (details.field !== undefined) this.field = details.field;
    if (details.byteOffset !== undefined) this.byteOffset = details.byteOffset;
  }
}

export function describeLocation(d: ImportErrorDetails): string {
  const parts = [basename(d.file) === d.file ? d.file : `${basename(d.file)} (${d.file})`];
  if (d.feature !== undefined) parts.push(`feature ${d.feature}`);
  if (d.row !== undefined) parts.push(`row ${d.row}`);
  if (d.line !== undefined) parts.push(`line ${d.line}`);
  if (d.field !== undefined) parts.push(`field '${d.field}'`);
  if (d.byteOffset !== undefined) parts.push(`byte offset ${d.byteOffset}`);
  return parts.join(', ');
}

export function isImportError(e: unknown): e is ImportError {
  return e instanceof ImportError;
}

/** Re-throw `e` as an ImportError at `details` unless it already is one. */
export function asImportError(e: unknown, details: ImportErrorDetails): ImportError {
  if (e instanceof ImportError) return e;
  const reason = e instanceof Error ? e.message : String(e);
  return new ImportError(details, reason, { cause: e });
}
