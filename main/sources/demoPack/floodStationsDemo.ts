import { demHeightAt } from './demDemo';
import type { DemoDem, DemoFeature } from './demoPackTypes';
import { polylinePointAt, round, roundLonLat, toLonLat, toXY, type LonLat, type XY } from './geoMath';
import { insideMaojianWithBuffer } from './maojianBoundary';
import { saiwudangPeak, subdistrictSites } from './maojianGeography';
import type { Prng } from './prng';
import type { RiverSystem } from './riversDemo';

/** SL651-style station address: 10 hex digits (here '0061' + type digit + 5 digits, all BCD-valid). */
export function stationCode(typeDigit: number, n: number): string {
  return `0061${typeDigit}${String(n).padStart(5, '0')}`;
}

/** River stage stations: river id, fraction of its length from the source, display name. */
const RIVER_STATIONS: [string, number, string][] = [
  ['sihe', 0.2, '大川'],
  ['sihe', 0.55, '东城'],
  ['sihe', 0.82, '白浪'],
  ['majiahe', 0.8, '马家河口'],
  ['maotahe', 0.75, '茅塔'],
  ['shendinghe', 0.5, '罗家川'],
  ['baierhe', 0.35, '二堰'],
  ['baierhe', 0.75, '五堰'],
];

/**
 * Synthetic hydrological stations: reservoir level stations at both dams (flood-limit < normal pool (warning) <
 * guaranteed), river stage stations (warning < guaranteed, above the local bed) and rain gauges.
 */
export function buildFloodStations(rivers: RiverSystem, dem: DemoDem, prng: Prng): DemoFeature[] {
  const out: DemoFeature[] = [];
  const point = (xy: XY): LonLat => roundLonLat(toLonLat(xy[0], xy[1]));
  rivers.reservoirs.forEach((res, k) => {
    const { p, dir } = polylinePointAt(res.river.line, res.damAlong + 40);
    const at = point([p[0] - dir[1] * 30, p[1] + dir[0] * 30]);
    const pool = res.pool;
    out.push({
      external_id: stationCode(2, k + 1),
      name: `${res.site.name}水位站（演示）`,
      geometry: { type: 'Point', coordinates: [at[0], at[1]] },
      columns: {
        station_type: 'reservoir',
        station_code: stationCode(2, k + 1),
        flood_limit: round(pool - prng.range(1.5, 3), 2),
        warning_level: pool,
        guarantee_level: round(pool + prng.range(2, 3.5), 2),
        demo: 1,
      },
      props: { synthetic: true, element: 'ZU', reservoir: res.site.name, normal_pool: pool },
    });
  });
  RIVER_STATIONS.forEach(([riverId, fraction, place], k) => {
    const river = rivers.river(riverId);
    let f = fraction;
    let at: LonLat = [0, 0];
    // Step along the river until the station is inside the district.
    for (let tries = 0; tries < 40; tries++, f -= 0.02) {
      at = point(polylinePointAt(river.line, river.line.length * f).p);
      if (insideMaojianWithBuffer(at[0], at[1], 20)) break;
    }
    const bed = demHeightAt(dem, at[0], at[1]);
    const warning = round(bed + prng.range(2.5, 3.5), 2);
    out.push({
      external_id: stationCode(1, k + 1),
      name: `${river.course.name}${place}水位站（演示）`,
      geometry: { type: 'Point', coordinates: [at[0], at[1]] },
      columns: {
        station_type: 'river',
        station_code: stationCode(1, k + 1),
        flood_limit: null,
        warning_level: warning,
        guarantee_level: round(warning + prng.range(1.2, 2.2), 2),
        demo: 1,
      },
      props: { synthetic: true, element: 'Z', river: river.course.name },
    });
  });
  // Rain gauges: one near each sub-district seat and 赛武当, plus a jittered 4 km lattice over the district.
  const gauges: [XY, string][] = [
    ...subdistrictSites.map((s): [XY, string] => [toXY(s.at[0] + 0.004, s.at[1] + 0.003), s.name.replace(/街道|镇|乡$/, '')]),
    [toXY(saiwudangPeak.at[0] + 0.01, saiwudangPeak.at[1] + 0.005), '赛武当'],
  ];
  const [gx0, gy0] = toXY(110.6, 32.405);
  const [gx1, gy1] = toXY(110.945, 32.68);
  for (let y = gy0; y < gy1; y += 4000) {
    for (let x = gx0; x < gx1; x += 4000) gauges.push([[x + prng.range(-1200, 1200), y + prng.range(-1200, 1200)], '']);
  }
  let n = 0;
  for (const [xy, place] of gauges) {
    const at = point(xy);
    if (!insideMaojianWithBuffer(at[0], at[1], 300)) continue;
    if (!place && !prng.chance(0.6)) continue;
    n += 1;
    out.push({
      external_id: stationCode(3, n),
      name: place ? `${place}雨量站（演示）` : `演示雨量站 P${String(n).padStart(2, '0')}`,
      geometry: { type: 'Point', coordinates: [at[0], at[1]] },
      columns: {
        station_type: 'rain',
        station_code: stationCode(3, n),
        flood_limit: null,
        warning_level: null,
        guarantee_level: null,
        demo: 1,
      },
      props: { synthetic: true, element: 'PJ' },
    });
  }
  return out;
}
