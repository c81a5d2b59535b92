import type Database from 'better-sqlite3';
import { TimeSeriesRepository, type TsPoint } from '../../store/timeSeriesRepository';
import { bumpWriteVersion, writeVersion } from '../../store/writeVersion';
import { decodeGpkgGeometry } from '../../store/gpkgGeometry';
import { areaFromProps, SubdistrictLocator } from '../analysis/cameraAreas';
import { defaultFloodRules, parseProps } from './defaultFloodRules';
import type {
  Alarm,
  AlarmAction,
  AlarmLogEntry,
  AlarmState,
  AlarmTransition,
  AreaRollup,
  MonitoringEvent,
  MonitoringIngestResult,
  MonitoringRollup,
  MonitoringRule,
  MonitoringRuleInput,
  RejectedPoint,
  RuleKind,
  StationRollup,
} from './monitoringTypes';

export interface MonitoringOptions {
  /** Wall clock (epoch ms); injectable for tests. */
  now?: () => number;
  /** Points more than this far in the future are rejected (default 10 min). */
  maxFutureMs?: number;
  /**
   * Largest plausible change between consecutive points per element id (default 2 m for the stage elements Z, ZU, ZB
   * and DRZ1–8). A point whose change from its predecessor exceeds it is rejected when the predecessor is at most
   * `maxStepGapMinutes` older.
   */
  maxStep?: Readonly<Record<string, number>>;
  maxStepGapMinutes?: number;
  /** Called after the transaction that produced the event has committed. */
  onEvent?: (event: MonitoringEvent) => void;
}

export class MonitoringError extends Error {
  override name = 'MonitoringError';
}

const STAGE_STEP = 2;
const defaultMaxStep: Record<string, number> = Object.fromEntries(
  ['Z', 'ZU', 'ZB', 'DRZ1', 'DRZ2', 'DRZ3', 'DRZ4', 'DRZ5', 'DRZ6', 'DRZ7', 'DRZ8'].map((e) => [e, STAGE_STEP]),
);
/** Rainfall elements (PJ, PT, P1 … P12, PD, PR, PNxx, DRP): a negative amount is impossible. */
const rainElement = /^(P[0-9JTDRN][0-9]*|DRP)$/;

interface RuleRow {
  id: string;
  stream_id: string;
  station_id: string | null;
  kind: RuleKind;
  direction: 'above' | 'below';
  levels: string;
  hysteresis: number;
  window_minutes: number | null;
  enabled: number;
  origin: string;
  last_eval_ts: number | null;
}

interface AlarmRow {
  id: number;
  rule_id: string;
  stream_id: string;
  station_id: string | null;
  level: string;
  severity: number;
  state: AlarmState;
  raised_at: number;
  updated_at: number;
  value: number | null;
  ack_by: string | null;
  ack_at: number | null;
  snooze_until: number | null;
  snooze_reason: string | null;
  cleared_at: number | null;
}

interface LogRow {
  id: number;
  at: number;
  ts: number | null;
  alarm_id: number | null;
  rule_id: string | null;
  stream_id: string | null;
  station_id: string | null;
  action: AlarmAction;
  from_level: string | null;
  to_level: string | null;
  value: number | null;
  actor: string;
  reason: string | null;
}

const toRule = (r: RuleRow): MonitoringRule => ({
  id: r.id,
  streamId: r.stream_id,
  stationId: r.station_id,
  kind: r.kind,
  direction: r.direction,
  levels: JSON.parse(r.levels) as MonitoringRule['levels'],
  hysteresis: r.hysteresis,
  windowMinutes: r.window_minutes,
  enabled: r.enabled === 1,
  origin: r.origin,
  lastEvalTs: r.last_eval_ts,
});

const toAlarm = (r: AlarmRow): Alarm => ({
  id: r.id,
  ruleId: r.rule_id,
  streamId: r.stream_id,
  stationId: r.station_id,
  level: r.level,
  severity: r.severity,
  state: r.state,
  raisedAt: r.raised_at,
  updatedAt: r.updated_at,
  value: r.value,
  ackBy: r.ack_by,
  ackAt: r.ack_at,
  snoozeUntil: r.snooze_until,
  snoozeReason: r.snooze_reason,
  clearedAt: r.cleared_at,
});

