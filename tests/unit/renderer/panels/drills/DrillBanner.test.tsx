import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DrillState } from '../../../../../preload/contract';
import { DrillBanner } from '../../../../../renderer/panels/drills/DrillBanner';
import { exerciseClock } from '../../../../../renderer/panels/drills/useDrillState';
import { drillState, drillTestHost, liveState, RUN_ID, settle, T0 } from './drillTestHost';

const WALL = Date.UTC(2026, 11, 8, 1, 30, 0);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(WALL);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** A host whose drill.state answers the latest state (`change` pushes a new one on drill.changed, as the host does). */
async function mount(first: DrillState) {
  let current = first;
  const host = drillTestHost({ 'drill.state': () => current });
  render(<DrillBanner client={host.client} locale="zh-CN" />);
  await act(settle);
  const change = (next: DrillState) => {
    current = next;
    act(() => host.emit('drill.changed', next));
  };
  return { ...host, change };
}

describe('DrillBanner', () => {
  it('shows the red EXERCISE banner with the name, 演示, status, speed and the exercise clock ticking at the drill speed', async () => {
    const host = await mount(drillState({}, { wallAt: WALL, exerciseNow: T0 + 10 * 60_000, speed: 60 }));
    expect(host.called('drill.state')).toHaveLength(1);
    const banner = screen.getByTestId('drill-banner');
    expect(banner.textContent).toContain('演练 EXERCISE');
    expect(screen.getByTestId('drill-banner-name').textContent).toBe('马家河流域50年一遇暴雨演练（演示）');
    expect(screen.getByTestId('drill-banner-demo').textContent).toBe('演示');
    expect(screen.getByTestId('drill-banner-status').textContent).toContain('进行中');
    expect(screen.getByTestId('drill-banner-speed').textContent).toBe('×60');
    // t0 is 2026-07-15 08:00 Beijing time; ten exercise minutes in.
    expect(screen.getByTestId('drill-banner-clock').textContent).toBe('2026-07-15 08:10:00');
    expect(screen.getByTestId('drill-banner-offset').textContent).toBe('T+00:10:00');
    // One wall second at ×60 is one exercise minute.
    await act(async () => {
      vi.advanceTimersByTime(1000);
    });
    expect(screen.getByTestId('drill-banner-clock').textContent).toBe('2026-07-15 08:11:00');
    expect(screen.getByTestId('drill-banner-offset').textContent).toBe('T+00:11:00');
    expect(screen.queryByTestId('drill-banner-live-alarms')).toBeNull();
  });

  it('freezes the clock while paused', async () => {
    const host = await mount(drillState({}, { wallAt: WALL, speed: 10 }));
    await act(async () => {
      vi.advanceTimersByTime(3000);
    });
    expect(screen.getByTestId('drill-banner-offset').textContent).toBe('T+00:10:30');
    host.change(drillState({}, { status: 'paused', wallAt: Date.now(), exerciseNow: T0 + 10 * 60_000 + 30_000, speed: 10 }));
    expect(screen.getByTestId('drill-banner').dataset.status).toBe('paused');
    expect(screen.getByTestId('drill-banner-status').textContent).toContain('已暂停');
    expect(screen.getByTestId('drill-banner-status').textContent).toContain('Paused');
    await act(async () => {
      vi.advanceTimersByTime(60_000);
    });
    expect(screen.getByTestId('drill-banner-offset').textContent).toBe('T+00:10:30');
    expect(screen.getByTestId('drill-banner-clock').textContent).toBe('2026-07-15 08:10:30');
  });

  it('shows the real world’s open alarms (实况告警) during a drill', async () => {
    await mount(drillState({ live: { openAlarms: 2, worstSeverity: 4, lastRaisedAt: WALL - 1000 } }));
    const live = screen.getByTestId('drill-banner-live-alarms');
    expect(live.textContent).toBe('实况告警 2');
    expect(live.dataset.severity).toBe('4');
  });

  it('shows nothing in live mode, then “back to live” for 15 s after a drill ends (意外终止 for an emergency stop)', async () => {
    const host = await mount(drillState());
    expect(screen.getByTestId('drill-banner')).toBeTruthy();
    host.change(liveState({ lastEnded: { runId: RUN_ID, status: 'terminated', at: Date.now(), reason: '真实险情' } }));
    expect(screen.queryByTestId('drill-banner')).toBeNull();
    const notice = screen.getByTestId('drill-ended-notice');
    expect(notice.textContent).toContain('意外终止');
    expect(notice.textContent).toContain('真实险情');
    await act(async () => {
      vi.advanceTimersByTime(15_001);
    });
    expect(screen.queryByTestId('drill-ended-notice')).toBeNull();
    expect(screen.getByTestId('drill-strip').textContent).toBe('');
  });

  it('a window opened long after the last drill shows no notice; one opened just after shows it', async () => {
    await mount(liveState({ lastEnded: { runId: RUN_ID, status: 'ended', at: WALL - 3_600_000, reason: null } }));
    expect(screen.queryByTestId('drill-ended-notice')).toBeNull();
    cleanup();
    await mount(liveState({ lastEnded: { runId: RUN_ID, status: 'ended', at: WALL - 2000, reason: null } }));
    expect(screen.getByTestId('drill-ended-notice').textContent).toContain('演练已结束，已返回实况 / drill ended, back to live');
  });
});

describe('exerciseClock', () => {
  const run = { status: 'running' as const, exerciseNow: T0, wallAt: WALL, speed: 30 };
  it('ticks from the host’s wallAt when the clocks agree, from the arrival when they do not', () => {
    expect(exerciseClock(run, WALL + 200, WALL + 1000)).toBe(T0 + 30_000);
    expect(exerciseClock(run, WALL + 60_000, WALL + 61_000)).toBe(T0 + 30_000);
    expect(exerciseClock({ ...run, status: 'paused' }, WALL, WALL + 60_000)).toBe(T0);
  });
});
