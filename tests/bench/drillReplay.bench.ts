import { statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { IncidentSummary } from '../../preload/contract';
import { EventRecorder } from '../../main/services/drills/eventRecorder';
import { replayStateAt } from '../../main/services/drills/replaySeek';
import { verifyRecord } from '../../main/services/drills/verifyRecord';
import { openStore } from '../../main/store/openStore';
import { alarmEvent, alarmInfo, incidentEvent, incidentSummary, observationEvent, viewEvent, type EventInput } from '../helpers/drillRecordFixtures';
import { tempDir } from '../helpers/tempStore';
import { medianMs, type Row } from './benchHarness';

const T0 = Date.UTC(2026, 11, 8, 0, 0);
const STEP = 300_000;
const TICKS = 288; // 24 h of 5-minute ticks
const STATIONS = 50;
const EVENTS = 100_000;
const TARGETS = 200;
const runId = 'bench-drill-20261208t000000z';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Timed {
  at: number;
  event: EventInput;
}

/**
 * 24 hours of a rainstorm drill, 100,000 events: every 5 minutes 50 stations report (one burst, 14,400 events); in
 * between, alarms run through raise → escalate ×2 → acknowledge → snooze → unsnooze → de-escalate ×2 → clear (a new
 * alarm id each time, cleared ones stay in the picture), about one incident per tick goes created → 5 transitions, 4
 * notes, 4 tasks, every eighth with a plan activation, a level change and checklist ticks, and the rest are map views
 * (a recorded pan or zoom about every 1.2 s). Events come in bursts of 1–8 at one exercise moment.
 */
function drillScript(): Timed[][] {
  const rnd = mulberry32(14);
  const perTick = Math.floor((EVENTS - STATIONS * TICKS) / TICKS);
  let extra = EVENTS - STATIONS * TICKS - perTick * TICKS;
  let alarmId = 0;
  let incidentId = 0;
  let activationId = 0;
  const alarmCycle: [string, Partial<ReturnType<typeof alarmInfo>>][] = [
    ['raise', {}],
    ['escalate', { level: '警戒+', severity: 3 }],
    ['escalate', { level: '危险', severity: 4 }],
    ['acknowledge', { level: '危险', severity: 4, state: 'acknowledged', ackBy: 'operator1' }],
    ['snooze', { level: '危险', severity: 4, state: 'snoozed', snoozeReason: '现场已处置' }],
    ['unsnooze', { level: '危险', severity: 4, state: 'acknowledged' }],
    ['deescalate', { level: '警戒+', severity: 3, state: 'acknowledged' }],
    ['deescalate', { level: '警戒', severity: 2, state: 'acknowledged' }],
    ['clear', { level: '警戒', severity: 2, state: 'cleared' }],
  ];
  const alarmQueue: EventInput[] = [];
  const incidentQueue: EventInput[] = [];
  const bursts: Timed[][] = [];
  for (let k = 0; k < TICKS; k++) {
    const tickAt = T0 + k * STEP;
    bursts.push(Array.from({ length: STATIONS }, (_, s) => ({ at: tickAt, event: observationEvent(s, tickAt, Math.round((230 + 1.5 * Math.sin((k + s) / 8)) * 100) / 100) })));
    const n = perTick + (extra-- > 0 ? 1 : 0);
    const events: EventInput[] = [];
    while (events.length < n) {
      const r = rnd();
      if (r < 0.07) {
        if (alarmQueue.length === 0) {
          const id = ++alarmId;
          for (const [action, over] of alarmCycle) alarmQueue.push(alarmEvent(action, alarmInfo(id, { raisedAt: tickAt, updatedAt: tickAt, ...over, clearedAt: over.state === 'cleared' ? tickAt : null })));
        }
        events.push(alarmQueue.shift()!);
      } else if (r < 0.117) {
        if (incidentQueue.length === 0) incidentQueue.push(...incidentLife(++incidentId, tickAt, incidentId % 8 === 0 ? ++activationId : null));
        events.push(incidentQueue.shift()!);
      } else {
        events.push(viewEvent(bursts.length * 1000 + events.length));
      }
    }
    // spread over the 5 minutes after the tick, in bursts
    let i = 0;
    let at = tickAt + 1000;
    while (i < events.length) {
      const size = 1 + Math.floor(rnd() * 8);
      bursts.push(events.slice(i, i + size).map((event) => ({ at, event })));
      i += size;
      at = Math.min(tickAt + STEP - 1, at + Math.floor(rnd() * (2 * STEP * (size / n))));
    }
  }
  return bursts;
}

function incidentLife(id: number, at: number, activationId: number | null): EventInput[] {
  const base: Partial<IncidentSummary> = { createdAt: at, updatedAt: at, alarmId: id };
  const out: EventInput[] = [incidentEvent('created', incidentSummary(id, base))];
  const statuses = ['verified', 'dispatched', 'in_progress', 'resolved', 'closed'] as const;
  statuses.forEach((status, i) => {
    out.push(incidentEvent('transition', incidentSummary(id, { ...base, status, openTasks: Math.min(i, 3) })));
    if (i < 4) out.push(incidentEvent('note', incidentSummary(id, { ...base, status })), incidentEvent('task', incidentSummary(id, { ...base, status, openTasks: i + 1 })));
    if (activationId !== null && i === 1) {
      const plan = { activationId, incidentId: id, planId: 'flood-city' };
      out.push({ kind: 'plan', actor: 'commander1', entity: `activation:${activationId}`, payload: { action: 'activated', ...plan, level: 'IV' } });
      out.push({ kind: 'checklist', actor: 'operator1', entity: `activation:${activationId}`, payload: { ...plan, itemId: 'report-up', done: true } });
      out.push({ kind: 'plan', actor: 'commander1', entity: `activation:${activationId}`, payload: { action: 'level', ...plan, level: 'III', fromLevel: 'IV' } });
    }
  });
  return out;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/**
 * replayStateAt at 200 random moments of a recorded 24-hour drill (100,000 events through EventRecorder, snapshots on
 * the default schedule) vs replaying the same events from the first one with the same fold (snapshots ignored), at
 * the same moments. Also: recording 14,400 observations through the recorder (hash chain, head, picture, snapshots)
 * vs the same INSERTs with no hashing, and verifyRecord over the 100,000 events.
 */
export function drillReplayBench(): Row[] {
  const t = tempDir('cityops-bench-drill-');
  const store = openStore(join(t.dir, 'drill.gpkg'));
  try {
    let now = T0;
    const rec = new EventRecorder(store.db, { now: () => now, runId });
    const script = drillScript();
    const r0 = performance.now();
    for (const burst of script) {
      now = burst[0]!.at;
      if (burst.length === 1) rec.append(burst[0]!.event.kind, burst[0]!.event.actor, burst[0]!.event.entity, burst[0]!.event.payload);
      else rec.appendMany(burst.map((b) => b.event));
    }
    const recordMs = performance.now() - r0;
    const events = rec.head()!.seq;
    if (events !== EVENTS) throw new Error(`drill bench: recorded ${events} events, expected ${EVENTS}`);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const snapshots = (store.db.prepare(`SELECT count(*) AS n, sum(length(state)) AS bytes, max(length(state)) AS largest FROM rec_snapshots`).get() as { n: number; bytes: number; largest: number });
    const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
    process.stderr.write(
      `  drill: ${events.toLocaleString('en')} events recorded in ${Math.round(recordMs)} ms; ${snapshots.n} snapshots, ${mb(snapshots.bytes)} MB (largest ${Math.round(snapshots.largest / 1024)} KB); store ${mb(statSync(store.path).size)} MB; final picture: ${rec.state().alarms.length} alarms, ${rec.state().incidents.length} incidents\n`,
    );

    const rnd = mulberry32(200);
    const targets = Array.from({ length: TARGETS }, () => T0 + Math.floor(rnd() * TICKS * STEP));
    const time = (snapshotsOn: boolean) => {
      for (let i = 0; i < 5; i++) replayStateAt(store.db, runId, targets[i]!, { snapshots: snapshotsOn });
      const ms = targets.map((at) => {
        const s = performance.now();
        replayStateAt(store.db, runId, at, { snapshots: snapshotsOn });
        return performance.now() - s;
      });
      return ms.sort((a, b) => a - b);
    };
    const seek = time(true);
    const scratch = time(false);

    const verify = medianMs(() => verifyRecord(store.db), 3, 1);
    const raw = medianMs(() => {
      for (const _ of store.db.prepare(`SELECT * FROM rec_events ORDER BY seq`).iterate()) void _;
    }, 3, 1);

    const { recorderMs, insertMs, n } = recordingCost(t.dir);
    return [
      { name: `replayStateAt median, 24 h drill, ${events.toLocaleString('en')} events, ${snapshots.n} snapshots`, value: percentile(seek, 50), baselineName: 'replay from the first event', baseline: percentile(scratch, 50), unit: 'ms', goal: 'value < 200 ms', pass: percentile(seek, 50) < 200 },
      { name: `replayStateAt p95, ${TARGETS} random moments`, value: percentile(seek, 95), baselineName: 'replay from the first event p95', baseline: percentile(scratch, 95), unit: 'ms', goal: 'value < 500 ms', pass: percentile(seek, 95) < 500 },
      { name: `EventRecorder ${n.toLocaleString('en')} observations (bursts of ${STATIONS})`, value: recorderMs, baselineName: 'same INSERTs, no hash chain', baseline: insertMs, unit: 'ms', goal: 'value < 50 µs/event', pass: (recorderMs / n) * 1000 < 50 },
      { name: `verifyRecord ${events.toLocaleString('en')} events`, value: verify, baselineName: 'read the same rows raw', baseline: raw, unit: 'ms', goal: 'value < 2000 ms', pass: verify < 2000 },
    ];
  } finally {
    store.close();
    t.cleanup();
  }
}

/** 24 h of 50 stations every 5 minutes through the recorder vs the same rows inserted raw, each burst a transaction. */
function recordingCost(dir: string): { recorderMs: number; insertMs: number; n: number } {
  const ticks = Array.from({ length: TICKS }, (_, k) => Array.from({ length: STATIONS }, (_, s) => observationEvent(s, T0 + k * STEP, 230 + ((k + s) % 17) / 10)));
  const n = TICKS * STATIONS;
  const a = openStore(join(dir, 'record-a.gpkg'));
  const b = openStore(join(dir, 'record-b.gpkg'));
  try {
    let now = T0;
    const rec = new EventRecorder(a.db, { now: () => now, runId });
    const r0 = performance.now();
    ticks.forEach((burst, k) => {
      now = T0 + k * STEP;
      rec.appendMany(burst);
    });
    const recorderMs = performance.now() - r0;
    const insert = b.db.prepare(`INSERT INTO rec_events (seq, at, wall_at, kind, actor, entity, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, '', '')`);
    let seq = 0;
    const tx = b.db.transaction((burst: EventInput[], at: number) => {
      for (const e of burst) insert.run(++seq, at, Date.now(), e.kind, e.actor, e.entity, JSON.stringify(e.payload));
    });
    const i0 = performance.now();
    ticks.forEach((burst, k) => tx(burst, T0 + k * STEP));
    return { recorderMs, insertMs: performance.now() - i0, n };
  } finally {
    a.close();
    b.close();
  }
}