const toLog = (r: LogRow): AlarmLogEntry => ({
  id: r.id,
  at: r.at,
  ts: r.ts,
  alarmId: r.alarm_id,
  ruleId: r.rule_id,
  streamId: r.stream_id,
  stationId: r.station_id,
  action: r.action,
  fromLevel: r.from_level,
  toLevel: r.to_level,
  value: r.value,
  actor: r.actor,
  reason: r.reason,
});

const MINUTE = 60_000;

type OpenAlarm = Pick<AlarmRow, 'id' | 'level' | 'state'>;

/**
 * Rules and open alarms kept between transactions, so a burst of reports does not re-read them per frame. Trusted only
 * while nothing else wrote the monitoring tables: the process-wide monitoringVersion and SQLite's data_version are
 * compared at the start of every transaction; a rollback drops it.
 */
interface RuleCache {
  version: number;
  dataVersion: number;
  /** `${streamId}\0${stationId}` → the enabled rules a report of the stream moves. */
  byKey: Map<string, MonitoringRule[]>;
  /** The open alarm of a rule (null = none); absent = unknown. */
  open: Map<string, OpenAlarm | null>;
}

interface LogIds {
  ts: number | null;
  alarmId: number | null;
  ruleId: string | null;
  streamId: string | null;
  stationId: string | null;
  action: AlarmAction;
}

interface LogRest {
  at?: number;
  fromLevel?: string | null;
  toLevel?: string | null;
  value?: number | null;
  actor?: string;
  reason?: string | null;
}

/**
 * Thresholds and alarms over the time-series store (pure TypeScript + SQLite, no I/O besides the store).
 * A rule has ordered levels; a level is raised when the metric reaches its line (≥ for 'above', ≤ for 'below') and
 * clears only past line ∓ hysteresis, so a value hovering at a line does not flap. One open alarm per rule: crossing
 * further lines escalates or de-escalates it. Every change, operator action and rejected value goes to mon_alarm_log.
 */
export class MonitoringService {
  readonly series: TimeSeriesRepository;
  private readonly now: () => number;
  private readonly maxFutureMs: number;
  private readonly maxStep: Readonly<Record<string, number>>;
  private readonly maxStepGapMs: number;
  private readonly onEvent: ((event: MonitoringEvent) => void) | undefined;
  private pending: MonitoringEvent[] = [];
  private readonly q: Record<string, Database.Statement>;
  private cache: RuleCache | null = null;
  /** True while this service's own outermost transaction runs (nested calls join it). */
  private inOwnTx = false;
  /** Rules' new evaluation positions, written at the end of the running batch; null outside a batch. */
  private evals: Map<string, number> | null = null;

