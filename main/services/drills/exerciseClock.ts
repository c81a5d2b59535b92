/**
 * The exercise clock (演练时钟): scenario time that runs at a chosen speed from t0, stands still while paused, and can
 * jump forward. Pauses are stored as intervals of wall time, so an inject due at T+10 min after a 5-minute pause fires
 * at wall +15 min (not early, and not late by the pause length). Everything is epoch ms (UTC); nothing here reads
 * the machine's time zone.
 *
 * The clock is a list of segments: from wall time `wallStart` the exercise time is `exStart + (wall − wallStart) ×
 * speed` (× 0 while paused). Every change (pause, resume, speed, jump) closes the current segment and opens a new one,
 * so the exercise time is continuous and never goes back.
 *
 * `lockstep` (headless runs): the exercise time moves only when the scheduler calls advanceTo(); wall time only paces
 * it. Every event then lands on the exact exercise time it was due, which makes a run deterministic.
 */
export interface ClockSegment {
  wallStart: number;
  exStart: number;
  /** 0 while paused. */
  rate: number;
}

export interface PauseInterval {
  /** Wall times; `to` null while the pause lasts. */
  from: number;
  to: number | null;
  /** The exercise time it stood still at. */
  at: number;
}

export class ClockError extends Error {
  override name = 'ClockError';
  readonly code = 'BAD_INPUT';
}

export class ExerciseClock {
  private segments: ClockSegment[];
  private speedValue: number;
  private readonly pauseList: PauseInterval[] = [];
  private lockAt: number;
  /** Lockstep: the wall time lockAt was reached (pacing counts from there). */
  private lockWall: number;

  constructor(
    /** Scenario time zero (epoch ms). */
    readonly t0: number,
    private readonly wallNow: () => number = Date.now,
    options: { speed?: number; lockstep?: boolean; maxSpeed?: number } = {},
  ) {
    this.maxSpeed = options.maxSpeed ?? 60;
    this.speedValue = this.checkSpeed(options.speed ?? 1);
    this.lockstep = options.lockstep ?? false;
    this.segments = [{ wallStart: wallNow(), exStart: t0, rate: this.speedValue }];
    this.lockAt = t0;
    this.lockWall = wallNow();
  }

  readonly lockstep: boolean;
  private readonly maxSpeed: number;

  get speed(): number {
    return this.speedValue;
  }

  get paused(): boolean {
    return this.current().rate === 0;
  }

  /** Exercise time now (scenario epoch ms). */
  now(): number {
    return this.at(this.wallNow());
  }

  /** Exercise time at a wall time (not before the current segment's start). */
  at(wall: number): number {
    if (this.lockstep) return this.lockAt;
    const s = this.current();
    return s.exStart + Math.max(0, wall - s.wallStart) * s.rate;
  }

  /** Exercise ms since t0. */
  elapsed(): number {
    return this.now() - this.t0;
  }

  /**
   * The wall time at which the exercise time reaches `exTime` if nothing changes; null while paused. A time already
   * reached answers now.
   */
  wallWhen(exTime: number): number | null {
    const wall = this.wallNow();
    const s = this.current();
    if (s.rate === 0) return null;
    if (this.lockstep) return Math.max(wall, this.lockWall + Math.max(0, exTime - this.lockAt) / s.rate);
    const nowEx = this.at(wall);
    if (exTime <= nowEx) return wall;
    return wall + (exTime - nowEx) / s.rate;
  }

  /** Starts over at t0 from now (the drill's host is ready: setting it up must not eat exercise time). Only before anything ran. */
  restart(): void {
    const wall = this.wallNow();
    this.segments = [{ wallStart: wall, exStart: this.t0, rate: this.speedValue }];
    this.lockAt = this.t0;
    this.lockWall = wall;
  }

  pause(): void {
    if (this.paused) throw new ClockError('演练已暂停 / the exercise is already paused');
    const wall = this.wallNow();
    const at = this.at(wall);
    this.open(wall, at, 0);
    this.pauseList.push({ from: wall, to: null, at });
  }

  /** Ends the pause; returns its length in wall ms. */
  resume(): number {
    if (!this.paused) throw new ClockError('演练未暂停 / the exercise is not paused');
    const wall = this.wallNow();
    this.open(wall, this.at(wall), this.speedValue);
    const p = this.pauseList[this.pauseList.length - 1]!;
    p.to = wall;
    return p.to - p.from;
  }

  setSpeed(speed: number): void {
    this.speedValue = this.checkSpeed(speed);
    if (this.paused) return;
    const wall = this.wallNow();
    this.open(wall, this.at(wall), this.speedValue);
  }

  /** Moves the exercise time forward to `exTime` (jump to the next inject); refuses to go back. */
  jumpTo(exTime: number): { from: number; to: number } {
    const wall = this.wallNow();
    const from = this.at(wall);
    if (exTime < from) throw new ClockError(`不能回拨演练时钟 / the exercise clock cannot go back (${exTime} < ${from})`);
    if (this.lockstep) this.lockAt = exTime;
    this.open(wall, exTime, this.current().rate);
    return { from, to: exTime };
  }

  /** Lockstep only: the scheduler moves the exercise time to the next due event. */
  advanceTo(exTime: number): void {
    if (!this.lockstep) throw new ClockError('advanceTo is for lockstep clocks');
    if (exTime > this.lockAt) {
      this.lockAt = exTime;
      this.lockWall = this.wallNow();
    }
  }

  pauses(): readonly PauseInterval[] {
    return this.pauseList.map((p) => ({ ...p }));
  }

  /** Total paused wall time, an open pause counted up to now. */
  pausedMs(): number {
    const wall = this.wallNow();
    return this.pauseList.reduce((sum, p) => sum + ((p.to ?? wall) - p.from), 0);
  }

  /** The segments so far (for the record). */
  history(): readonly ClockSegment[] {
    return this.segments.map((s) => ({ ...s }));
  }

  private current(): ClockSegment {
    return this.segments[this.segments.length - 1]!;
  }

  private open(wall: number, exStart: number, rate: number): void {
    this.segments.push({ wallStart: wall, exStart, rate });
    this.lockWall = wall;
  }

  private checkSpeed(speed: number): number {
    if (!Number.isFinite(speed) || speed < 1 || speed > this.maxSpeed) throw new ClockError(`速度须在×1到×${this.maxSpeed}之间 / speed must be ×1 to ×${this.maxSpeed} (got ${speed})`);
    return speed;
  }
}
