import type Database from 'better-sqlite3';
import type { MonitoringRuleInput } from './monitoringTypes';

/** Severity of the usual level names: 蓝 1, 黄 2, 橙 3, 红 4; 汛限 2, 警戒 3, 保证 4. */
export const levelSeverity: Readonly<Record<string, number>> = { 蓝: 1, 黄: 2, 橙: 3, 红: 4, 汛限: 2, 警戒: 3, 保证: 4 };

/**
 * DEMO DEFAULTS for accumulated rainfall at rain gauges (not an official standard for Maojian): 1 h ≥ 30 mm 黄,
 * 3 h ≥ 50 mm 橙, 24 h ≥ 100 mm 红.
 */
export const demoRainLevels = [
  { name: '黄', severity: 2, threshold: 30, windowMinutes: 60 },
  { name: '橙', severity: 3, threshold: 50, windowMinutes: 180 },
  { name: '红', severity: 4, threshold: 100, windowMinutes: 1440 },
] as const;

/** Default hysteresis: 0.05 m for stages, 1 mm for accumulated rain (demo defaults). */
export const DEFAULT_STAGE_HYSTERESIS = 0.05;
export const DEFAULT_RAIN_HYSTERESIS = 1;

interface FloodStationRow {
  station_code: string | null;
  station_type: string | null;
  flood_limit: number | null;
  warning_level: number | null;
  guarantee_level: number | null;
  props: string | null;
}

/** The SL651 stream of a station's element: `sl651:<station address>:<element id>`. */
export const sl651StreamId = (station: string, element: string): string => `sl651:${station}:${element}`;

const defaultElement: Record<string, string> = { reservoir: 'ZU', river: 'Z', rain: 'PJ' };

/**
 * DEMO DEFAULT rules for the stations of the flood_stations layer, from their own thresholds: reservoir 汛限/警戒
 * (= warning_level, the normal pool)/保证, river 警戒/保证, rain gauges the demo accumulated-rain levels. The stream is
 * the station's element from props.element (else ZU / Z / PJ). Rule ids are `default:<station>:<kind>`.
 */
export function defaultFloodRules(db: Database.Database): MonitoringRuleInput[] {
  const rows = db
    .prepare(`SELECT station_code, station_type, flood_limit, warning_level, guarantee_level, props FROM flood_stations ORDER BY fid`)
    .all() as FloodStationRow[];
  const out: MonitoringRuleInput[] = [];
  for (const r of rows) {
    if (!r.station_code || !r.station_type) continue;
    const props = parseProps(r.props);
    const element = typeof props.element === 'string' ? props.element : defaultElement[r.station_type];
    if (!element) continue;
    const streamId = sl651StreamId(r.station_code, element);
    const base = { streamId, stationId: r.station_code, origin: 'demo-default' };
    if (r.station_type === 'rain') {
      out.push({
        ...base,
        id: `default:${r.station_code}:accumulated_rain`,
        kind: 'accumulated_rain',
        levels: demoRainLevels.map((l) => ({ ...l })),
        hysteresis: DEFAULT_RAIN_HYSTERESIS,
      });
      continue;
    }
    const lines: [string, number | null][] =
      r.station_type === 'reservoir'
        ? [
          ['汛限', r.flood_limit],
          ['警戒', r.warning_level],
          ['保证', r.guarantee_level],
        ]
        : [
          ['警戒', r.warning_level],
          ['保证', r.guarantee_level],
        ];
    const levels = lines
      .filter((l): l is [string, number] => l[1] !== null)
      .map(([name, threshold]) => ({ name, severity: levelSeverity[name] ?? 1, threshold }))
      .sort((a, b) => a.threshold - b.threshold);
    if (levels.length === 0) continue;
    out.push({ ...base, id: `default:${r.station_code}:level`, kind: 'level', levels, hysteresis: DEFAULT_STAGE_HYSTERESIS });
  }
  return out;
}

export function parseProps(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
