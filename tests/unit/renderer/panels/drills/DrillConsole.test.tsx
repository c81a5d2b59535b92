import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DrillState } from '../../../../../preload/contract';
import { DrillConsole, replayFromUrl } from '../../../../../renderer/panels/drills/DrillConsole';
import { guessFormat } from '../../../../../renderer/panels/drills/ScenarioPicker';
import { consoleInject, drillState, drillTestHost, liveState, RUN_ID, settle, T0, toolCtx, user, type Handler } from './drillTestHost';

afterEach(cleanup);

const NOTES = '只给导调看：若10分钟未确认则电话催办';
const injects = [
  consoleInject({ id: 'INJ-001', status: 'delivered', pointsSent: 12, deliveredAt: T0 + 2000, driftMs: 2000 }),
  consoleInject({ id: 'INJ-002', kind: 'phone', channel: 'in-app', synopsis: '群众来电：五堰街道积水', controllerNotes: NOTES, dueAt: T0 + 15 * 60_000, offsetMs: 15 * 60_000, points: 1, station: null, element: null }),
  consoleInject({ id: 'INJ-003', kind: 'field-report', channel: 'in-app', synopsis: '现场报告：道路积水30cm', dueAt: T0 + 30 * 60_000, offsetMs: 30 * 60_000, points: 1, station: null, element: null }),
];

function host(state: DrillState, extra: Record<string, Handler> = {}) {
  return drillTestHost({
    'drill.state': () => state,
    'drill.injects': () => ({ injects }),
    'drill.list': () => ({ runs: [] }),
    'drill.scenarios': () => ({ scenarios: [{ id: 'rainstorm-2026', name: '马家河流域暴雨演练（演示）', hazard: 'rainstorm', injects: 12, demo: true }] }),
    'drill.control': (i) => drillState({}, { status: i.action === 'pause' ? 'paused' : 'running' }),
    'drill.injectAction': (i) => ({ inject: { ...injects[1]!, id: String(i.injectId), status: 'delivered' } }),
    'drill.note': () => ({ seq: 41 }),
    'drill.shift': () => ({ shifted: 1 }),
    'drill.logAction': () => ({ seq: 42 }),
    ...extra,
  });
}

async function open(h: ReturnType<typeof host>, role: Parameters<typeof user>[0] | null) {
  render(<DrillConsole ctx={toolCtx(h.client, role ? user(role) : null)} />);
  await act(settle);
  fireEvent.click(screen.getByTestId('drill-console-open'));
  await act(settle);
}

