import type Database from 'better-sqlite3';
import { createPrng } from '../../sources/demoPack/prng';
import type { TsPoint } from '../../store/timeSeriesRepository';
import { bumpWriteVersion } from '../../store/writeVersion';
import { parseProps, sl651StreamId } from './defaultFloodRules';
import { MonitoringService } from './monitoringService';

const STEP = 5 * 60_000;
const HOUR = 3_600_000;
const defaultElement: Record<string, string> = { reservoir: 'ZU', river: 'Z', rain: 'PJ' };

interface Row {
  station_code: string;
  station_type: string;
  name: string | null;
  flood_limit: number | null;
  warning_level: number | null;
  props: string | null;
  demo: number;
}

/**
 * DEMO DATA. For the demo stations of the embedded pack only (flood_stations.demo = 1): the demo default threshold
 * rules, and 72 hours of 5-minute history ending at `now` in streams whose source is 'demo' (the station panel and the
 * chart say 演示数据). Levels stay below the warning lines — alarms come from real feeds or drills, not from the seed.
 * Deterministic for a given `now` (seeded by station code). Does nothing when the stations already have rules.
 */
export function seedDemoMonitoring(db: Database.Database, now: number): { rules: number; streams: number; points: number } {
  const monitoring = new MonitoringService(db, { now: () => now });
  // Once per store: an operator who later deletes or edits the demo rules does not get them back.
  if (db.prepare(`SELECT 1 FROM cityops_meta WHERE key = 'demo_monitoring_seeded'`).get()) return { rules: 0, streams: 0, points: 0 };
  const rows = db
    .prepare(
      `SELECT station_code, station_type, name, flood_limit, warning_level, props, demo FROM flood_stations
       WHERE station_code IS NOT NULL AND station_type IS NOT NULL AND demo = 1 ORDER BY fid`,
    )
    .all() as Row[];
  if (rows.length === 0) return { rules: 0, streams: 0, points: 0 };
  // Ends one step before the seed time, so a real report arriving right after the seed is newer than the history
  // (rules evaluate only points after the last evaluated one, and SL651 times have minute precision).
  const end = Math.floor(now / STEP) * STEP - STEP;
  const start = end - 72 * HOUR;
  let streams = 0;
  let points = 0;
  let rules = 0;
  db.transaction(() => {
    rules = monitoring.installDefaultRules();
    for (const r of rows) {
      const props = parseProps(r.props);
      const element = typeof props.element === 'string' ? props.element : defaultElement[r.station_type];
      if (!element) continue;
      const id = sl651StreamId(r.station_code, element);
      const rain = r.station_type === 'rain';
      monitoring.series.ensureStream({ id, name: `${r.name ?? r.station_code} ${element}（演示）`, unit: rain ? 'mm' : 'm', stationId: r.station_code, element, source: 'demo' });
      const series = demoSeries(r, start, end);
      // Stored directly (history, not live reports): the rules start evaluating from the next real observation.
      monitoring.series.upsert(id, series);
      const last = series.at(-1);
      if (last) {
        db.prepare(`UPDATE mon_rules SET last_eval_ts = ? WHERE stream_id = ?`).run(last.ts, id);
        bumpWriteVersion(db, 'monitoring');
      }
      streams++;
      points += series.length;
    }
    db.prepare(`INSERT INTO cityops_meta (key, value) VALUES ('demo_monitoring_seeded', ?)`).run(new Date(now).toISOString());
  })();
  return { rules, streams, points };
}

function demoSeries(r: Row, start: number, end: number): TsPoint[] {
  const prng = createPrng(`demo-series:${r.station_code}`);
  const phase = prng.range(0, Math.PI * 2);
  const out: TsPoint[] = [];
  // One demo rain event about 30 h before the end, 6–10 h long.
  const eventPeak = end - prng.range(26, 34) * HOUR;
  const eventWidth = prng.range(2, 4) * HOUR;
  for (let ts = start; ts <= end; ts += STEP) {
    const pulse = Math.exp(-(((ts - eventPeak) / eventWidth) ** 2));
    let value: number;
    if (r.station_type === 'rain') {
      const intensity = 4.5 * pulse * (0.6 + 0.8 * prng.next());
      value = intensity < 0.15 ? 0 : Math.round(intensity * 2) / 2;
    } else {
      const warn = r.warning_level ?? r.flood_limit ?? 100;
      const base = r.station_type === 'reservoir' ? (r.flood_limit ?? warn) - 0.9 : warn - 1.2;
      // The river answers the rain a few hours later; the reservoir rises slowly and stays up.
      const lagged = Math.exp(-(((ts - eventPeak - 3 * HOUR) / (eventWidth * 1.6)) ** 2));
      const storage = 1 / (1 + Math.exp(-(ts - eventPeak) / (4 * HOUR)));
      const rise = r.station_type === 'reservoir' ? 0.45 * storage : 0.9 * lagged;
      value = base + rise + 0.03 * Math.sin((ts / HOUR / 12.4) * Math.PI * 2 + phase) + (prng.next() - 0.5) * 0.01;
      value = Math.round(value * 100) / 100;
    }
    out.push({ ts, value });
  }
  return out;
}
