import { parseIsoDuration, type ConsoleInject, type DrillEventKind, type DrillInject, type DrillScenario } from '../../../preload/contract';
import { ClockError, type ExerciseClock } from './exerciseClock';

/** How an inject reaches the players: through the real paths (SL651/MQTT receivers, camera status, incidents). */
export interface InjectDelivery {
  /** One telemetry point; resolves once the receiver has stored it (SL651: its confirmation arrived). */
  telemetry(inject: Extract<DrillInject, { kind: 'telemetry' }>, value: number, observedAt: number): Promise<void>;
  cameraStatus(inject: Extract<DrillInject, { kind: 'camera-status' }>, at: number): Promise<void> | void;
  fieldReport(inject: Extract<DrillInject, { kind: 'field-report' }>, at: number): Promise<void> | void;
  message(inject: Extract<DrillInject, { kind: 'phone' | 'manual-reminder' }>, at: number): Promise<void> | void;
}

export type RecordFn = (kind: DrillEventKind, actor: string, entity: string | null, payload: Record<string, unknown>) => void;

interface InjectState {
  inject: DrillInject;
  /** Exercise time of the inject's start (after shifts); null for a contingency inject not yet delivered. */
  dueAt: number | null;
  status: 'pending' | 'delivering' | 'delivered' | 'skipped';
  /** Telemetry: exercise offsets of the points from the start. */
  pointOffsets: number[];
  pointsSent: number;
  deliveredAt: number | null;
  driftMs: number | null;
  adHoc: boolean;
}

interface Unit {
  at: number;
  order: number;
  injectId?: string;
  point?: number;
  action?: () => Promise<void> | void;
}

/** One delivered unit: when it was due (exercise time) and how late, in wall ms, it was handed over and done. */
export interface DeliveryLateness {
  /** null: an agenda action (autoplay, EndEx). */
  injectId: string | null;
  /** 1-based point of a telemetry inject (1 for other injects; null for an agenda action). */
  point: number | null;
  dueAt: number;
  /** Wall ms from the due moment to the scheduler handing the unit to the delivery. */
  sentLateMs: number;
  /** Wall ms from the due moment to the delivery resolving (SL651: the receiver confirmed it, i.e. it is stored). */
  doneLateMs: number;
}

export class DrillSessionError extends Error {
  override name = 'DrillSessionError';
  constructor(
    message: string,
    readonly code: 'BAD_INPUT' | 'NOT_FOUND' = 'BAD_INPUT',
  ) {
    super(message);
  }
}

export interface DrillSessionOptions {
  scenario: DrillScenario;
  /** Inject start offsets from t0 (ms), `{after, delay}` resolved. */
  offsets: Map<string, number>;
  clock: ExerciseClock;
  delivery: InjectDelivery;
  record: RecordFn;
  /** Exercise time the drill ends by itself (EndEx). */
  endAt: number;
  /** Called after anything changed (clock, inject states). */
  onChange?: () => void;
  /** Called when the clock reaches endAt. */
  onEndEx?: () => void;
  onError?: (err: unknown) => void;
  /** Wall setTimeout (tests inject fakes). */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

/**
 * One running drill's schedule: every inject (and every telemetry point of it) is a unit due at an exercise time; a
 * timer wakes when the clock reaches the next one and delivers everything due. The wall time of a wake-up is always
 * computed from the clock at that moment, so pauses, speed changes and jumps move what is left, never what was sent.
 */
export class DrillSession {
  private readonly injects = new Map<string, InjectState>();
  private readonly order: string[] = [];
  private readonly agenda: Unit[] = [];
  private orderSeq = 0;
  private timer: unknown = null;
  private busy = false;
  private ended = false;
  private endExFired = false;
  private target: number | null = null;
  /** Worst wall lateness of a delivery (ms), for the benchmark. */
  maxWallLateMs = 0;
  /** Set to [] to keep every delivery's wall lateness (benchmarks); null (default): only maxWallLateMs. */
  latenessLog: DeliveryLateness[] | null = null;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (t: unknown) => void;

