import proj4 from 'proj4';
import type { Geometry } from './sourceDataset';
import { ImportError } from './importError';
import { mapPositions, type Position } from './geometryTools';

/** A coordinate reference system CityOps can transform to EPSG:4326. */
export interface CrsDefinition {
  /** 'EPSG:4546', or 'WKT' for a projection read from a .prj that has no EPSG code we know. */
  code: string;
  label: string;
  proj4: string;
  geographic: boolean;
  /** Transverse Mercator central meridian (Gauss-Krüger and UTM). */
  centralMeridian?: number;
  /** CGCS2000 Gauss-Krüger zone width. */
  zoneWidth?: 3 | 6;
  /** Zone number carried as millions in the easting (x_0 = zone × 10⁶ + 500 000). */
  eastingZone?: number;
}

const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';
const CGCS2000 = '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0';
const crsHint = 'give the CRS explicitly, e.g. --crs EPSG:4546 (CGCS2000 3° Gauss-Krüger CM 111°E, Maojian)';

function gk(code: number, cm: number, width: 3 | 6, zone: number | undefined): CrsDefinition {
  const x0 = zone === undefined ? 500000 : zone * 1_000_000 + 500000;
  const label =
    width === 3
      ? `CGCS2000 / 3-degree Gauss-Kruger ${zone === undefined ? `CM ${cm}E` : `zone ${zone}`}`
      : `CGCS2000 / Gauss-Kruger ${zone === undefined ? `CM ${cm}E` : `zone ${zone}`}`;
  const def: CrsDefinition = {
    code: `EPSG:${code}`,
    label,
    proj4: `+proj=tmerc +lat_0=0 +lon_0=${cm} +k=1 +x_0=${x0} +y_0=0 ${CGCS2000} +units=m +no_defs`,
    geographic: false,
    centralMeridian: cm,
    zoneWidth: width,
  };
  if (zone !== undefined) def.eastingZone = zone;
  return def;
}

/** The definition of a supported EPSG code, or undefined. */
export function knownEpsg(code: number): CrsDefinition | undefined {
  if (code === 4326) return { code: 'EPSG:4326', label: 'WGS 84', proj4: WGS84, geographic: true };
  if (code === 4490) return { code: 'EPSG:4490', label: 'CGCS2000 (treated as WGS 84)', proj4: WGS84, geographic: true };
  if (code === 4258) return { code: 'EPSG:4258', label: 'ETRS89 (treated as WGS 84)', proj4: WGS84, geographic: true };
  if (code === 3857 || code === 900913) {
    return {
      code: 'EPSG:3857',
      label: 'WGS 84 / Pseudo-Mercator',
      proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
      geographic: false,
    };
  }
  if (code >= 4513 && code <= 4533) return gk(code, (code - 4513 + 25) * 3, 3, code - 4513 + 25);
  if (code >= 4534 && code <= 4554) return gk(code, 75 + (code - 4534) * 3, 3, undefined);
  if (code >= 4491 && code <= 4501) return gk(code, (code - 4491 + 13) * 6 - 3, 6, code - 4491 + 13);
  if (code >= 4502 && code <= 4512) return gk(code, 75 + (code - 4502) * 6, 6, undefined);
  const utm = (zone: number, south: boolean, datum: 'WGS 84' | 'ETRS89'): CrsDefinition => ({
    code: `EPSG:${code}`,
    label: `${datum} / UTM zone ${zone}${south ? 'S' : 'N'}`,
    proj4: `+proj=utm +zone=${zone}${south ? ' +south' : ''} ${datum === 'WGS 84' ? '+datum=WGS84' : '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0'} +units=m +no_defs`,
    geographic: false,
    centralMeridian: zone * 6 - 183,
  });
  if (code >= 32601 && code <= 32660) return utm(code - 32600, false, 'WGS 84');
  if (code >= 32701 && code <= 32760) return utm(code - 32700, true, 'WGS 84');
  if (code >= 25828 && code <= 25838) return utm(code - 25800, false, 'ETRS89');
  return undefined;
}

