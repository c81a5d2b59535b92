import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EventBus } from '../../main/rpc/eventBus';
import { EventRecorder } from '../../main/services/drills/eventRecorder';
import { recordTopic } from '../../main/services/drills/recordCall';
import { RecordBuffer } from '../../main/services/drills/recordBuffer';
import { MonitoringRuntime } from '../../main/services/monitoring/monitoringRuntime';
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
/** Rounds of the paired rows (fresh stores each round, variants alternated): medians are reported. */
const ROUNDS = 5;

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

type Ticks = Uint8Array[][];

const parse = (bytes: Uint8Array): Sl651IngestItem => {
  const r = parseSl651Frame(bytes);
  if (!r.ok) throw new Error(r.error.reason);
  return { frame: r.frame, bytes };
};

/** Full path, one commit per tick (the receiver's group commit); ms. */
function fullPath(path: string, ticks: Ticks, check = false): number {
  const full = monitoredStore(path);
  try {
    let stored = 0;
    const f0 = performance.now();
    for (const burst of ticks) {
      for (const o of full.ingest.ingestMany(burst.map(parse))) {
        if (!o.ok) throw o.error;
        stored += o.result.streams.reduce((a, s) => a + s.inserted + s.updated, 0);
      }
    }
    const ms = performance.now() - f0;
    if (check) {
      const raises = full.monitoring.alarmLog().filter((e) => e.action === 'raise').length;
      const rollupN = (full.store.db.prepare(`SELECT total(n) AS n FROM ts_rollup_hour`).get() as { n: number }).n;
      // Every complete hour is rolled up; each stream's newest hour is still filling (read raw).
      const completeN = (
        full.store.db
          .prepare(`SELECT count(*) AS n FROM ts_observations o JOIN ts_streams s ON s.id = o.stream_id WHERE o.ts < s.last_ts / 3600000 * 3600000`)
          .get() as { n: number }
      ).n;
      if (stored !== N || raises === 0 || rollupN !== completeN || completeN === 0) throw new Error(`bench self-check: stored ${stored}/${N}, raises ${raises}, rollups ${rollupN}`);
    }
    return ms;
  } finally {
    full.store.close();
  }
}

/**
 * The same ingest through a host's MonitoringRuntime (its Sl651Ingest, bus topics and alarm views), announcing each
 * frame's streams as the receiver does after each burst; with `record`, an EventRecorder listens on the bus through
 * recordTopic, as DrillHost attaches it: one `observation` event per stream announced, one `alarm` event per alarm
 * transition.
 */
function runtimePath(path: string, ticks: Ticks, tickAt: (k: number) => number, record: boolean): { ms: number; events: number } {
  const store = openStore(path);
  try {
    const add = store.db.prepare(
      `INSERT INTO flood_stations (external_id, name, station_type, station_code, warning_level, guarantee_level, geom) VALUES (?, ?, 'river', ?, 231, 231.4, NULL)`,
    );
    store.db.transaction(() => {
      for (let s = 0; s < STATIONS; s++) add.run(stationOf(s), `bench station ${s}`, stationOf(s));
    })();
    // A drill's monitoring and recorder run on the exercise clock, which stands at the tick being reported (so the
    // recorder's snapshot schedule, every 5 exercise minutes or 2000 events, is a drill's).
    let exerciseNow = tickAt(0);
    const bus = new EventBus();
    const rt = new MonitoringRuntime(store.db, bus, () => exerciseNow);
    rt.monitoring.installDefaultRules();
    const recorder = record ? new EventRecorder(store.db, { now: () => exerciseNow, runId: 'bench-sl651-20260101t000000z' }) : null;
    // attached as DrillHost attaches a drill's recorder to its runtime's bus (and the live host its live record)
    // Group commit as in a host: the recorder's queue is written once per burst (the receiver's event-loop turn).
    const log = recorder ? new RecordBuffer(recorder, () => exerciseNow, () => {}, () => {}) : null;
    if (log) bus.listen((topic, payload) => recordTopic(log, topic, payload));
    const f0 = performance.now();
    for (const [k, burst] of ticks.entries()) {
      exerciseNow = tickAt(k) + 1000;
      for (const o of rt.sl651.ingestMany(burst.map(parse))) {
        if (!o.ok) throw o.error;
        rt.announceStreams('sl651', o.result.streams.map((st) => st.streamId));
      }
      log?.flush();
    }
    const ms = performance.now() - f0;
    const events = recorder?.head()?.seq ?? 0;
    void rt.stop();
    return { ms, events };
  } finally {
    store.close();
  }
}

