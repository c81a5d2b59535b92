import { writeFileSync } from 'node:fs';
import wkx from 'wkx';
import { propertyNames, refuseOverwrite, type ExportFeature, type WriteOptions } from './exportFeature';

export interface CsvWriteOptions extends WriteOptions {
  /** 'lonlat' for points (the default when every geometry is a Point), 'wkt' otherwise. */
  geometry?: 'auto' | 'lonlat' | 'wkt';
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV in UTF-8 with BOM and CRLF (Excel opens Chinese text), geometry as lon/lat or a WKT column. */
export function writeCsv(file: string, features: ExportFeature[], opts: CsvWriteOptions = {}): { file: string; count: number; geometry: 'lonlat' | 'wkt' } {
  refuseOverwrite(file, opts);
  const allPoints = features.every((f) => !f.geometry || f.geometry.type === 'Point');
  const mode = opts.geometry === 'lonlat' || opts.geometry === 'wkt' ? opts.geometry : allPoints ? 'lonlat' : 'wkt';
  if (mode === 'lonlat' && !allPoints) throw new Error(`${file}: lon/lat columns need Point geometries; use geometry: 'wkt'`);
  const props = propertyNames(features);
  const withId = features.some((f) => f.id !== undefined) && !props.includes('id');
  const geomHeader = mode === 'lonlat' ? ['lon', 'lat'] : ['wkt'];
  const header = [...(withId ? ['id'] : []), ...geomHeader, ...props];
  const lines = [header.map(cell).join(',')];
  for (const f of features) {
    let geom: unknown[];
    if (mode === 'lonlat') {
      const c = f.geometry?.type === 'Point' ? (f.geometry.coordinates as number[]) : null;
      geom = c ? [c[0], c[1]] : ['', ''];
    } else geom = [f.geometry ? wkx.Geometry.parseGeoJSON(f.geometry).toWkt() : ''];
    lines.push([...(withId ? [f.id] : []), ...geom, ...props.map((p) => f.properties[p])].map(cell).join(','));
  }
  writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`, { encoding: 'utf8', flag: opts.overwrite ? 'w' : 'wx' });
  return { file, count: features.length, geometry: mode };
}