/** 'EPSG:4546', 'epsg:4546' or '4546'. `file` is named in the error. */
export function crsFromCode(code: string, file: string): CrsDefinition {
  const m = /^\s*(?:EPSG\s*:\s*)?(\d{3,6})\s*$/i.exec(code);
  const def = m ? knownEpsg(Number(m[1])) : undefined;
  if (!def) {
    throw new ImportError(
      { file },
      `unsupported CRS '${code}'; supported: EPSG:4326, 4490, 3857, CGCS2000 Gauss-Krüger 4491–4554, UTM 32601–32660/32701–32760, ETRS89 UTM 25828–25838`,
    );
  }
  return def;
}

// ---- WKT (OGC WKT1, Esri .prj, and WKT2 with a top-level EPSG id) ----

interface WktNode {
  keyword: string;
  args: (string | number | WktNode)[];
}

function parseWkt(text: string): WktNode {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const node = (): WktNode => {
    ws();
    const start = i;
    while (i < text.length && /[A-Za-z0-9_]/.test(text[i]!)) i++;
    const keyword = text.slice(start, i).toUpperCase();
    if (!keyword) throw new Error(`expected a keyword at character ${i}`);
    ws();
    const open = text[i];
    if (open !== '[' && open !== '(') return { keyword, args: [] };
    const close = open === '[' ? ']' : ')';
    i++;
    const args: WktNode['args'] = [];
    for (;;) {
      ws();
      const ch = text[i];
      if (ch === undefined) throw new Error('unexpected end of WKT');
      if (ch === '"') {
        const end = text.indexOf('"', i + 1);
        if (end < 0) throw new Error('unterminated string');
        args.push(text.slice(i + 1, end));
        i = end + 1;
      } else if (/[-+.\d]/.test(ch)) {
        const m = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(text.slice(i));
        if (!m) throw new Error(`bad number at character ${i}`);
        args.push(Number(m[0]));
        i += m[0].length;
      } else {
        args.push(node());
      }
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === close || text[i] === ']' || text[i] === ')') {
        i++;
        return { keyword, args };
      }
      throw new Error(`unexpected '${text[i] ?? 'end'}' at character ${i}`);
    }
  };
  const root = node();
  ws();
  if (i < text.length) throw new Error(`trailing text at character ${i}`);
  return root;
}

const child = (n: WktNode, ...keywords: string[]): WktNode | undefined =>
  n.args.find((a): a is WktNode => typeof a === 'object' && keywords.includes(a.keyword));
const children = (n: WktNode, keyword: string): WktNode[] => n.args.filter((a): a is WktNode => typeof a === 'object' && a.keyword === keyword);
const nameOf = (n: WktNode | undefined): string => (n && typeof n.args[0] === 'string' ? n.args[0] : '');
const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

function epsgOf(n: WktNode): number | undefined {
  const id = child(n, 'AUTHORITY', 'ID');
  if (id && typeof id.args[0] === 'string' && id.args[0].toUpperCase() === 'EPSG') {
    const v = Number(id.args[1]);
    return Number.isInteger(v) ? v : undefined;
  }
  return undefined;
}

type Datum = 'wgs84' | 'cgcs2000' | 'etrs89';

function datumOf(geogcs: WktNode): Datum | undefined {
  const datum = child(geogcs, 'DATUM');
  const names = [nameOf(datum), nameOf(geogcs)].map(norm);
  for (const n of names) {
    if (/cgcs2000|china2000|chinageodeticcoordinatesystem2000/.test(n)) return 'cgcs2000';
    if (/wgs1984|wgs84|worldgeodeticsystem1984/.test(n)) return 'wgs84';
    if (/etrs1989|etrs89|europeanterrestrialreferencesystem1989|etrf1989/.test(n)) return 'etrs89';
  }
  return undefined;
}

/**
 * The CRS of a .prj / GeoPackage definition (OGC or Esri WKT). Known EPSG codes and the CGCS2000, WGS 84
 * and ETRS89 datums are understood; anything else is an ImportError asking for `--crs`, never a guess.
 */
