import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MonitoringService } from '../../main/services/monitoring/monitoringService';
import { encodeSl651Report } from '../../main/sources/sl651/encodeSl651Report';
import { parseSl651Frame } from '../../main/sources/sl651/parseSl651Frame';
import { Sl651Ingest, type Sl651IngestItem } from '../../main/sources/sl651/sl651Ingest';
import { openStore, type Store } from '../../main/store/openStore';
import { tempDir } from '../helpers/tempStore';
import type { Row } from './benchHarness';

const STATIONS = 100;
const TICKS = 50;
const N = STATIONS * TICKS;
const STEP = 300_000;

const stationOf = (s: number) => `00611${String(s).padStart(5, '0')}`;

/** A store with STATIONS river stations (warning 231 m, guarantee 231.4 m) and the demo default rules. */
function monitoredStore(path: string): { store: Store; ingest: Sl651Ingest; monitoring: MonitoringService } {
  const store = openStore(path);
  const add = store.db.prepare(
    `INSERT INTO flood_stations (external_id, name, station_type, station_code, warning_level, guarantee_level, geom) VALUES (?, ?, 'river', ?, 231, 231.4, NULL)`,
  );
  store.db.transaction(() => {
    for (let s = 0; s < STATIONS; s++) add.run(stationOf(s), `bench station ${s}`, stationOf(s));
  })();
  const monitoring = new MonitoringService(store.db);
  monitoring.installDefaultRules();
  return { store, ingest: new Sl651Ingest(store.db, monitoring), monitoring };
}

/**
 * The full SL651 path — frame bytes → parse (CRC, BCD) → store (screening, upsert, hourly rollup) → alarm rules — for
 * STATIONS river stations reporting every 5 minutes (one Z value per frame, crossing the warning line and back),
 * against a raw better-sqlite3 loop inserting the same rows one statement at a time (autocommit, as a naive receiver
 * stores each frame as it arrives). The receiver stores what it read in one event-loop turn as one burst with one
 * commit (Sl651Server → Sl651Ingest.ingestMany) and acknowledges after the commit; at every 5-minute tick all stations
 * report together, so a tick is a burst. Informational rows: the same path with one commit per frame, and the raw
 * loop with one transaction per tick (what group commit alone buys).
 */
export function sl651IngestBench(): Row[] {
  const t = tempDir('cityops-bench-sl651-');
  try {
    const t0 = Math.floor((Date.now() - (TICKS + 1) * STEP) / STEP) * STEP;
    const valueOf = (s: number, k: number) => Math.round((230 + 1.5 * Math.sin((k + s) / 8)) * 100) / 100;
    const ticks = Array.from({ length: TICKS }, (_, k) =>
      Array.from({ length: STATIONS }, (_, s) =>
        encodeSl651Report({ station: stationOf(s), observedAt: t0 + k * STEP, serial: (k * STATIONS + s) % 65536, elements: [{ id: 'Z', value: valueOf(s, k) }] }),
      ),
    );
    const parse = (bytes: Uint8Array): Sl651IngestItem => {
      const r = parseSl651Frame(bytes);
      if (!r.ok) throw new Error(r.error.reason);
      return { frame: r.frame, bytes };
    };

    // Full path, one commit per tick (the receiver's group commit).
    const full = monitoredStore(join(t.dir, 'full.gpkg'));
    let stored = 0;
    const f0 = performance.now();
    for (const burst of ticks) {
      for (const o of full.ingest.ingestMany(burst.map(parse))) {
        if (!o.ok) throw o.error;
        stored += o.result.streams.reduce((a, s) => a + s.inserted + s.updated, 0);
      }
    }
    const fullMs = performance.now() - f0;
    const raises = full.monitoring.alarmLog().filter((e) => e.action === 'raise').length;
    const rollupN = (full.store.db.prepare(`SELECT total(n) AS n FROM ts_rollup_hour`).get() as { n: number }).n;
    // Every complete hour is rolled up; each stream's newest hour is still filling (read raw).
    const completeN = (
      full.store.db
        .prepare(`SELECT count(*) AS n FROM ts_observations o JOIN ts_streams s ON s.id = o.stream_id WHERE o.ts < s.last_ts / 3600000 * 3600000`)
        .get() as { n: number }
    ).n;
    full.store.close();
    if (stored !== N || raises === 0 || rollupN !== completeN || completeN === 0) throw new Error(`bench self-check: stored ${stored}/${N}, raises ${raises}, rollups ${rollupN}`);

    // Full path, one commit per frame.
    const single = monitoredStore(join(t.dir, 'single.gpkg'));
    const s0 = performance.now();
    for (const burst of ticks) for (const bytes of burst) {
      const item = parse(bytes);
      single.ingest.ingest(item.frame, item.bytes);
    }
    const singleMs = performance.now() - s0;
    single.store.close();

    const rawStore = (name: string) => {
      const raw = openStore(join(t.dir, name));
      const addStream = raw.db.prepare(`INSERT INTO ts_streams (id, source) VALUES (?, 'bench')`);
      for (let s = 0; s < STATIONS; s++) addStream.run(`sl651:${stationOf(s)}:Z`);
      return { raw, insert: raw.db.prepare(`INSERT INTO ts_observations (stream_id, ts, value) VALUES (?, ?, ?)`) };
    };
    const a = rawStore('raw.gpkg');
    const r0 = performance.now();
    for (let k = 0; k < TICKS; k++) for (let s = 0; s < STATIONS; s++) a.insert.run(`sl651:${stationOf(s)}:Z`, t0 + k * STEP, valueOf(s, k));
    const rawMs = performance.now() - r0;
    a.raw.close();

    const b = rawStore('rawtx.gpkg');
    const tick = b.raw.db.transaction((k: number) => {
      for (let s = 0; s < STATIONS; s++) b.insert.run(`sl651:${stationOf(s)}:Z`, t0 + k * STEP, valueOf(s, k));
    });
    const b0 = performance.now();
    for (let k = 0; k < TICKS; k++) tick(k);
    const rawTxMs = performance.now() - b0;
    b.raw.close();

    const rate = (ms: number) => (N / ms) * 1000;
    const base = rate(rawMs);
    const label = `${STATIONS} stations × ${TICKS} ticks`;
    return [
      {
        name: `SL651 frame → parse → store → alarms, burst per tick (${label})`,
        value: rate(fullMs),
        baselineName: 'raw insert loop, same rows',
        baseline: base,
        unit: 'obs/s',
        goal: '≥ 50 % of baseline',
        pass: rate(fullMs) >= 0.5 * base,
      },
      {
        name: `SL651 full path, one commit per frame (${label})`,
        value: rate(singleMs),
        baselineName: 'raw insert loop, same rows',
        baseline: base,
        unit: 'obs/s',
        goal: 'informational',
        pass: true,
      },
      {
        name: `SL651 frame → parse → store → alarms, burst per tick (${label})`,
        value: rate(fullMs),
        baselineName: 'raw insert loop, one transaction per tick',
        baseline: rate(rawTxMs),
        unit: 'obs/s',
        goal: 'informational',
        pass: true,
      },
    ];
  } finally {
    t.cleanup();
  }
}
