import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MonitoringService } from '../../main/services/monitoring/monitoringService';
import { encodeSl651Report } from '../../main/sources/sl651/encodeSl651Report';
import { parseSl651Frame } from '../../main/sources/sl651/parseSl651Frame';
import { Sl651Ingest } from '../../main/sources/sl651/sl651Ingest';
import { openStore } from '../../main/store/openStore';
import { tempDir } from '../helpers/tempStore';
import type { Row } from './benchHarness';

const N = 5000;
const STATION = '0061100001';

/**
 * The full SL651 path — frame bytes → parse (CRC, BCD) → store (screening, upsert, hourly rollup) → alarm rules — for
 * N frames of one river station (one Z value each, 5-minute steps, crossing the warning line and back), against a raw
 * better-sqlite3 loop inserting the same rows, one transaction per row as frames arrive one at a time.
 */
export function sl651IngestBench(): Row[] {
  const t = tempDir('cityops-bench-sl651-');
  try {
    const t0 = Date.now() - N * 300_000;
    const values = Array.from({ length: N }, (_, i) => Math.round((230 + 1.5 * Math.sin(i / 40)) * 100) / 100);
    const frames = values.map((value, i) => encodeSl651Report({ station: STATION, observedAt: t0 + i * 300_000, serial: i % 65536, elements: [{ id: 'Z', value }] }));

    const store = openStore(join(t.dir, 'full.gpkg'));
    store.db
      .prepare(`INSERT INTO flood_stations (external_id, name, station_type, station_code, warning_level, guarantee_level, geom) VALUES (?, ?, 'river', ?, 231, 231.4, NULL)`)
      .run(STATION, 'bench station', STATION);
    const monitoring = new MonitoringService(store.db);
    monitoring.installDefaultRules();
    const ingest = new Sl651Ingest(store.db, monitoring);
    const s0 = performance.now();
    let stored = 0;
    for (const bytes of frames) {
      const r = parseSl651Frame(bytes);
      if (!r.ok) throw new Error(r.error.reason);
      stored += ingest.ingest(r.frame, bytes).streams.reduce((a, s) => a + s.inserted + s.updated, 0);
    }
    const fullMs = performance.now() - s0;
    const alarms = monitoring.alarmLog().filter((e) => e.action === 'raise').length;
    store.close();
    if (stored !== N || alarms === 0) throw new Error(`bench self-check: stored ${stored}/${N}, raises ${alarms}`);

    const raw = openStore(join(t.dir, 'raw.gpkg'));
    raw.db.prepare(`INSERT INTO ts_streams (id, source) VALUES ('raw', 'bench')`).run();
    const insert = raw.db.prepare(`INSERT INTO ts_observations (stream_id, ts, value) VALUES ('raw', ?, ?)`);
    const r0 = performance.now();
    for (let i = 0; i < N; i++) insert.run(t0 + i * 300_000, values[i]!);
    const rawMs = performance.now() - r0;
    raw.close();

    const full = (N / fullMs) * 1000;
    const base = (N / rawMs) * 1000;
    return [
      {
        name: `SL651 frame → parse → store → alarms (${N.toLocaleString('en')} frames)`,
        value: full,
        baselineName: 'raw insert loop, same rows',
        baseline: base,
        unit: 'obs/s',
        goal: '≥ 50 % of baseline',
        pass: full >= 0.5 * base,
      },
    ];
  } finally {
    t.cleanup();
  }
}
