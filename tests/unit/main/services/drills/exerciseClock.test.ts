import { describe, expect, it } from 'vitest';
import { ExerciseClock } from '../../../../../main/services/drills/exerciseClock';

const T0 = Date.parse('2026-07-15T08:00:00+08:00');
const MIN = 60_000;

function fakeWall(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('ExerciseClock', () => {
  it('runs at its speed from t0', () => {
    const w = fakeWall();
    const c = new ExerciseClock(T0, w.now, { speed: 60 });
    expect(c.now()).toBe(T0);
    w.advance(1000);
    expect(c.now()).toBe(T0 + MIN);
    expect(c.elapsed()).toBe(MIN);
  });

  it('an inject due at T+10 min after a 5-minute pause fires at wall +15 min (not early, not late by the pause)', () => {
    const w = fakeWall();
    const c = new ExerciseClock(T0, w.now, { speed: 1 });
    const start = w.now();
    w.advance(3 * MIN);
    c.pause();
    w.advance(5 * MIN);
    expect(c.now()).toBe(T0 + 3 * MIN);
    expect(c.wallWhen(T0 + 10 * MIN)).toBeNull();
    expect(c.resume()).toBe(5 * MIN);
    expect(c.wallWhen(T0 + 10 * MIN)).toBe(start + 15 * MIN);
    w.advance(7 * MIN);
    expect(c.now()).toBe(T0 + 10 * MIN);
    expect(c.pausedMs()).toBe(5 * MIN);
  });

  it('a speed change keeps the exercise time continuous and moves what is left', () => {
    const w = fakeWall();
    const c = new ExerciseClock(T0, w.now, { speed: 1 });
    w.advance(MIN);
    c.setSpeed(30);
    expect(c.now()).toBe(T0 + MIN);
    expect(c.wallWhen(T0 + 31 * MIN)).toBe(w.now() + 60_000);
    w.advance(2000);
    expect(c.now()).toBe(T0 + 2 * MIN);
  });

  it('jumps forward only, and refuses speeds outside ×1–×60 and double pauses', () => {
    const w = fakeWall();
    const c = new ExerciseClock(T0, w.now);
    expect(c.jumpTo(T0 + 20 * MIN)).toEqual({ from: T0, to: T0 + 20 * MIN });
    expect(c.now()).toBe(T0 + 20 * MIN);
    expect(() => c.jumpTo(T0)).toThrow(/cannot go back/);
    expect(() => c.setSpeed(61)).toThrow(/×1 to ×60/);
    expect(() => c.setSpeed(0.5)).toThrow(/speed/);
    c.pause();
    expect(() => c.pause()).toThrow(/already paused/);
    c.resume();
    expect(() => c.resume()).toThrow(/not paused/);
  });

  it('a lockstep clock moves only when advanced, and paces by its speed', () => {
    const w = fakeWall();
    const c = new ExerciseClock(T0, w.now, { speed: 600, lockstep: true, maxSpeed: 600 });
    const start = w.now();
    expect(c.wallWhen(T0 + 10 * MIN)).toBe(start + 1000);
    w.advance(400);
    expect(c.now()).toBe(T0);
    // Pacing counts from when the clock last moved, not from each look at it.
    expect(c.wallWhen(T0 + 10 * MIN)).toBe(start + 1000);
    w.advance(10_000);
    expect(c.wallWhen(T0 + 10 * MIN)).toBe(w.now());
    c.advanceTo(T0 + 10 * MIN);
    expect(c.now()).toBe(T0 + 10 * MIN);
    c.advanceTo(T0);
    expect(c.now()).toBe(T0 + 10 * MIN);
  });
});
