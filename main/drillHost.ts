import { join } from 'node:path';
import type { DrillScenario, DrillState, MethodName, RpcResult, TopicName } from '../preload/contract';
import type { Actor } from './services/auth/actor';
import { createDispatch, type CallContext, type Dispatch } from './rpc/dispatch';
import { EventBus } from './rpc/eventBus';
import type Database from 'better-sqlite3';
import type { HostRuntime } from './hostRuntime';
import { DrillDelivery, drillMqttPrefix } from './drillDelivery';
import { createDrillHandlers } from './drillHandlers';
import { ExerciseClock } from './services/drills/exerciseClock';
import { DrillSession } from './services/drills/drillSession';
import { EventRecorder } from './services/drills/eventRecorder';
import { createDrillStore, drillStorePath, listDrillRuns, makeRunId, setDrillStatus, type DrillMeta } from './services/drills/drillStore';
import { resolveInjectTimes, scenarioSummary } from './services/drills/loadScenario';
import { Autoplayer } from './services/drills/autoplay';
import { recordCall, recordTopic } from './services/drills/recordCall';
import { RecordBuffer } from './services/drills/recordBuffer';
import { openStore } from './store/openStore';
import { CommandError } from './services/auth/commandError';
import type { PdfPrinter } from './services/drills/printPdf';

/** What a drill needs of the live host: its store (read only), its bus and dispatch, its sessions and open alarms. */
export interface LiveSide {
  storePath: string;
  /** For checking scenarios against the live reference data; never written by drills. */
  db: Database.Database;
  bus: EventBus;
  dispatch: Dispatch;
  auth: { session(token: string | null): { actor: Actor } | null };
  audit: { append(actor: Actor, action: string, target: string | null, details: Record<string, unknown>): unknown } | null;
  openAlarms(): { severity: number; raisedAt: number }[];
}

export interface DrillHostOptions {
  /** Folder of the drill stores (default: drills/ beside the live store). */
  drillsDir: string;
  resourcesDir: string;
  /** Builds the drill's own host over its store; `now` is the exercise clock. */
  createRuntime(storePath: string, now: () => number): HostRuntime;
  /** The broker MQTT injects are published to (the drill subscribes to its own topic prefix on it). */
  mqttUrl?: string | null;
  log?: (msg: string) => void;
  wallNow?: () => number;
  /** The live store's own recorder (null: not recorded, e.g. a headless run over a read-only store). */
  liveRecorder?: EventRecorder | null;
  /** Prints reports to PDF (default: the system's Chromium headless; Electron sets its own). */
  pdfPrinter?: PdfPrinter;
}

export interface StartOptions {
  speed: number;
  /** Headless runs: the exercise time moves only from event to event (deterministic), up to ×600. */
  lockstep?: boolean;
  autoplay?: boolean;
  actor: Actor;
}

/** The running drill: its clock, schedule, host over its own store and recorder. */
export interface ActiveDrill {
  meta: DrillMeta;
  clock: ExerciseClock;
  session: DrillSession;
  runtime: HostRuntime;
  /** The drill's record: its recorder behind a group-commit buffer. */
  log: RecordBuffer;
  delivery: DrillDelivery;
  autoplay: Autoplayer | null;
  endAt: number;
  sl651Port: number | null;
  unlisten: () => void;
  ended: Promise<void>;
  resolveEnded: () => void;
}

/**
 * Live ↔ drill for one host. Every window talks to `dispatch` and listens to `bus`: with no drill they are the live
 * host's; while a drill runs every call except drill.* goes to the drill's own host (its own store, receivers and
 * bus), and only the drill's topics reach the windows. The live host keeps running underneath: its feeds keep
 * writing the live store, never the drill; its open alarms are shown on the drill banner. Nothing of a drill is
 * written to the live store: the drill store is a copy made from a read-only connection.
 */