function rawStore(path: string) {
  const raw = openStore(path);
  const addStream = raw.db.prepare(`INSERT INTO ts_streams (id, source) VALUES (?, 'bench')`);
  for (let s = 0; s < STATIONS; s++) addStream.run(`sl651:${stationOf(s)}:Z`);
  return { raw, insert: raw.db.prepare(`INSERT INTO ts_observations (stream_id, ts, value) VALUES (?, ?, ?)`) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The full SL651 path — frame bytes → parse (CRC, BCD) → store (screening, upsert, hourly rollup) → alarm rules — for
 * STATIONS river stations reporting every 5 minutes (one Z value per frame, crossing the warning line and back). The
 * receiver stores what it read in one event-loop turn as one burst with one commit (Sl651Server →
 * Sl651Ingest.ingestMany) and acknowledges after the commit; at every 5-minute tick all stations report together, so a
 * tick is a burst. Rows:
 * - against a raw better-sqlite3 loop inserting the same rows one statement at a time (autocommit, as a naive
 *   receiver stores each frame as it arrives);
 * - informational: the same path with one commit per frame;
 * - against the raw loop batched the same way (one transaction per tick): the goal row (≥ 0.5);
 * - recording: the same ingest through a MonitoringRuntime with a drill's EventRecorder on its bus vs without (≥ 0.9).
 * The paired rows run ROUNDS times, variants alternated on fresh stores, and report medians (spread on stderr).
 */
export function sl651IngestBench(): Row[] {
  const t = tempDir('cityops-bench-sl651-');
  try {
    const t0 = Math.floor((Date.now() - (TICKS + 1) * STEP) / STEP) * STEP;
    const valueOf = (s: number, k: number) => Math.round((230 + 1.5 * Math.sin((k + s) / 8)) * 100) / 100;
    const ticks: Ticks = Array.from({ length: TICKS }, (_, k) =>
      Array.from({ length: STATIONS }, (_, s) =>
        encodeSl651Report({ station: stationOf(s), observedAt: t0 + k * STEP, serial: (k * STATIONS + s) % 65536, elements: [{ id: 'Z', value: valueOf(s, k) }] }),
      ),
    );

    // Full path, one commit per frame.
    const single = monitoredStore(join(t.dir, 'single.gpkg'));
    const s0 = performance.now();
    for (const burst of ticks) for (const bytes of burst) {
      const item = parse(bytes);
      single.ingest.ingest(item.frame, item.bytes);
    }
    const singleMs = performance.now() - s0;
    single.store.close();

    const a = rawStore(join(t.dir, 'raw.gpkg'));
    const r0 = performance.now();
    for (let k = 0; k < TICKS; k++) for (let s = 0; s < STATIONS; s++) a.insert.run(`sl651:${stationOf(s)}:Z`, t0 + k * STEP, valueOf(s, k));
    const rawMs = performance.now() - r0;
    a.raw.close();

    // Paired rows: per round, full path | raw loop one transaction per tick | runtime without | runtime with recorder.
    const fullMs: number[] = [];
    const rawTxMs: number[] = [];
    const plainMs: number[] = [];
    const recMs: number[] = [];
    let events = 0;
    for (let r = 0; r < ROUNDS; r++) {
      fullMs.push(fullPath(join(t.dir, `full-${r}.gpkg`), ticks, r === 0));
      const b = rawStore(join(t.dir, `rawtx-${r}.gpkg`));
      const tick = b.raw.db.transaction((k: number) => {
        for (let s = 0; s < STATIONS; s++) b.insert.run(`sl651:${stationOf(s)}:Z`, t0 + k * STEP, valueOf(s, k));
      });
      const b0 = performance.now();
      for (let k = 0; k < TICKS; k++) tick(k);
      rawTxMs.push(performance.now() - b0);
      b.raw.close();
      // alternate which of the recording pair goes first
      const order = r % 2 === 0 ? [false, true] : [true, false];
      for (const record of order) {
        const x = runtimePath(join(t.dir, `rt-${record ? 'rec' : 'plain'}-${r}.gpkg`), ticks, (k) => t0 + k * STEP, record);
        (record ? recMs : plainMs).push(x.ms);
        if (record) events = x.events;
      }
    }
    if (events < N) throw new Error(`bench self-check: the recorder wrote ${events} events for ${N} observations`);
    const snapshots = (() => {
      const db = openStore(join(t.dir, `rt-rec-${ROUNDS - 1}.gpkg`), { readonly: true });
      try {
        return (db.db.prepare(`SELECT count(*) AS n FROM rec_snapshots`).get() as { n: number }).n;
      } finally {
        db.close();
      }
    })();

    const rate = (ms: number) => (N / ms) * 1000;
    const spread = (name: string, ratios: number[]) => `${name} ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}`;
    process.stderr.write(
      `  sl651: ${ROUNDS} rounds, paired ratios per round: ${spread('full/raw-tx', fullMs.map((f, i) => rawTxMs[i]! / f))}; ${spread('recorded/plain', recMs.map((m, i) => plainMs[i]! / m))}; recorder ${events} events and ${snapshots} snapshots per round (${N} observations + alarm transitions)\n`,
    );
    const full = rate(median(fullMs));
    const base = rate(rawMs);
    const rawTx = rate(median(rawTxMs));
    const plain = rate(median(plainMs));
    const rec = rate(median(recMs));
    const label = `${STATIONS} stations × ${TICKS} ticks`;
    return [
      {
        name: `SL651 frame → parse → store → alarms, burst per tick (${label})`,
        value: full,
        baselineName: 'raw insert loop, same rows',
        baseline: base,
        unit: 'obs/s',
        goal: '≥ 50 % of baseline',
        pass: full >= 0.5 * base,
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
        name: `SL651 full path vs a raw insert loop batched the same way (${label}, median of ${ROUNDS})`,
        value: full,
        baselineName: 'raw insert loop, one transaction per tick',
        baseline: rawTx,
        unit: 'obs/s',
        goal: 'ratio ≥ 0.5',
        pass: full >= 0.5 * rawTx,
      },
      {
        name: `SL651 ingest with a drill's EventRecorder on the bus (${label}, median of ${ROUNDS})`,
        value: rec,
        baselineName: 'same ingest and topics, no recorder',
        baseline: plain,
        unit: 'obs/s',
        goal: 'ratio ≥ 0.9',
        pass: rec >= 0.9 * plain,
      },
    ];
  } finally {
    t.cleanup();
  }
}
