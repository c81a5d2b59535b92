import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReplayState, StationLiveInfo } from '../../../../../preload/contract';
import { chartCursor } from '../../../../../renderer/panels/drills/replayChartOption';
import { alarm, drillTestHost, event, RUN_ID, settle, station, T0, toolCtx, user } from './drillTestHost';

// ECharts needs a real canvas: the chart shows the cursor its option carries.
vi.mock('../../../../../renderer/panels/monitoring/StationChart', () => ({
  StationChart: ({ option, testId }: { option: Record<string, unknown>; testId: string }) => <div data-testid={testId} data-option-cursor={String(chartCursor(option))} />,
}));
const { DrillReplay } = await import('../../../../../renderer/panels/drills/DrillReplay');

afterEach(cleanup);

// jsdom has no PointerEvent: without one, a pointer event loses its button and clientX.
if (typeof window.PointerEvent === 'undefined') {
  class FakePointerEvent extends MouseEvent {
    pointerId: number;
    constructor(type: string, init: PointerEventInit = {}) {
      super(type, init);
      this.pointerId = init.pointerId ?? 0;
    }
  }
  window.PointerEvent = FakePointerEvent as unknown as typeof PointerEvent;
}

const MIN = 60_000;
const events = [
  event(1, 0, 'drill.started', { speed: 60, t0: T0, scenario: {} }, 'controller:commander1'),
  event(2, 5, 'inject.delivered', { injectId: 'INJ-001', kind: 'telemetry', synopsis: '大川雨量站降雨', plannedAt: T0 + 5 * MIN, driftMs: 800, point: 1, of: 12 }),
  event(3, 6, 'inject.delivered', { injectId: 'INJ-001', kind: 'telemetry', synopsis: '大川雨量站降雨', plannedAt: T0 + 6 * MIN, driftMs: 700, point: 2, of: 12 }),
  event(4, 20, 'alarm', { action: 'raise', fromLevel: null, toLevel: '警戒', alarm: alarm({}) }),
  event(5, 24, 'alarm', { action: 'acknowledge', fromLevel: '警戒', toLevel: '警戒', alarm: alarm({ state: 'acknowledged' }) }, 'operator1'),
  event(6, 30, 'bookmark', { label: '开始处置' }, 'commander1'),
  event(7, 45, 'report.sent', { text: '已向上级首报' }, 'operator1'),
  event(8, 60, 'drill.ended', { reason: 'EndEx' }, 'controller:commander1'),
];
const base: StationLiveInfo[] = [station({}), station({ stationId: '0061300004', fid: 2, name: '大川雨量站', type: 'rain', element: 'PJ', streamId: 'sl651:0061300004:PJ', unit: 'mm', lines: { floodLimit: null, warning: null, guarantee: null } })];

/** The recorded picture at `at`: the river station rises from 229 m; its alarm is raised at T+20, acknowledged at T+24. */
function stateAt(at: number): ReplayState {
  const min = (at - T0) / MIN;
  const alarms = min >= 20 ? [alarm({ state: min >= 24 ? 'acknowledged' : 'active' })] : [];
  return {
    runId: RUN_ID,
    at,
    seq: events.filter((e) => e.at <= at).length,
    stations: [{ stationId: '0061100001', streamId: 'sl651:0061100001:Z', ts: at, value: 229 + min / 20 }],
    alarms,
    incidents: [],
    activations: [],
    view: null,
  };
}

function replayHost(replayState: (i: Record<string, unknown>) => unknown = (i) => stateAt(Number(i.at))) {
  return drillTestHost({
    'drill.list': () => ({ runs: [{ runId: RUN_ID, exerciseId: 'rainstorm-2026', name: '马家河暴雨演练（演示）', demo: true, status: 'ended', t0: T0, startedAt: T0, endedAt: T0 + 3_600_000, events: 8, path: `/tmp/drills/${RUN_ID}.gpkg` }] }),
    'drill.events': () => ({ events, total: events.length }),
    'stations.live': () => ({ at: T0, stations: base }),
    'drill.replayState': replayState,
    'drill.replaySeries': () => ({ points: Array.from({ length: 13 }, (_, i) => ({ ts: T0 + i * 5 * MIN, value: 229 + i * 0.25 })), unit: 'm', name: '百二河站' }),
    'drill.evaluation': () => ({
      runId: RUN_ID,
      status: 'ended',
      metrics: [{ id: 'ack-INJ-001', label: { zh: '告警确认用时', en: 'Time to acknowledge' }, injectId: 'INJ-001', valueMs: 4 * MIN, limitMs: 5 * MIN, met: true, startAt: T0 + 20 * MIN, endAt: T0 + 24 * MIN, seq: 5, detail: null }],
      missed: [],
      control: { injectsDelivered: 1, injectsSkipped: 0, adHocInjects: 0, maxDriftMs: 800, meanDriftMs: 750, totalPauseMs: 0, exerciseDurationMs: 3_600_000, wallDurationMs: 60_000 },
      objectives: [],
      observations: [],
    }),
    'drill.exportReport': (i) => ({ path: String(i.path), bytes: 20480 }),
  });
}