export class DrillHost {
  readonly bus = new EventBus();
  readonly dispatch: Dispatch;
  private active: ActiveDrill | null = null;
  private starting = false;
  private lastEnded: DrillState['lastEnded'] = null;
  private liveAlarms = { openAlarms: 0, worstSeverity: 0, lastRaisedAt: null as number | null };
  private readonly drillDispatch: Dispatch;
  /** The live store's record (group-committed like a drill's). */
  private readonly liveLog: RecordBuffer | null;
  private readonly wallNow: () => number;

  constructor(
    readonly live: LiveSide,
    readonly o: DrillHostOptions,
  ) {
    this.wallNow = o.wallNow ?? Date.now;
    this.liveLog = o.liveRecorder ? new RecordBuffer(o.liveRecorder, this.wallNow) : null;
    live.bus.listen((topic, payload) => {
      // The live record goes on during a drill: the real world does not stop.
      if (this.liveLog) {
        try {
          recordTopic(this.liveLog, topic, payload);
        } catch (err) {
          this.log(`[record] live ${topic}: ${(err as Error).message}`);
        }
      }
      if (topic === 'alarms.changed') this.onLiveAlarm();
      if (!this.active) this.forward(topic, payload);
    });
    this.markInterrupted();
    this.drillDispatch = createDispatch(createDrillHandlers(this), console.error, {
      actorOf: (session) => (this.active?.runtime.command.auth ?? live.auth).session(session)?.actor ?? null,
      refused: (actor, method, reason) => void (this.active?.runtime.command.audit ?? live.audit)?.append(actor, 'denied', null, { method, reason }),
    });
    this.dispatch = (method, input, context) => this.route(method, input, context);
  }

  get current(): ActiveDrill | null {
    return this.active;
  }

  state(): DrillState {
    const a = this.active;
    return {
      mode: a ? 'drill' : 'live',
      run: a ? this.runState(a) : null,
      live: { ...this.liveAlarms },
      lastEnded: this.lastEnded,
    };
  }

  /** Starts a drill over a copy of the live store (refused while one runs). */
  async start(scenario: DrillScenario, opts: StartOptions): Promise<DrillState> {
    if (this.active || this.starting) throw new CommandError('BAD_INPUT', `已有演练进行中 / a drill is already running (${this.active?.meta.runId ?? 'starting'}); end it first`);
    this.starting = true;
    try {
      return await this.startNow(scenario, opts);
    } finally {
      this.starting = false;
    }
  }