describe('DrillConsole', () => {
  it('a viewer (evaluator) sees the drill and the note form, none of the controller’s controls, and never the controller notes', async () => {
    const h = host(drillState());
    await open(h, 'viewer');
    expect(screen.getByTestId('drill-run').dataset.status).toBe('running');
    expect(screen.queryByTestId('drill-controls')).toBeNull();
    expect(screen.queryByTestId('drill-injects')).toBeNull();
    expect(screen.queryByTestId('drill-emergency-stop')).toBeNull();
    expect(screen.queryByTestId('drill-adhoc-open')).toBeNull();
    expect(screen.queryByTestId('drill-report-sent')).toBeNull(); // 首报 is the duty team's
    expect(h.called('drill.injects')).toHaveLength(0);
    expect(document.body.textContent).not.toContain(NOTES);
    // An inject reaching the players is listed, without notes.
    act(() => h.emit('drill.injected', { runId: RUN_ID, injectId: 'INJ-002', kind: 'phone', synopsis: '群众来电：五堰街道积水', message: '我家门口水漫过了台阶', at: T0 + 15 * 60_000 }));
    expect(screen.getByTestId('drill-message-INJ-002').textContent).toContain('我家门口水漫过了台阶');
    expect(document.body.textContent).not.toContain(NOTES);
    // The evaluator's note, rated and tied to the inject received.
    fireEvent.change(screen.getByTestId('drill-note-text'), { target: { value: '值班员3分钟内确认告警' } });
    fireEvent.change(screen.getByTestId('drill-note-rating'), { target: { value: 'P' } });
    fireEvent.change(screen.getByTestId('drill-note-inject'), { target: { value: 'INJ-002' } });
    fireEvent.click(screen.getByTestId('drill-note-submit'));
    await act(settle);
    expect(h.called('drill.note')[0]!.input).toEqual({ text: '值班员3分钟内确认告警', rating: 'P', injectId: 'INJ-002' });
    expect(screen.getByTestId('drill-note-saved').dataset.seq).toBe('41');
  });

  it('the controller (导调) has the clock controls and the inject list; controller notes appear only in the inject table', async () => {
    const h = host(drillState());
    await open(h, 'controller');
    expect(screen.getByTestId('drill-controls')).toBeTruthy();
    const table = screen.getByTestId('drill-injects');
    expect(within(table).getByTestId('drill-inject-notes-INJ-002').textContent).toBe(NOTES);
    const everywhere = document.body.textContent!.split(NOTES).length - 1;
    const inTable = table.textContent!.split(NOTES).length - 1;
    expect(everywhere).toBe(1);
    expect(inTable).toBe(1);
    // Upcoming and delivered apart; only pending rows have actions.
    expect(within(screen.getByTestId('drill-injects-done')).getByTestId('drill-inject-INJ-001').dataset.status).toBe('delivered');
    expect(screen.queryByTestId('drill-inject-deliver-INJ-001')).toBeNull();
    fireEvent.click(screen.getByTestId('drill-inject-deliver-INJ-002'));
    await act(settle);
    expect(h.called('drill.injectAction')[0]!.input).toEqual({ injectId: 'INJ-002', action: 'deliver' });
    // Shift the rest from INJ-003 by 10 minutes.
    fireEvent.click(screen.getByTestId('drill-inject-shift-INJ-003'));
    fireEvent.change(screen.getByTestId('drill-shift-minutes'), { target: { value: '10' } });
    fireEvent.click(screen.getByTestId('drill-shift-submit'));
    await act(settle);
    expect(h.called('drill.shift')[0]!.input).toEqual({ fromInjectId: 'INJ-003', byMinutes: 10 });
    // Pause, and the speed buttons show the current speed.
    expect(screen.getByTestId('drill-speed-60').getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByTestId('drill-pause'));
    await act(settle);
    expect(h.called('drill.control')[0]!.input).toEqual({ action: 'pause' });
    expect(screen.getByTestId('drill-resume')).toBeTruthy();
  });

  it('a commander plays: no clock controls, no inject list, never a controller note', async () => {
    const h = host(drillState());
    await open(h, 'commander');
    expect(screen.queryByTestId('drill-controls')).toBeNull();
    expect(screen.queryByTestId('drill-injects')).toBeNull();
    expect(document.body.textContent).not.toContain(NOTES);
    expect(h.called('drill.injects')).toHaveLength(0);
  });

  it('意外终止 needs a confirm and a reason; 结束演练 a confirm', async () => {
    const h = host(drillState());
    await open(h, 'controller');
    fireEvent.click(screen.getByTestId('drill-end'));
    expect(h.called('drill.control')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('drill-end-confirm'));
    await act(settle);
    expect(h.called('drill.control')[0]!.input).toEqual({ action: 'end' });
    fireEvent.click(screen.getByTestId('drill-emergency-stop'));
    expect((screen.getByTestId('drill-emergency-confirm') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('drill-emergency-reason'), { target: { value: '真实暴雨预警，转入实战' } });
    fireEvent.click(screen.getByTestId('drill-emergency-confirm'));
    await act(settle);
    expect(h.called('drill.control')[1]!.input).toEqual({ action: 'emergencyStop', reason: '真实暴雨预警，转入实战' });
  });

  it('an operator (duty team) logs 已首报', async () => {
    const h = host(drillState());
    await open(h, 'operator');
    expect(screen.queryByTestId('drill-controls')).toBeNull();
    expect(screen.queryByTestId('drill-note-form')).toBeNull(); // evaluators and the controller note; the duty team plays
    fireEvent.click(screen.getByTestId('drill-report-sent'));
    await act(settle);
    expect(h.called('drill.logAction')[0]!.input).toEqual({ kind: 'report.sent', text: '已向上级首报' });
    expect(screen.getByTestId('drill-report-done')).toBeTruthy();
  });

  it('no drill: a pasted scenario is validated and every error shows with its inject id and field; start stays off', async () => {
    const errors = [
      { injectId: 'INJ-004', field: 'injects[3].station', message: '未知站点 0061399999 / unknown station' },
      { injectId: null, field: 'exercise.t0', message: 't0: an ISO 8601 date-time with offset' },
    ];
    const h = host(liveState(), { 'drill.validate': () => ({ ok: false, errors, summary: null }) });
    await open(h, 'controller');
    expect(screen.getByTestId('drill-scenario-rainstorm-2026')).toBeTruthy();
    fireEvent.click(screen.getByTestId('drill-source-text'));
    fireEvent.change(screen.getByTestId('drill-scenario-text'), { target: { value: 'id,at,kind\nINJ-004,PT5M,telemetry\n' } });
    expect((screen.getByTestId('drill-scenario-format') as HTMLSelectElement).value).toBe('csv');
    fireEvent.click(screen.getByTestId('drill-validate'));
    await act(settle);
    expect(h.called('drill.validate')[0]!.input).toEqual({ source: 'text', text: 'id,at,kind\nINJ-004,PT5M,telemetry\n', format: 'csv' });
    const rows = screen.getAllByTestId('drill-validation-error');
    expect(rows.map((r) => [r.dataset.inject, r.dataset.field])).toEqual([
      ['INJ-004', 'injects[3].station'],
      ['', 'exercise.t0'],
    ]);
    expect(rows[0]!.textContent).toContain('未知站点 0061399999');
    expect((screen.getByTestId('drill-start') as HTMLButtonElement).disabled).toBe(true);
  });

  it('no drill: the controller starts a demo scenario at the chosen speed (validated first)', async () => {
    const h = host(liveState(), { 'drill.validate': () => ({ ok: true, errors: [], summary: { exerciseId: 'rainstorm-2026', name: '暴雨', injects: 12, points: 300, durationMs: 6 * 3_600_000, stations: 8 } }), 'drill.start': () => drillState() });
    await open(h, 'controller');
    fireEvent.click(screen.getByTestId('drill-start-speed-30'));
    fireEvent.click(screen.getByTestId('drill-start'));
    await act(settle);
    expect(h.called('drill.validate')[0]!.input).toEqual({ source: 'demo', id: 'rainstorm-2026' });
    expect(h.called('drill.start')[0]!.input).toEqual({ scenario: { source: 'demo', id: 'rainstorm-2026' }, speed: 30 });
    expect(screen.getByTestId('drill-run').dataset.status).toBe('running');
  });

  it('a viewer with no drill sees no scenario picker, only the recorded drills', async () => {
    const h = host(liveState());
    await open(h, 'viewer');
    expect(screen.queryByTestId('drill-scenario')).toBeNull();
    expect(screen.getByTestId('drill-runs')).toBeTruthy();
  });
});

describe('console helpers', () => {
  it('reads ?replay=<runId>&at=<ms>', () => {
    expect(replayFromUrl(`http://x/?replay=${RUN_ID}&at=123`)).toEqual({ runId: RUN_ID, at: 123 });
    expect(replayFromUrl(`http://x/?replay=${RUN_ID}`)).toEqual({ runId: RUN_ID, at: null });
    expect(replayFromUrl('http://x/?replay=../etc')).toBeNull();
  });
  it('guesses a scenario format', () => {
    expect(guessFormat('{"exercise":{}}')).toBe('json');
    expect(guessFormat('exercise:\n  id: x')).toBe('yaml');
    expect(guessFormat('id,at,kind\n')).toBe('csv');
    expect(guessFormat('anything', 'msel.CSV')).toBe('csv');
  });
});