  constructor(private readonly o: DrillSessionOptions) {
    this.setTimer = o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = o.clearTimer ?? ((t) => clearTimeout(t as NodeJS.Timeout));
    const t0 = o.clock.t0;
    for (const inject of o.scenario.injects) {
      const offset = o.offsets.get(inject.id);
      if (offset === undefined) throw new DrillSessionError(`${inject.id}: no resolved start time`);
      this.addState(inject, inject.contingency ? null : t0 + offset, false);
    }
  }

  get clock(): ExerciseClock {
    return this.o.clock;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  start(): void {
    this.wake();
  }

  stop(): void {
    this.ended = true;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }

  // ---- the console ----

  list(): ConsoleInject[] {
    const t0 = this.o.clock.t0;
    return this.order.map((id) => {
      const s = this.injects.get(id)!;
      const i = s.inject;
      return {
        id,
        kind: i.kind,
        channel: i.channel,
        synopsis: i.synopsis,
        controllerNotes: i.controllerNotes ?? null,
        dueAt: s.dueAt,
        offsetMs: s.dueAt === null ? null : s.dueAt - t0,
        status: s.status,
        contingency: i.contingency,
        adHoc: s.adHoc,
        points: s.pointOffsets.length,
        pointsSent: s.pointsSent,
        deliveredAt: s.deliveredAt,
        driftMs: s.driftMs,
        station: i.kind === 'telemetry' ? i.station : null,
        element: i.kind === 'telemetry' ? i.element : null,
      };
    });
  }

  get(id: string): ConsoleInject {
    const c = this.list().find((x) => x.id === id);
    if (!c) throw new DrillSessionError(`未知注入 / unknown inject ${id}`, 'NOT_FOUND');
    return c;
  }

  /** The next exercise time something is due (null: nothing left). */
  nextDue(): number | null {
    let best: number | null = null;
    for (const u of this.units()) if (best === null || u.at < best) best = u.at;
    return best;
  }

  counts(): { delivered: number; total: number } {
    let delivered = 0;
    for (const s of this.injects.values()) if (s.status === 'delivered') delivered++;
    return { delivered, total: this.injects.size };
  }

  /** Delivers an inject now: the rest of a telemetry series keeps its spacing from now. */
  deliverNow(id: string, actor: string): void {
    const s = this.mustPending(id);
    s.dueAt = this.o.clock.now() - (s.pointOffsets[s.pointsSent] ?? 0);
    this.o.record('inject.shifted', actor, `inject:${id}`, { fromInjectId: id, byMs: 0, injectIds: [id], deliverNow: true });
    this.changed();
  }

  skip(id: string, actor: string): void {
    const s = this.mustPending(id);
    s.status = 'skipped';
    this.o.record('inject.skipped', actor, `inject:${id}`, { injectId: id, pointsSent: s.pointsSent });
    this.changed();
  }

  /** Moves every pending inject from `fromId` on (in due order) by `byMs`, keeping their spacing; none before now. */
  shift(fromId: string, byMs: number, actor: string): number {
    const from = this.mustPending(fromId);
    if (from.dueAt === null) throw new DrillSessionError(`${fromId}: 应急注入无计划时间 / a contingency inject has no planned time to shift from`);
    const moved = [...this.injects.values()].filter((s) => (s.status === 'pending' || s.status === 'delivering') && s.dueAt !== null && s.dueAt >= from.dueAt!);
    const now = this.o.clock.now();
    for (const s of moved) {
      const next = s.dueAt! + (s.pointOffsets[s.pointsSent] ?? 0) + byMs;
      if (s.status === 'pending' && next < now) throw new DrillSessionError(`${s.inject.id}: 顺延后早于当前演练时间 / would move before the current exercise time`);
    }
    for (const s of moved) s.dueAt! += byMs;
    this.o.record('inject.shifted', actor, `inject:${fromId}`, { fromInjectId: fromId, byMs, injectIds: moved.map((s) => s.inject.id) });
    this.changed();
    return moved.length;
  }

  /** An ad-hoc inject; its `at` counts from now. */
  add(inject: DrillInject, actor: string): ConsoleInject {
    if (this.injects.has(inject.id)) throw new DrillSessionError(`注入编号重复 / inject id ${inject.id} already exists`);
    if (typeof inject.at !== 'string') throw new DrillSessionError(`${inject.id}: 临时注入的 at 须为时长 / an ad-hoc inject's at must be a duration from now`);
    const delay = parseIsoDuration(inject.at) ?? 0;
    this.addState(inject, this.o.clock.now() + delay, true);
    this.o.record('inject.added', actor, `inject:${inject.id}`, { inject: inject as unknown as Record<string, unknown> });
    this.changed();
    return this.get(inject.id);
  }

  /** Runs `action` when the exercise clock reaches `at` (the autoplay's players, EndEx). */
  schedule(at: number, action: () => Promise<void> | void): void {
    this.agenda.push({ at, order: this.orderSeq++, action });
    this.changed();
  }

  // ---- the clock ----

  pause(actor: string): void {
    this.o.clock.pause();
    this.o.record('drill.paused', actor, null, {});
    this.changed();
  }

  resume(actor: string): void {
    const pausedMs = this.o.clock.resume();
    this.o.record('drill.resumed', actor, null, { pausedMs });
    this.changed();
  }

  setSpeed(speed: number, actor: string): void {
    this.o.clock.setSpeed(speed);
    this.o.record('drill.speed', actor, null, { speed });
    this.changed();
  }

  /** Jumps the exercise clock to the next inject's next point. */
  next(actor: string): void {
    let best: number | null = null;
    for (const u of this.units()) if (u.injectId && (best === null || u.at < best)) best = u.at;
    if (best === null) throw new ClockError('没有待发注入 / no inject left to jump to');
    const now = this.o.clock.now();
    if (best > now) {
      const j = this.o.clock.jumpTo(best);
      this.o.record('drill.jumped', actor, null, { fromAt: j.from, toAt: j.to });
    }
    this.changed();
  }

  // ---- internals ----

  private addState(inject: DrillInject, dueAt: number | null, adHoc: boolean): void {
    const pointOffsets = inject.kind === 'telemetry' ? inject.series.map((p) => parseIsoDuration(p.t) ?? 0) : [0];
    this.injects.set(inject.id, { inject, dueAt, status: 'pending', pointOffsets, pointsSent: 0, deliveredAt: null, driftMs: null, adHoc });
    this.order.push(inject.id);
  }

  private mustPending(id: string): InjectState {
    const s = this.injects.get(id);
    if (!s) throw new DrillSessionError(`未知注入 / unknown inject ${id}`, 'NOT_FOUND');
    if (s.status === 'delivered' || s.status === 'skipped') throw new DrillSessionError(`${id}: 已${s.status === 'delivered' ? '注入' : '跳过'} / already ${s.status}`);
    return s;
  }

  /** Everything still due: the next point of each pending inject, and the agenda. */
  private *units(): Generator<Unit> {
    for (const [id, s] of this.injects) {
      if ((s.status !== 'pending' && s.status !== 'delivering') || s.dueAt === null) continue;
      const off = s.pointOffsets[s.pointsSent];
      if (off === undefined) continue;
      yield { at: s.dueAt + off, order: 0, injectId: id, point: s.pointsSent };
    }
    for (const u of this.agenda) yield u;
  }

  private changed(): void {
    this.o.onChange?.();
    this.wake();
  }

  private wake(): void {
    if (this.ended) return;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    if (this.busy) return;
    const next = this.nextDue();
    const target = this.endExFired ? next : next === null ? this.o.endAt : Math.min(next, this.o.endAt);
    if (target === null) return;
    const wall = this.o.clock.wallWhen(target);
    if (wall === null) return; // paused
    this.target = target;
    // Wake at least every second: the wall schedule is recomputed from the clock each time.
    this.timer = this.setTimer(() => void this.fire(), Math.min(1000, Math.max(0, wall - Date.now())));
  }

  private async fire(): Promise<void> {
    this.timer = null;
    if (this.ended || this.busy || this.o.clock.paused) return;
    const clock = this.o.clock;
    if (clock.lockstep && this.target !== null) {
      const wall = clock.wallWhen(this.target);
      if (wall !== null && wall > Date.now() + 1) return this.wake();
      clock.advanceTo(this.target);
    }
    const now = clock.now();
    const due = [...this.units()].filter((u) => u.at <= now).sort((a, b) => a.at - b.at || a.order - b.order);
    this.busy = true;
    try {
      if (due.length > 0) await this.deliver(due, now);
    } catch (err) {
      this.o.onError?.(err);
    } finally {
      this.busy = false;
    }
    if (!this.endExFired && clock.now() >= this.o.endAt) {
      this.endExFired = true;
      this.o.onEndEx?.();
    }
    if (due.length > 0) this.o.onChange?.();
    this.wake();
  }

  private async deliver(due: Unit[], now: number): Promise<void> {
    const speed = this.o.clock.speed;
    for (const u of due) if (u.at < now) this.maxWallLateMs = Math.max(this.maxWallLateMs, (now - u.at) / speed);
    const log = this.latenessLog;
    const lateMs = (u: Unit) => Math.max(0, (this.o.clock.now() - u.at) / speed);
    const logged = (u: Unit, sentLateMs: number) => () => void log?.push({ injectId: u.injectId ?? null, point: u.point === undefined ? null : u.point + 1, dueAt: u.at, sentLateMs, doneLateMs: lateMs(u) });
    // Agenda actions first in their order; injects at the same time together (telemetry points in parallel).
    const telemetry: Promise<void>[] = [];
    for (const u of due) {
      if (u.action) {
        const i = this.agenda.indexOf(u);
        if (i >= 0) this.agenda.splice(i, 1);
        const done = log ? logged(u, lateMs(u)) : null;
        await u.action();
        done?.();
        continue;
      }
      const s = this.injects.get(u.injectId!)!;
      const inject = s.inject;
      const drift = now - u.at;
      const pointNo = s.pointsSent + 1;
      s.pointsSent++;
      s.status = s.pointsSent >= s.pointOffsets.length ? 'delivered' : 'delivering';
      if (pointNo === 1) {
        s.deliveredAt = now;
        s.driftMs = Math.round(drift);
      }
      const payload: Record<string, unknown> = { injectId: inject.id, kind: inject.kind, synopsis: inject.synopsis, plannedAt: u.at, driftMs: Math.round(drift), point: pointNo, of: s.pointOffsets.length };
      if (inject.kind === 'telemetry') {
        const value = inject.series[pointNo - 1]!.value;
        Object.assign(payload, { station: inject.station, element: inject.element, value, channel: inject.channel });
        this.o.record('inject.delivered', 'controller:scenario', `inject:${inject.id}`, payload);
        // The observation carries its scripted time (the point's due time), whatever the delivery drift.
        const sentLate = log ? lateMs(u) : 0;
        const sent = this.o.delivery.telemetry(inject, value, u.at);
        telemetry.push(log ? sent.then(logged(u, sentLate)) : sent);
        continue;
      }
      this.o.record('inject.delivered', 'controller:scenario', `inject:${inject.id}`, payload);
      const done = log ? logged(u, lateMs(u)) : null;
      if (inject.kind === 'camera-status') await this.o.delivery.cameraStatus(inject, now);
      else if (inject.kind === 'field-report') await this.o.delivery.fieldReport(inject, now);
      else await this.o.delivery.message(inject, now);
      done?.();
    }
    const results = await Promise.allSettled(telemetry);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