  constructor(
    private readonly db: Database.Database,
    options: MonitoringOptions = {},
  ) {
    this.series = new TimeSeriesRepository(db);
    this.now = options.now ?? Date.now;
    this.maxFutureMs = options.maxFutureMs ?? 10 * MINUTE;
    this.maxStep = { ...defaultMaxStep, ...options.maxStep };
    this.maxStepGapMs = (options.maxStepGapMinutes ?? 60) * MINUTE;
    this.onEvent = options.onEvent;
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      upsertRule: p(`
INSERT INTO mon_rules (id, stream_id, station_id, kind, direction, levels, hysteresis, window_minutes, enabled, origin)
VALUES (@id, @streamId, @stationId, @kind, @direction, @levels, @hysteresis, @windowMinutes, @enabled, @origin)
ON CONFLICT(id) DO UPDATE SET stream_id = excluded.stream_id, station_id = excluded.station_id, kind = excluded.kind,
  direction = excluded.direction, levels = excluded.levels, hysteresis = excluded.hysteresis,
  window_minutes = excluded.window_minutes, enabled = excluded.enabled, origin = excluded.origin`),
      rule: p(`SELECT * FROM mon_rules WHERE id = ?`),
      rules: p(`SELECT * FROM mon_rules ORDER BY id`),
      rulesForStream: p(`
SELECT * FROM mon_rules WHERE enabled = 1
  AND (stream_id = @stream OR (kind = 'silence' AND station_id IS NOT NULL AND station_id = @station))
ORDER BY id`),
      dataVersion: p(`PRAGMA data_version`).pluck(),
      setEvalMany: p(`UPDATE mon_rules SET last_eval_ts = ? WHERE id IN (SELECT value FROM json_each(?))`),
      silenceRules: p(`SELECT * FROM mon_rules WHERE enabled = 1 AND kind = 'silence' ORDER BY id`),
      rainRules: p(`SELECT * FROM mon_rules WHERE enabled = 1 AND kind = 'accumulated_rain' ORDER BY id`),
      setEval: p(`UPDATE mon_rules SET last_eval_ts = ? WHERE id = ?`),
      openAlarm: p(`SELECT * FROM mon_alarms WHERE rule_id = ? AND state <> 'cleared'`),
      alarm: p(`SELECT * FROM mon_alarms WHERE id = ?`),
      alarms: p(`SELECT * FROM mon_alarms ORDER BY id`),
      openAlarms: p(`SELECT * FROM mon_alarms WHERE state <> 'cleared' ORDER BY severity DESC, id`),
      insertAlarm: p(`
INSERT INTO mon_alarms (rule_id, stream_id, station_id, level, severity, state, raised_at, updated_at, value)
VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?)`),
      setLevel: p(`UPDATE mon_alarms SET level = ?, severity = ?, state = ?, updated_at = ?, value = ? WHERE id = ?`),
      clear: p(`UPDATE mon_alarms SET state = 'cleared', cleared_at = ?, updated_at = ?, value = ? WHERE id = ?`),
      ack: p(`UPDATE mon_alarms SET state = 'acknowledged', ack_by = ?, ack_at = ?, updated_at = ? WHERE id = ?`),
      snooze: p(`UPDATE mon_alarms SET state = 'snoozed', snooze_until = ?, snooze_reason = ?, updated_at = ? WHERE id = ?`),
      expiredSnoozes: p(`SELECT * FROM mon_alarms WHERE state = 'snoozed' AND snooze_until <= ? ORDER BY id`),
      unsnooze: p(`UPDATE mon_alarms SET state = 'active', updated_at = ? WHERE id = ?`),
      log: p(`
INSERT INTO mon_alarm_log (at, ts, alarm_id, rule_id, stream_id, station_id, action, from_level, to_level, value, actor, reason)
VALUES (@at, @ts, @alarmId, @ruleId, @streamId, @stationId, @action, @fromLevel, @toLevel, @value, @actor, @reason)`),
      logAll: p(`SELECT * FROM mon_alarm_log ORDER BY id`),
      logByAlarm: p(`SELECT * FROM mon_alarm_log WHERE alarm_id = ? ORDER BY id`),
      logByStream: p(`SELECT * FROM mon_alarm_log WHERE stream_id = ? ORDER BY id`),
      stations: p(`SELECT station_code, name, props, geom FROM flood_stations WHERE station_code IS NOT NULL`),
    };
  }

  // ── transactions and events ───────────────────────────────────────────────────────────────────────────────────

  /** Runs fn in a transaction (joining the caller's when there is one); events go out after the outermost commit. */
  private tx<T>(fn: () => T): T {
    if (this.inOwnTx) return fn();
    if (this.db.inTransaction) {
      // Inside the caller's transaction the work simply joins it (no savepoint: a failure rolls the whole unit back).
      // Whether that transaction commits is not ours to know, so nothing read or written in it is cached.
      this.cache = null;
      try {
        return fn();
      } finally {
        this.cache = null;
        bumpWriteVersion(this.db, 'monitoring');
      }
    }
    const version = writeVersion(this.db, 'monitoring');
    const dataVersion = this.q.dataVersion!.get() as number;
    if (!this.cache || this.cache.version !== version || this.cache.dataVersion !== dataVersion) {
      this.cache = { version, dataVersion, byKey: new Map(), open: new Map() };
    }
    try {
      this.inOwnTx = true;
      let result: T;
      try {
        result = this.series.transaction(fn);
      } finally {
        this.inOwnTx = false;
      }
      const next = bumpWriteVersion(this.db, 'monitoring');
      if (this.cache) this.cache.version = next;
      this.flushEvents();
      return result;
    } catch (err) {
      this.cache = null;
      this.pending = [];
      throw err;
    }
  }

  /**
   * Runs fn as one write batch (one transaction; events after the commit): a burst of reports from many stations is
   * stored and evaluated with one commit, the rules and open alarms of its streams read once (prefetch), and the
   * rules' evaluation positions, hourly rollups and last report times written once at the end. A throw rolls the
   * whole batch back and nothing of it is remembered. Nested calls join the running batch.
   */
  batch<T>(fn: () => T): T {
    if (this.evals) return fn();
    return this.tx(() =>
      this.series.batch(() => {
        this.evals = new Map();
        try {
          const result = fn();
          this.flushEvals();
          return result;
        } finally {
          this.evals = null;
        }
      }),
    );
  }

  /** Loads in a few statements what a batch will ask about these streams and stations (stream rows, last reports). */
  prefetch(streamIds: readonly string[], stationIds: readonly string[]): void {
    this.series.prefetch(streamIds, stationIds);
  }

  /** The enabled rules that a report of the stream moves: its own, and its station's silence rules. */
  private rulesFor(streamId: string, stationId: string | null): MonitoringRule[] {
    const key = `${streamId}\u0000${stationId ?? ''}`;
    const known = this.cache?.byKey.get(key);
    if (known) return known;
    const rules = (this.q.rulesForStream!.all({ stream: streamId, station: stationId }) as RuleRow[]).map(toRule);
    if (this.cache) {
      // One object per rule across keys (a station's silence rule serves all its streams).
      const byId = new Map<string, MonitoringRule>();
      for (const list of this.cache.byKey.values()) for (const r of list) byId.set(r.id, r);
      const shared = rules.map((r) => byId.get(r.id) ?? r);
      this.cache.byKey.set(key, shared);
      return shared;
    }
    return rules;
  }

  private openAlarmOf(ruleId: string): OpenAlarm | null {
    const known = this.cache?.open.get(ruleId);
    if (known !== undefined) return known;
    const row = (this.q.openAlarm!.get(ruleId) as AlarmRow | undefined) ?? null;
    const open = row ? { id: row.id, level: row.level, state: row.state } : null;
    this.cache?.open.set(ruleId, open);
    return open;
  }

  private setEval(rule: MonitoringRule, ts: number): void {
    rule.lastEvalTs = ts;
    if (this.evals) this.evals.set(rule.id, ts);
    else this.q.setEval!.run(ts, rule.id);
  }

  private flushEvals(): void {
    const evals = this.evals;
    if (!evals || evals.size === 0) return;
    const byTs = new Map<number, string[]>();
    for (const [id, ts] of evals) {
      const ids = byTs.get(ts);
      if (ids) ids.push(id);
      else byTs.set(ts, [id]);
    }
    for (const [ts, ids] of byTs) this.q.setEvalMany!.run(ts, JSON.stringify(ids));
    evals.clear();
  }

  /** Delivers the queued events. A caller that wraps monitoring calls in its own transaction calls this after commit. */
  flushEvents(): void {
    const events = this.pending;
    this.pending = [];
    if (!this.onEvent) return;
    for (const e of events) {
      try {
        this.onEvent(e);
      } catch (err) {
        console.error('[monitoring] event listener failed:', err);
      }
    }
  }

  /** Drops the queued events (the caller's transaction rolled back). */
  discardEvents(): void {
    this.pending = [];
  }

  // ── rules ───────────────────────────────────────────────────────────────────────────────────────────────────

  /** Creates or replaces a rule (keeps its evaluation position and alarms). */
  upsertRule(input: MonitoringRuleInput): MonitoringRule {
    if (input.levels.length === 0) throw new MonitoringError(`rule for ${input.streamId}: no levels`);
    for (const l of input.levels) {
      if (!Number.isFinite(l.threshold)) throw new MonitoringError(`rule for ${input.streamId}: level ${l.name} has no finite threshold`);
    }
    const id = input.id ?? `${input.kind}:${input.streamId}`;
    this.flushEvals();
    this.cache = null;
    bumpWriteVersion(this.db, 'monitoring');
    this.q.upsertRule!.run({
      id,
      streamId: input.streamId,
      stationId: input.stationId ?? null,
      kind: input.kind,
      direction: input.direction ?? 'above',
      levels: JSON.stringify(input.levels),
      hysteresis: input.hysteresis ?? 0,
      windowMinutes: input.windowMinutes ?? null,
      enabled: input.enabled === false ? 0 : 1,
      origin: input.origin ?? 'user',
    });
    return this.rule(id)!;
  }

  rule(id: string): MonitoringRule | null {
    const r = this.q.rule!.get(id) as RuleRow | undefined;
    return r ? toRule(r) : null;
  }

  rules(): MonitoringRule[] {
    return (this.q.rules!.all() as RuleRow[]).map(toRule);
  }

  /** Installs the demo default rules for every station of the flood_stations layer; returns how many. */
  installDefaultRules(): number {
    const rules = defaultFloodRules(this.db);
    this.tx(() => {
      for (const r of rules) this.upsertRule(r);
    });
    return rules.length;
  }

  // ── screening, ingest and evaluation ────────────────────────────────────────────────────────────────────────

  /**
   * Splits points into plausible and impossible ones (non-finite value or time, more than maxFutureMs ahead of now,
   * negative rainfall, a stage step larger than maxStep). Each rejection is logged with its reason.
   */
  screen(streamId: string, points: readonly TsPoint[]): { accepted: TsPoint[]; rejected: RejectedPoint[] } {
    const stream = this.series.stream(streamId);
    const element = stream?.element ?? null;
    const maxStep = element !== null ? this.maxStep[element] : undefined;
    const now = this.now();
    const accepted: TsPoint[] = [];
    const rejected: RejectedPoint[] = [];
    const sorted = [...points].sort((a, b) => a.ts - b.ts);
    for (const p of sorted) {
      let reason: string | null = null;
      if (!Number.isSafeInteger(p.ts)) reason = `time ${String(p.ts)} is not an epoch-ms integer`;
      else if (!Number.isFinite(p.value)) reason = `value ${String(p.value)} is not a finite number`;
      else if (p.ts > now + this.maxFutureMs) {
        const ahead = Math.round((p.ts - now) / MINUTE);
        reason = `time ${new Date(p.ts).toISOString()} is ${ahead} min in the future (limit ${this.maxFutureMs / MINUTE} min)`;
      } else if (element !== null && rainElement.test(element) && p.value < 0) reason = `negative rainfall ${p.value} for ${element}`;
      else if (maxStep !== undefined) {
        const stored = this.series.before(streamId, p.ts);
        const lastAccepted = accepted.at(-1);
        const prev = lastAccepted && lastAccepted.ts < p.ts && (!stored || lastAccepted.ts > stored.ts) ? lastAccepted : stored;
        if (prev && p.ts - prev.ts <= this.maxStepGapMs && Math.abs(p.value - prev.value) > maxStep) {
          const step = Math.abs(p.value - prev.value).toFixed(3);
          reason = `${element} jumps ${step} from ${prev.value} at ${new Date(prev.ts).toISOString()} (max step ${maxStep})`;
        }
      }
      if (reason === null) accepted.push({ ts: p.ts, value: p.value });
      else rejected.push({ ts: p.ts, value: p.value, reason });
    }
    if (rejected.length > 0) {
      const stationId = stream?.stationId ?? null;
      for (const r of rejected) {
        this.log({ ts: Number.isSafeInteger(r.ts) ? r.ts : null, alarmId: null, ruleId: null, streamId, stationId, action: 'reject' }, {
          value: Number.isFinite(r.value) ? r.value : null,
          reason: r.reason,
        });
        this.pending.push({ type: 'rejected', streamId, stationId, point: r });
      }
    }
    return { accepted, rejected };
  }

  /**
   * Screens, stores the plausible points and evaluates the stream's rules, all in one transaction. The stream must
   * exist (TimeSeriesRepository.ensureStream). Rejected points are logged and never stored.
   */
  ingest(streamId: string, points: readonly TsPoint[]): MonitoringIngestResult {
    return this.tx(() => {
      const { accepted, rejected } = this.screen(streamId, points);
      const w = this.series.upsert(streamId, accepted);
      const transitions = this.evaluate(streamId, accepted);
      return { streamId, accepted, rejected, inserted: w.inserted, updated: w.updated, transitions };
    });
  }

  /**
   * Applies every rule of the stream to points already stored, oldest first. Points not newer than a rule's last
   * evaluated time (late data) are stored history but do not move alarms. A report also clears the station's silence.
   */
  evaluate(streamId: string, newPoints: readonly TsPoint[]): AlarmTransition[] {
    return this.tx(() => {
      const stationId = this.series.stream(streamId)?.stationId ?? null;
      const rules = this.rulesFor(streamId, stationId);
      const points = [...newPoints].sort((a, b) => a.ts - b.ts);
      const out: AlarmTransition[] = [];
      const newest = points.at(-1);
      if (!newest) return out;
      for (const rule of rules) {
        if (rule.kind === 'silence') {
          const last = rule.stationId !== null ? this.series.freshness(rule.stationId) : this.series.latest(rule.streamId)?.ts;
          const minutes = Math.max(0, (this.now() - (last ?? newest.ts)) / MINUTE);
          out.push(...this.apply(rule, rule.levels.map(() => minutes), this.now(), minutes));
          continue;
        }
        let lastEval = rule.lastEvalTs;
        for (const p of points) {
          if (lastEval !== null && p.ts <= lastEval) continue;
          const metrics = this.metrics(rule, p);
          if (metrics) out.push(...this.apply(rule, metrics.perLevel, p.ts, metrics.shown));
          lastEval = p.ts;
        }
        if (lastEval !== null && lastEval !== rule.lastEvalTs) this.setEval(rule, lastEval);
      }
      return out;
    });
  }

  /** Silence rules against `now` (minutes since the last report); also returns expired snoozes to active. */
  checkSilence(now: number = this.now()): AlarmTransition[] {
    return this.tx(() => {
      const out: AlarmTransition[] = [];
      for (const row of this.q.silenceRules!.all() as RuleRow[]) {
        const rule = toRule(row);
        const last = rule.stationId !== null ? this.series.freshness(rule.stationId) : (this.series.latest(rule.streamId)?.ts ?? null);
        // A station that never reported has no reference time: silence counts from its first report.
        if (last === null) continue;
        const minutes = Math.max(0, (now - last) / MINUTE);
        out.push(...this.apply(rule, rule.levels.map(() => minutes), now, minutes));
      }
      for (const row of this.q.expiredSnoozes!.all(now) as AlarmRow[]) {
        this.q.unsnooze!.run(now, row.id);
        this.cache?.open.delete(row.rule_id);
        const alarm = this.alarm(row.id)!;
        this.log({ ...this.idsOf(alarm), action: 'unsnooze' }, { at: now, reason: 'snooze expired' });
        out.push(this.emit({ action: 'unsnooze', alarm, fromLevel: alarm.level, toLevel: alarm.level }));
      }
      return out;
    });
  }

  /** Re-evaluates accumulated-rain rules at `now` so their windows slide (a rain alarm clears when the rain stops). */
  refreshRainWindows(now: number = this.now()): AlarmTransition[] {
    return this.tx(() => {
      const out: AlarmTransition[] = [];
      for (const row of this.q.rainRules!.all() as RuleRow[]) {
        const rule = toRule(row);
        const m = this.metrics(rule, { ts: now, value: 0 });
        if (m) out.push(...this.apply(rule, m.perLevel, now, m.shown));
      }
      return out;
    });
  }

  /** The metric of each level at point p; null when the rule cannot be evaluated there (e.g. no earlier point). */
  private metrics(rule: MonitoringRule, p: TsPoint): { perLevel: number[]; shown: number } | null {
    switch (rule.kind) {
      case 'level':
        return { perLevel: rule.levels.map(() => p.value), shown: p.value };
      case 'rate_of_rise': {
        const windowMs = (rule.windowMinutes ?? 60) * MINUTE;
        const first = this.series.firstIn(rule.streamId, p.ts - windowMs, p.ts);
        if (!first) return null;
        const rate = (p.value - first.value) / ((p.ts - first.ts) / 3_600_000);
        return { perLevel: rule.levels.map(() => rate), shown: rate };
      }
      case 'accumulated_rain': {
        const perLevel = rule.levels.map((l) => {
          const windowMs = (l.windowMinutes ?? rule.windowMinutes ?? 60) * MINUTE;
          return Math.round(this.series.sum(rule.streamId, p.ts - windowMs, p.ts).sum * 1000) / 1000;
        });
        return { perLevel, shown: Math.max(...perLevel) };
      }
      case 'silence':
        return null;
    }
  }

  /** Moves the rule's alarm to the level the metrics call for, with hysteresis; logs and queues each change. */
  private apply(rule: MonitoringRule, metrics: number[], at: number, shown: number): AlarmTransition[] {
    const s = rule.direction === 'below' ? -1 : 1;
    const h = rule.hysteresis;
    const open = this.openAlarmOf(rule.id);
    const cur = open ? Math.max(-1, rule.levels.findIndex((l) => l.name === open.level)) : -1;
    const reached = (i: number) => s * (metrics[i] ?? Number.NaN) >= s * rule.levels[i]!.threshold;
    const holds = (i: number) => !(s * (metrics[i] ?? Number.NaN) < s * rule.levels[i]!.threshold - h);
    let up = -1;
    for (let i = 0; i < rule.levels.length; i++) if (reached(i)) up = i;
    let next = cur;
    if (up > cur) next = up;
    else while (next >= 0 && !holds(next)) next--;
    if (next === cur) return [];
    const ids = { ts: at, ruleId: rule.id, streamId: rule.streamId, stationId: rule.stationId };
    const from = cur >= 0 ? rule.levels[cur]!.name : null;
    if (next < 0) {
      const alarmId = open!.id;
      this.q.clear!.run(at, at, shown, alarmId);
      this.cache?.open.set(rule.id, null);
      const alarm = this.alarm(alarmId)!;
      this.log({ ...ids, alarmId, action: 'clear' }, { fromLevel: from, value: shown });
      return [this.emit({ action: 'clear', alarm, fromLevel: from, toLevel: null })];
    }
    const level = rule.levels[next]!;
    if (!open) {
      const inserted = this.q.insertAlarm!.run(rule.id, rule.streamId, rule.stationId, level.name, level.severity, at, at, shown);
      const alarmId = Number(inserted.lastInsertRowid);
      this.cache?.open.set(rule.id, { id: alarmId, level: level.name, state: 'active' });
      this.log({ ...ids, alarmId, action: 'raise' }, { toLevel: level.name, value: shown });
      return [this.emit({ action: 'raise', alarm: this.alarm(alarmId)!, fromLevel: null, toLevel: level.name })];
    }
    const action: AlarmAction = next > cur ? 'escalate' : 'deescalate';
    // Escalation needs attention again: an acknowledged or snoozed alarm becomes active.
    const state: AlarmState = action === 'escalate' ? 'active' : open.state;
    this.q.setLevel!.run(level.name, level.severity, state, at, shown, open.id);
    this.cache?.open.set(rule.id, { id: open.id, level: level.name, state });
    this.log({ ...ids, alarmId: open.id, action }, { fromLevel: from, toLevel: level.name, value: shown });
    return [this.emit({ action, alarm: this.alarm(open.id)!, fromLevel: from, toLevel: level.name })];
  }

  private emit(t: AlarmTransition): AlarmTransition {
    this.pending.push({ type: 'alarm', transition: t });
    return t;
  }

  private idsOf(a: Alarm): Omit<LogIds, 'action'> {
    return { ts: null, alarmId: a.id, ruleId: a.ruleId, streamId: a.streamId, stationId: a.stationId };
  }

  private log(ids: LogIds, rest: LogRest): void {
    this.q.log!.run({
      ...ids,
      at: rest.at ?? this.now(),
      fromLevel: rest.fromLevel ?? null,
      toLevel: rest.toLevel ?? null,
      value: rest.value ?? null,
      actor: rest.actor ?? 'system',
      reason: rest.reason ?? null,
    });
  }

  // ── operator actions ────────────────────────────────────────────────────────────────────────────────────────

  acknowledge(alarmId: number, user: string): Alarm {
    return this.tx(() => {
      const a = this.openOrThrow(alarmId);
      const now = this.now();
      this.q.ack!.run(user, now, now, alarmId);
      this.log({ ...this.idsOf(a), action: 'acknowledge' }, { actor: user });
      const alarm = this.alarm(alarmId)!;
      this.emit({ action: 'acknowledge', alarm, fromLevel: alarm.level, toLevel: alarm.level });
      return alarm;
    });
  }

  snooze(alarmId: number, user: string, minutes: number, reason: string): Alarm {
    if (!(minutes > 0) || !Number.isFinite(minutes)) throw new MonitoringError(`snooze minutes must be > 0, got ${minutes}`);
    if (!reason.trim()) throw new MonitoringError('a snooze needs a reason');
    return this.tx(() => {
      const a = this.openOrThrow(alarmId);
      const now = this.now();
      this.q.snooze!.run(now + minutes * MINUTE, reason, now, alarmId);
      this.log({ ...this.idsOf(a), action: 'snooze' }, {
        actor: user,
        reason: `${minutes} min: ${reason}`,
      });
      const alarm = this.alarm(alarmId)!;
      this.emit({ action: 'snooze', alarm, fromLevel: alarm.level, toLevel: alarm.level });
      return alarm;
    });
  }

  private openOrThrow(alarmId: number): Alarm {
    const a = this.alarm(alarmId);
    if (!a) throw new MonitoringError(`no alarm ${alarmId}`);
    if (a.state === 'cleared') throw new MonitoringError(`alarm ${alarmId} is already cleared`);
    this.cache?.open.delete(a.ruleId);
    return a;
  }

  // ── queries ─────────────────────────────────────────────────────────────────────────────────────────────────

  alarm(id: number): Alarm | null {
    const r = this.q.alarm!.get(id) as AlarmRow | undefined;
    return r ? toAlarm(r) : null;
  }

  /** All alarms, or only the open ones (not cleared, most severe first). */
  alarms(filter: { open?: boolean } = {}): Alarm[] {
    return ((filter.open ? this.q.openAlarms! : this.q.alarms!).all() as AlarmRow[]).map(toAlarm);
  }

  alarmLog(filter: { alarmId?: number; streamId?: string } = {}): AlarmLogEntry[] {
    const rows =
      filter.alarmId !== undefined
        ? this.q.logByAlarm!.all(filter.alarmId)
        : filter.streamId !== undefined
          ? this.q.logByStream!.all(filter.streamId)
          : this.q.logAll!.all();
    return (rows as LogRow[]).map(toLog);
  }

  /** Most severe open level per station and per area (sub-district from the station's props; null when unknown). */
  rollup(): MonitoringRollup {
    const info = new Map<string, { name: string | null; area: string | null }>();
    const rows = this.q.stations!.all() as { station_code: string; name: string | null; props: string | null; geom: Uint8Array | null }[];
    const points = new Map<string, [number, number]>();
    for (const r of rows) {
      const g = r.geom ? decodeGpkgGeometry(r.geom) : null;
      if (g?.type === 'Point') {
        const [lon, lat] = g.coordinates as number[];
        if (Number.isFinite(lon) && Number.isFinite(lat)) points.set(r.station_code, [lon!, lat!]);
      }
    }
    // A station whose props name no area is placed in the sub-district layer's polygon that contains it.
    const xy = [...points.values()];
    const extent: [number, number, number, number] | null = xy.length
      ? [Math.min(...xy.map((p) => p[0])), Math.min(...xy.map((p) => p[1])), Math.max(...xy.map((p) => p[0])), Math.max(...xy.map((p) => p[1]))]
      : null;
    let locator: SubdistrictLocator | null = null;
    for (const r of rows) {
      let area = areaFromProps(parseProps(r.props));
      const at = points.get(r.station_code);
      if (area === null && at) {
        locator ??= new SubdistrictLocator(this.db, extent);
        area = locator.areaAt(at[0], at[1]);
      }
      info.set(r.station_code, { name: r.name, area });
    }
    const stations = new Map<string, StationRollup>();
    for (const a of this.alarms({ open: true })) {
      if (a.stationId === null) continue;
      const s = stations.get(a.stationId);
      if (s) {
        s.openAlarms++;
        if (a.severity > s.severity) Object.assign(s, { level: a.level, severity: a.severity });
      } else {
        const i = info.get(a.stationId);
        stations.set(a.stationId, {
          stationId: a.stationId,
          name: i?.name ?? null,
          area: i?.area ?? null,
          level: a.level,
          severity: a.severity,
          openAlarms: 1,
        });
      }
    }
    const areas = new Map<string | null, AreaRollup>();
    for (const s of stations.values()) {
      const a = areas.get(s.area);
      if (!a) areas.set(s.area, { area: s.area, level: s.level, severity: s.severity, stations: 1 });
      else {
        a.stations++;
        if (s.severity > a.severity) Object.assign(a, { level: s.level, severity: s.severity });
      }
    }
    const bySeverity = <T extends { severity: number }>(x: T[], key: (t: T) => string) =>
      x.sort((p, q) => q.severity - p.severity || key(p).localeCompare(key(q)));
    return {
      stations: bySeverity([...stations.values()], (s) => s.stationId),
      areas: bySeverity([...areas.values()], (a) => a.area ?? ''),
    };
  }
}