export function crsFromWkt(wkt: string, file: string): CrsDefinition {
  const unknown = (why: string) => new ImportError({ file }, `cannot use the coordinate system in this file (${why}); ${crsHint}`);
  let root: WktNode;
  try {
    root = parseWkt(wkt.trim());
  } catch (e) {
    throw unknown(`not a WKT definition: ${(e as Error).message}`);
  }
  const code = epsgOf(root);
  if (code !== undefined) {
    const def = knownEpsg(code);
    if (def) return def;
  }
  const name = nameOf(root);
  if (root.keyword === 'GEOGCS') {
    const datum = datumOf(root);
    if (!datum) throw unknown(`geographic datum '${nameOf(child(root, 'DATUM')) || name}' is not WGS 84, CGCS2000 or ETRS89`);
    return knownEpsg(datum === 'wgs84' ? 4326 : datum === 'cgcs2000' ? 4490 : 4258)!;
  }
  if (root.keyword !== 'PROJCS') throw unknown(`'${root.keyword}' definitions are not supported`);
  const geogcs = child(root, 'GEOGCS');
  const datum = geogcs && datumOf(geogcs);
  if (!geogcs || !datum) {
    throw unknown(`datum '${nameOf(geogcs && child(geogcs, 'DATUM')) || 'missing'}' of '${name}' needs transformation parameters`);
  }
  const unit = children(root, 'UNIT').at(-1);
  if (!unit || Math.abs(Number(unit.args[1]) - 1) > 1e-9) throw unknown(`unit of '${name}' is not the metre`);
  const projection = norm(nameOf(child(root, 'PROJECTION')));
  const params = new Map<string, number>();
  for (const p of children(root, 'PARAMETER')) params.set(norm(nameOf(p)), Number(p.args[1]));
  const param = (key: string, fallback: number) => params.get(key) ?? fallback;
  if (/mercatorauxiliarysphere|popularvisualisationpseudomercator|pseudomercator/.test(projection) || /pseudomercator/.test(norm(name))) {
    return knownEpsg(3857)!;
  }
  if (projection !== 'transversemercator' && projection !== 'gausskruger') throw unknown(`projection '${nameOf(child(root, 'PROJECTION'))}' is not supported`);
  const cm = param('centralmeridian', param('longitudeoforigin', NaN));
  const k = param('scalefactor', 1);
  const x0 = param('falseeasting', 0);
  const y0 = param('falsenorthing', 0);
  const lat0 = param('latitudeoforigin', 0);
  if (!Number.isFinite(cm)) throw unknown(`'${name}' has no central meridian`);
  // Match a known EPSG code with the same parameters (gives the zone-prefix rules and a proper label).
  if (datum === 'cgcs2000' && k === 1 && y0 === 0 && lat0 === 0) {
    if (x0 === 500000 && cm % 3 === 0 && cm >= 75 && cm <= 135) {
      const width = /6degree|gausskrugercm|^cgcs2000gk/.test(norm(name)) && !/3degree/.test(norm(name)) && (cm - 75) % 6 === 0 ? 6 : 3;
      return knownEpsg(width === 3 ? 4534 + (cm - 75) / 3 : 4502 + (cm - 75) / 6)!;
    }
    const zone = Math.round((x0 - 500000) / 1_000_000);
    if (x0 === zone * 1_000_000 + 500000 && zone * 3 === cm && zone >= 25 && zone <= 45) return knownEpsg(4513 + zone - 25)!;
    if (x0 === zone * 1_000_000 + 500000 && zone * 6 - 3 === cm && zone >= 13 && zone <= 23) return knownEpsg(4491 + zone - 13)!;
  }
  if (k === 0.9996 && x0 === 500000 && (y0 === 0 || y0 === 10_000_000) && lat0 === 0 && (cm + 183) % 6 === 0 && datum !== 'cgcs2000') {
    const zone = (cm + 183) / 6;
    const south = y0 !== 0;
    if (datum === 'wgs84') return knownEpsg((south ? 32700 : 32600) + zone)!;
    if (!south && zone >= 28 && zone <= 38) return knownEpsg(25800 + zone)!;
  }
  const ellps = datum === 'wgs84' ? '+datum=WGS84' : CGCS2000;
  return {
    code: 'WKT',
    label: name || 'Transverse Mercator',
    proj4: `+proj=tmerc +lat_0=${lat0} +lon_0=${cm} +k=${k} +x_0=${x0} +y_0=${y0} ${ellps} +units=m +no_defs`,
    geographic: false,
    centralMeridian: cm,
  };
}