async function mount(h: ReturnType<typeof replayHost>, initialAt: number | null = null) {
  const ctx = toolCtx(h.client, user('analyst'));
  render(<DrillReplay ctx={ctx} runId={RUN_ID} initialAt={initialAt} onClose={() => {}} />);
  await act(settle);
  await act(settle);
  return ctx;
}

const scrubberAt = () => Number(screen.getByTestId('drill-scrubber').dataset.at);
const asked = (h: ReturnType<typeof replayHost>) => h.called('drill.replayState').map((c) => Number(c.input.at) - T0);

describe('DrillReplay', () => {
  it('opens at the run’s start with the REPLAY marker over the map; moving the scrubber asks for that moment and dims later log lines', async () => {
    const h = replayHost();
    await mount(h);
    expect(document.body.querySelector('[data-testid="replay-marker"]')!.textContent).toContain('复盘 REPLAY');
    expect(scrubberAt()).toBe(T0);
    expect(asked(h)).toEqual([0]);
    // Go to T+00:22: the alarm is there (active), the log after T+22 is dimmed.
    fireEvent.change(screen.getByTestId('drill-replay-goto'), { target: { value: 'T+00:22' } });
    fireEvent.click(screen.getByTestId('drill-replay-go'));
    await act(settle);
    expect(scrubberAt()).toBe(T0 + 22 * MIN);
    expect(asked(h)).toEqual([0, 22 * MIN]);
    expect(screen.getByTestId('drill-replay-alarms').dataset.at).toBe(String(T0 + 22 * MIN));
    expect(screen.getByTestId('drill-replay-alarm-1').dataset.state).toBe('active');
    expect(screen.getByTestId('drill-log-4').dataset.future).toBe('false');
    expect(screen.getByTestId('drill-log-5').dataset.future).toBe('true');
    expect(screen.getByTestId('drill-log-7').dataset.future).toBe('true');
    expect(screen.getByTestId('drill-log-4').closest('li')!.className).toContain('current');
    // Telemetry injects log their first point only.
    expect(screen.queryByTestId('drill-log-3')).toBeNull();
    // The keyboard moves it a minute: T+23, still before the acknowledgement.
    fireEvent.keyDown(screen.getByTestId('drill-scrubber'), { key: 'ArrowRight' });
    await act(settle);
    expect(asked(h).at(-1)).toBe(23 * MIN);
  });

  it('future alarms are not shown, and a log-line click moves the cursor there (chart cursor follows)', async () => {
    const h = replayHost();
    await mount(h, T0 + 10 * MIN);
    expect(screen.getByTestId('drill-replay-alarms').dataset.count).toBe('0');
    expect(screen.getByTestId('drill-replay-chart').dataset.stream).toBe('sl651:0061100001:Z'); // the first alarmed station
    expect(screen.getByTestId('drill-replay-chart-canvas').dataset.optionCursor).toBe(String(T0 + 10 * MIN));
    fireEvent.click(screen.getByTestId('drill-log-5'));
    await act(settle);
    expect(scrubberAt()).toBe(T0 + 24 * MIN);
    expect(asked(h).at(-1)).toBe(24 * MIN);
    expect(screen.getByTestId('drill-replay-alarm-1').dataset.state).toBe('acknowledged');
    expect(screen.getByTestId('drill-replay-chart').dataset.cursor).toBe(String(T0 + 24 * MIN));
    expect(screen.getByTestId('drill-replay-chart-canvas').dataset.optionCursor).toBe(String(T0 + 24 * MIN));
    expect(screen.getByTestId('drill-log-5').dataset.future).toBe('false');
    expect(screen.getByTestId('drill-log-6').dataset.future).toBe('true');
  });

  it('feeds the map the moment’s station values and warning colours, and gives the live picture back on close', async () => {
    const h = replayHost();
    const ctx = await mount(h, T0 + 21 * MIN);
    const live = vi.mocked(ctx.setLayerLive).mock.calls.filter(([kind]) => kind === 'floodStations').at(-1)![1] as StationLiveInfo[];
    const river = live.find((s) => s.stationId === '0061100001')!;
    expect(river.value).toBeCloseTo(229 + 21 / 20);
    expect(river.severity).toBe(3);
    expect(river.level).toBe('警戒');
    expect(live.find((s) => s.stationId === '0061300004')!.value).toBeNull();
    cleanup();
    expect(vi.mocked(ctx.setLayerLive).mock.calls.at(-2)).toEqual(['floodStations', undefined]);
  });

  it('asks for at most one moment at a time: the latest wins', async () => {
    const pending: { at: number; resolve(v: ReplayState): void }[] = [];
    const h = replayHost((i) => new Promise<ReplayState>((resolve) => pending.push({ at: Number(i.at), resolve })));
    await mount(h);
    expect(pending).toHaveLength(1);
    const track = screen.getByTestId('drill-scrubber');
    for (let k = 0; k < 5; k++) fireEvent.keyDown(track, { key: 'ArrowRight' });
    await act(settle);
    expect(pending).toHaveLength(1); // still the first in flight
    await act(async () => pending[0]!.resolve(stateAt(pending[0]!.at)));
    await act(settle);
    expect(pending.map((p) => p.at - T0)).toEqual([0, 5 * MIN]);
  });

  it('the scrubber follows the pointer, steps between events and plays; the timings table jumps to each row’s moment', async () => {
    const h = replayHost();
    await mount(h);
    const track = screen.getByTestId('drill-scrubber');
    track.getBoundingClientRect = () => ({ left: 100, width: 600, top: 0, height: 40, right: 700, bottom: 40, x: 100, y: 0, toJSON: () => ({}) });
    fireEvent.pointerDown(track, { button: 0, clientX: 400, pointerId: 1 });
    expect(scrubberAt()).toBe(T0 + 30 * MIN);
    fireEvent.pointerUp(track, { pointerId: 1 });
    fireEvent.click(screen.getByTestId('drill-replay-next'));
    expect(scrubberAt()).toBe(T0 + 45 * MIN);
    fireEvent.click(screen.getByTestId('drill-replay-prev'));
    fireEvent.click(screen.getByTestId('drill-replay-prev'));
    expect(scrubberAt()).toBe(T0 + 24 * MIN);
    expect(screen.getByTestId('drill-bookmark-6').dataset.at).toBe(String(T0 + 30 * MIN));
    fireEvent.click(screen.getByTestId('drill-metric-jump-ack-INJ-001'));
    expect(scrubberAt()).toBe(T0 + 24 * MIN);
    expect(screen.getByTestId('drill-metric-ack-INJ-001').dataset.met).toBe('true');
    // Export: the path's extension follows the format.
    fireEvent.click(screen.getByTestId('drill-export-html'));
    await act(settle);
    expect(h.called('drill.exportReport')[0]!.input).toEqual({ runId: RUN_ID, format: 'html', path: `/tmp/${RUN_ID}-report.html`, overwrite: false });
    expect(screen.getByTestId('drill-export-result').dataset.path).toBe(`/tmp/${RUN_ID}-report.html`);
    // Play ×600: one wall second is ten exercise minutes.
    vi.useFakeTimers();
    try {
      fireEvent.click(screen.getByTestId('drill-replay-speed-600'));
      fireEvent.click(screen.getByTestId('drill-replay-play'));
      await act(async () => {
        vi.advanceTimersByTime(1000);
      });
      expect(scrubberAt()).toBeGreaterThanOrEqual(T0 + 24 * MIN + 9 * MIN);
      expect(scrubberAt()).toBeLessThanOrEqual(T0 + 24 * MIN + 11 * MIN);
    } finally {
      vi.useRealTimers();
    }
  });
});