  private async startNow(scenario: DrillScenario, opts: StartOptions): Promise<DrillState> {
    const wallStart = this.wallNow();
    const t0 = Date.parse(scenario.exercise.t0);
    const runId = makeRunId(scenario.exercise.id, wallStart);
    const path = drillStorePath(this.o.drillsDir, runId);
    const meta: DrillMeta = { runId, exerciseId: scenario.exercise.id, name: scenario.exercise.name, demo: scenario.exercise.demo, status: 'running', t0, startedAt: wallStart, endedAt: null, endReason: null, sourceStore: this.live.storePath, scenario };
    const store = await createDrillStore(this.live.storePath, path, meta);
    store.close();
    const clock = new ExerciseClock(t0, this.wallNow, { speed: opts.speed, lockstep: opts.lockstep ?? false, maxSpeed: opts.lockstep ? 600 : 60 });
    const runtime = this.o.createRuntime(path, () => clock.now());
    const recorder = new EventRecorder(runtime.ctx.store.db, { now: () => clock.now(), wallNow: this.wallNow });
    const log = new RecordBuffer(recorder, () => clock.now(), (events) => {
      for (const e of events) this.active?.autoplay?.onEvent(e);
    });
    let resolveEnded = () => {};
    const ended = new Promise<void>((r) => (resolveEnded = r));
    const record = (kind: Parameters<EventRecorder['append']>[0], actor: string, entity: string | null, payload: Record<string, unknown>) => {
      log.append(kind, actor, entity, payload);
    };
    try {
      await runtime.startFeeds({
        sl651: { port: 0, host: '127.0.0.1' },
        mqtt: this.o.mqttUrl ? { url: this.o.mqttUrl, clientId: `cityops-drill-${runId}`.slice(0, 64), topics: [{ filter: `${drillMqttPrefix(runId)}/+/+`, format: 'json', stream: 'sl651:{1}:{2}', stationId: '{1}', element: '{2}' }] } : null,
        tickMs: 2000,
      });
    } catch (err) {
      await runtime.close();
      throw err;
    }
    const sl651Port = runtime.monitoring.feeds().sl651.port;
    const delivery = new DrillDelivery({ runId, runtime, sl651Port, mqttUrl: this.o.mqttUrl ?? null, record, emit: (t, p) => this.bus.emit(t, p) });
    const summary = scenarioSummary(scenario);
    const endAt = t0 + summary.durationMs;
    const session = new DrillSession({
      scenario,
      offsets: resolveInjectTimes(scenario),
      clock,
      delivery,
      record,
      endAt,
      onChange: () => this.changed(),
      onEndEx: () => void this.end('ended', 'EndEx 演练时间结束 / scheduled end', 'controller:clock').catch((e: unknown) => this.log(`[drill] end failed: ${String(e)}`)),
      onError: (err) => this.log(`[drill] ${runId}: inject delivery failed: ${(err as Error).message}`),
    });
    const active: ActiveDrill = { meta, clock, session, runtime, log, delivery, autoplay: null, endAt, sl651Port, unlisten: () => {}, ended, resolveEnded };
    active.unlisten = runtime.bus.listen((topic, payload) => this.onDrillTopic(active, topic, payload));
    this.active = active;
    clock.restart();
    log.append('drill.started', opts.actor.username, `drill:${runId}`, { speed: opts.speed, t0, lockstep: opts.lockstep ?? false, autoplay: opts.autoplay ?? false, exercise: scenario.exercise as unknown as Record<string, unknown>, sl651Port }, t0);
    if (opts.autoplay) active.autoplay = await Autoplayer.create({ scenario, runtime, session, dispatch: (m, i, c) => this.route(m, i, c) });
    this.log(`[drill] ${runId} started (${scenario.exercise.name}) ×${opts.speed}; store ${path}; SL651 on 127.0.0.1:${sl651Port ?? '—'}`);
    session.start();
    this.changed();
    return this.state();
  }

  /** Ends the drill: 'ended' (EndEx) or 'terminated' (real-world emergency stop, 意外终止). Every window returns to live. */
  async end(status: 'ended' | 'terminated' | 'interrupted', reason: string | null, actor: string): Promise<DrillState> {
    const a = this.active;
    if (!a) throw new CommandError('BAD_INPUT', '没有进行中的演练 / no drill is running');
    this.active = null;
    a.session.stop();
    const at = this.wallNow();
    // Windows first: a real emergency must not wait for the drill to wind down.
    this.lastEnded = { runId: a.meta.runId, status, at, reason };
    this.bus.emit('drill.changed', this.state());
    try {
      a.log.append(status === 'terminated' ? 'drill.terminated' : 'drill.ended', actor, `drill:${a.meta.runId}`, { reason, pausedMs: a.clock.pausedMs() });
      setDrillStatus(a.runtime.ctx.store.db, status, at, reason);
    } finally {
      a.unlisten();
      await a.delivery.close();
      await a.runtime.close();
      a.resolveEnded();
    }
    this.log(`[drill] ${a.meta.runId} ${status}${reason ? `: ${reason}` : ''}`);
    if (status === 'terminated') console.warn(`[drill] 意外终止 REAL-WORLD EMERGENCY STOP of ${a.meta.runId} by ${actor}: ${reason ?? ''}`);
    return this.state();
  }

  async close(): Promise<void> {
    this.liveLog?.flush();
    // The host going down is not a real-world emergency: the drill is interrupted (its record stays replayable).
    if (this.active) await this.end('interrupted', '主机关闭 / host shut down', 'system').catch(() => undefined);
  }

  runs() {
    return listDrillRuns(this.o.drillsDir);
  }

