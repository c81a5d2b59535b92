import { spawnSync } from 'node:child_process';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { Reprojector, crsFromCode, crsFromWkt, knownEpsg } from '../../../../../main/sources/interchange/crs';
import { ImportError } from '../../../../../main/sources/interchange/importError';
import { needGdal } from './interchangeTestKit';

const maojian: [number, number] = [110.8, 32.6];
const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';

/** Project lon/lat into `code` with the same definition, then back through a Reprojector. */
function roundTrip(code: number, point = maojian): { xy: [number, number]; back: number[] } {
  const def = knownEpsg(code)!;
  const xy = proj4(WGS84, def.proj4, point) as [number, number];
  const back = new Reprojector(def, 't').position(xy, 0);
  return { xy, back };
}

describe('crs', () => {
  it('round-trips Maojian through every CGCS2000 Gauss-Krüger variant to 1e-6°', () => {
    // 3° zone 37 with prefix, 3° CM 111E, 6° zone 19 with prefix, 6° CM 111E.
    for (const code of [4525, 4546, 4497, 4508]) {
      const { xy, back } = roundTrip(code);
      expect(Math.abs(back[0]! - maojian[0])).toBeLessThan(1e-6);
      expect(Math.abs(back[1]! - maojian[1])).toBeLessThan(1e-6);
      expect(xy[1]).toBeGreaterThan(3_600_000);
    }
    expect(roundTrip(4525).xy[0]).toBeGreaterThan(37_000_000);
    expect(roundTrip(4546).xy[0]).toBeLessThan(1_000_000);
    expect(knownEpsg(4546)!.centralMeridian).toBe(111);
    expect(knownEpsg(4545)!.centralMeridian).toBe(108);
    expect(knownEpsg(4547)!.centralMeridian).toBe(114);
    expect(knownEpsg(4513)!.centralMeridian).toBe(75);
    expect(knownEpsg(4554)!.centralMeridian).toBe(135);
    expect(knownEpsg(4501)!.eastingZone).toBe(23);
  });

  it('round-trips through 3857, WGS 84 UTM 49N/S and ETRS89 UTM 33N', () => {
    for (const [code, p] of [[3857, maojian], [32649, maojian], [32749, [110.8, -7.5]], [25833, [13.4, 52.5]]] as const) {
      const { back } = roundTrip(code, p as [number, number]);
      expect(Math.abs(back[0]! - p[0])).toBeLessThan(1e-6);
      expect(Math.abs(back[1]! - p[1])).toBeLessThan(1e-6);
    }
    expect(crsFromCode('4490', 'f').geographic).toBe(true);
    expect(crsFromCode('epsg:4326', 'f').code).toBe('EPSG:4326');
  });

  it('agrees with GDAL (PROJ) for the Maojian zones', (ctx) => {
    needGdal(ctx);
    for (const code of [4525, 4546, 4497, 4508]) {
      const r = spawnSync('gdaltransform', ['-s_srs', 'EPSG:4326', '-t_srs', `EPSG:${code}`, '-output_xy'], { input: '110.8 32.6\n', encoding: 'utf8' });
      // gdaltransform reads and writes x/y order (lon lat, easting northing).
      const [e, n] = r.stdout.trim().split(/\s+/).map(Number) as [number, number];
      const back = new Reprojector(knownEpsg(code)!, 't').position([e, n], 0);
      expect(Math.abs(back[0]! - 110.8)).toBeLessThan(1e-6);
      expect(Math.abs(back[1]! - 32.6)).toBeLessThan(1e-6);
    }
  });

  it('strips a zone prefix matching the CRS central meridian and warns', () => {
    const [e, n] = proj4(WGS84, knownEpsg(4525)!.proj4, maojian) as [number, number];
    const r = new Reprojector(crsFromCode('EPSG:4546', 'pipes.shp'), 'pipes.shp');
    const back = r.position([e, n], 0);
    expect(Math.abs(back[0]! - 110.8)).toBeLessThan(1e-6);
    expect(r.warnings.join()).toMatch(/zone prefix 37/);
    // 6° CM 111E is zone 19.
    const [e6, n6] = proj4(WGS84, knownEpsg(4497)!.proj4, maojian) as [number, number];
    expect(new Reprojector(crsFromCode('EPSG:4508', 'f'), 'f').position([e6, n6], 0)[1]).toBeCloseTo(32.6, 6);
  });

  it('rejects a zone prefix of another zone, naming the feature and suggesting the CRS', () => {
    const r = new Reprojector(crsFromCode('EPSG:4546', 'pipes.shp'), 'pipes.shp');
    const e = (() => {
      try {
        r.position([38_500_000, 3_600_000], 7);
      } catch (err) {
        return err as ImportError;
      }
      throw new Error('no error');
    })();
    expect(e).toBeInstanceOf(ImportError);
    expect(e.feature).toBe(7);
    expect(e.message).toMatch(/pipes\.shp, feature 7/);
    expect(e.message).toMatch(/EPSG:4526/);
    expect(() => new Reprojector(crsFromCode('EPSG:4525', 'f'), 'f').position([500_000, 3_600_000], 0)).toThrow(/no zone prefix/);
  });

  it('reads OGC and Esri .prj WKT', () => {
    const esri =
      'PROJCS["CGCS2000_3_Degree_GK_CM_111E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],' +
      'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],' +
      'PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    expect(crsFromWkt(esri, 'a.prj').code).toBe('EPSG:4546');
    const esriZone = esri.replace('CM_111E', 'Zone_37').replace('500000.0', '37500000.0');
    expect(crsFromWkt(esriZone, 'a.prj').code).toBe('EPSG:4525');
    const utm =
      'PROJCS["WGS_1984_UTM_Zone_49N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],' +
      'PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",0.9996],' +
      'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    expect(crsFromWkt(utm, 'a.prj').code).toBe('EPSG:32649');
    const ogc = 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]]';
    expect(crsFromWkt(ogc, 'a.prj').code).toBe('EPSG:4326');
    expect(crsFromWkt('GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]', 'a.prj').code).toBe('EPSG:4490');
  });

  it('refuses a CRS it cannot understand and asks for --crs', () => {
    const xian =
      'PROJCS["Xian_1980_3_Degree_GK_CM_111E",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],' +
      'PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",1.0],UNIT["Meter",1.0]]';
    expect(() => crsFromWkt(xian, 'pipes.prj')).toThrow(/pipes\.prj.*Xian.*--crs EPSG:/);
    expect(() => crsFromWkt('this is not wkt ]', 'x.prj')).toThrow(ImportError);
    expect(() => crsFromCode('EPSG:2383', 'x.csv')).toThrow(/unsupported CRS 'EPSG:2383'/);
  });

  it('refuses projected coordinates under a geographic CRS', () => {
    expect(() => new Reprojector(knownEpsg(4326)!, 'f.geojson').position([500000, 3600000], 2)).toThrow(/feature 2.*look projected/);
  });
});