// ---- transforming ----

const prefixedCode = (zone: number, width: 3 | 6): string | undefined => {
  if (width === 3 && zone >= 25 && zone <= 45) return `EPSG:${4513 + zone - 25}`;
  if (width === 6 && zone >= 13 && zone <= 23) return `EPSG:${4491 + zone - 13}`;
  return undefined;
};

/**
 * Transforms geometries from one CRS to EPSG:4326 (z kept), checking every position. Eastings with a
 * zone prefix under a CRS without one are accepted when the prefix is the CRS's own zone (with a warning).
 */
export class Reprojector {
  readonly warnings: string[] = [];
  private readonly convert: ((p: [number, number]) => [number, number]) | null;
  private stripped = false;

  constructor(
    readonly crs: CrsDefinition,
    private readonly file: string,
  ) {
    if (crs.proj4 === WGS84) this.convert = null;
    else {
      const converter = proj4(crs.proj4, WGS84);
      this.convert = (p) => converter.forward(p);
    }
  }

  get identity(): boolean {
    return this.convert === null;
  }

  /** One position; `feature` is named in errors. */
  position(p: Position, feature: number, field = 'geometry'): Position {
    let x = p[0]!;
    const y = p[1]!;
    const where = { file: this.file, feature, field };
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new ImportError(where, `position ${JSON.stringify(p)} is not finite`);
    const { crs } = this;
    if (crs.geographic) {
      if (Math.abs(x) > 180 || Math.abs(y) > 90) {
        throw new ImportError(where, `(${x}, ${y}) is not a longitude/latitude in ${crs.code}: the coordinates look projected; ${crsHint}`);
      }
      return this.convert ? [...this.convert([x, y]), ...p.slice(2)] : p;
    }
    if (crs.zoneWidth !== undefined && crs.centralMeridian !== undefined) {
      const ownZone = crs.zoneWidth === 3 ? crs.centralMeridian / 3 : (crs.centralMeridian + 3) / 6;
      if (crs.eastingZone === undefined && x >= 1_000_000) {
        const prefix = Math.floor(x / 1_000_000);
        if (prefix !== ownZone) {
          const suggestion = prefixedCode(prefix, crs.zoneWidth);
          throw new ImportError(
            where,
            `easting ${x} carries zone prefix ${prefix}, but ${crs.code} (${crs.label}) is zone ${ownZone}; ` +
              (suggestion ? `give --crs ${suggestion} if the data is in zone ${prefix}` : crsHint),
          );
        }
        x -= prefix * 1_000_000;
        if (!this.stripped) {
          this.stripped = true;
          this.warnings.push(`eastings carry the zone prefix ${prefix} of ${crs.code}; it was removed`);
        }
      } else if (crs.eastingZone !== undefined && x < 1_000_000) {
        throw new ImportError(where, `easting ${x} has no zone prefix, but ${crs.code} (${crs.label}) expects ${crs.eastingZone}xxxxxx; ${crsHint}`);
      }
    }
    const [lon, lat] = this.convert!([x, y]);
    const far = crs.zoneWidth !== undefined && crs.centralMeridian !== undefined && Math.abs(lon - crs.centralMeridian) > crs.zoneWidth * 3;
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90 || far) {
      throw new ImportError(where, `(${p[0]}, ${y}) does not project to a valid longitude/latitude in ${crs.code} (${crs.label}); ${crsHint}`);
    }
    return [lon, lat, ...p.slice(2)];
  }

  geometry(g: Geometry, feature: number): Geometry {
    if (this.convert === null && !this.crs.geographic) return g;
    return mapPositions(g, (p) => this.position(p, feature));
  }
}

/** The CRS named by an option ('EPSG:4546'), else a .prj/WKT, else the given default; null when nothing. */
export function resolveCrs(file: string, opts: { crs?: string; wkt?: string | null; fallback?: number }): CrsDefinition | null {
  if (opts.crs) return crsFromCode(opts.crs, file);
  if (opts.wkt) return crsFromWkt(opts.wkt, file);
  return opts.fallback !== undefined ? knownEpsg(opts.fallback)! : null;
}

export { crsHint };