  drillPath(runId: string): string {
    return join(this.o.drillsDir, `${runId}.gpkg`);
  }

  changed(): void {
    if (this.active) this.bus.emit('drill.changed', this.state());
    if (this.active) this.bus.emit('drill.injectsChanged', { runId: this.active.meta.runId });
  }

  private runState(a: ActiveDrill): NonNullable<DrillState['run']> {
    const { delivered, total } = a.session.counts();
    const s = a.meta.scenario.exercise;
    return {
      runId: a.meta.runId,
      exerciseId: s.id,
      name: s.name,
      demo: s.demo,
      form: s.form,
      scope: s.scope,
      hazard: s.hazard,
      status: a.clock.paused ? 'paused' : 'running',
      t0: a.meta.t0,
      speed: a.clock.speed,
      exerciseNow: Math.round(a.clock.now()),
      wallAt: this.wallNow(),
      startedAt: a.meta.startedAt,
      endedAt: null,
      pausedMs: Math.round(a.clock.pausedMs()),
      endAt: a.endAt,
      nextInjectAt: a.session.nextDue(),
      delivered,
      total,
      sl651Port: a.sl651Port,
    };
  }

  private async route(method: unknown, input: unknown, context?: CallContext): Promise<RpcResult<unknown>> {
    if (typeof method === 'string' && method.startsWith('drill.')) return this.drillDispatch(method, input, context);
    const a = this.active;
    if (!a) {
      const result = await this.live.dispatch(method, input, context);
      if (this.liveLog && !this.active) {
        try {
          recordCall(this.liveLog, () => this.live.auth.session(context?.session ?? null)?.actor.username ?? 'anonymous', method as MethodName, input, result);
        } catch (err) {
          this.log(`[record] live ${String(method)}: ${(err as Error).message}`);
        }
      }
      return result;
    }
    const result = await a.runtime.dispatch(method, input, context);
    if (this.active === a) this.recordCall(a, method as MethodName, input, context, result);
    return result;
  }

  private recordCall(a: ActiveDrill, method: MethodName, input: unknown, context: CallContext | undefined, result: RpcResult<unknown>): void {
    recordCall(a.log, () => a.runtime.command.auth.session(context?.session ?? null)?.actor?.username ?? 'anonymous', method, input, result);
  }

  private onDrillTopic(a: ActiveDrill, topic: TopicName, payload: unknown): void {
    if (this.active !== a) return;
    try {
      recordTopic(a.log, topic, payload);
    } catch (err) {
      this.log(`[drill] recording ${topic} failed: ${(err as Error).message}`);
    }
    this.forward(topic, payload);
  }

  private forward(topic: TopicName, payload: unknown): void {
    this.bus.emit(topic, payload as never);
  }

  private onLiveAlarm(): void {
    try {
      const open = this.live.openAlarms();
      this.liveAlarms = {
        openAlarms: open.length,
        worstSeverity: open.reduce((w, x) => Math.max(w, x.severity), 0),
        lastRaisedAt: open.reduce<number | null>((m, x) => (m === null || x.raisedAt > m ? x.raisedAt : m), null),
      };
    } catch (err) {
      this.log(`[drill] live alarm count failed: ${(err as Error).message}`);
    }
    if (this.active) this.bus.emit('drill.changed', this.state());
  }

  /** A drill store left 'running' by a host that died is marked interrupted (its record stays replayable). */
  private markInterrupted(): void {
    for (const r of listDrillRuns(this.o.drillsDir).runs) {
      if (r.status !== 'running' && r.status !== 'paused') continue;
      try {
        const store = openStore(r.path);
        try {
          setDrillStatus(store.db, 'interrupted', null, '主机中断 / the host stopped during the drill');
        } finally {
          store.close();
        }
      } catch (err) {
        this.log(`[drill] ${r.runId}: could not mark interrupted: ${(err as Error).message}`);
      }
    }
  }

  private log(msg: string): void {
    (this.o.log ?? console.log)(msg);
  }
}
