import { describe, expect, it } from 'vitest';
import { nextAdHocId } from '../../../../../renderer/panels/drills/AdHocInjectForm';
import { reportPath } from '../../../../../renderer/panels/drills/DrillEvaluationView';
import { formatDuration, formatUtc8Seconds, offsetWithSeconds } from '../../../../../renderer/panels/drills/drillTime';
import { chartCursor, replayChartOption } from '../../../../../renderer/panels/drills/replayChartOption';
import { alarmsAt, parseOffsetInput, replaySpan, replayStations, stepEvent, ticksOf } from '../../../../../renderer/panels/drills/replayModel';
import { alarm, event, RUN_ID, station, T0 } from './drillTestHost';

const MIN = 60_000;

describe('replay model', () => {
  it('reads go-to offsets: T+h:mm, h:mm:ss, minutes, ISO durations', () => {
    expect(parseOffsetInput('T+01:30')).toBe(90 * MIN);
    expect(parseOffsetInput('00:10:15')).toBe(10 * MIN + 15_000);
    expect(parseOffsetInput('45')).toBe(45 * MIN);
    expect(parseOffsetInput('PT1H5M')).toBe(65 * MIN);
    expect(parseOffsetInput('T-00:05')).toBe(-5 * MIN);
    expect(parseOffsetInput('1:75')).toBeNull();
    expect(parseOffsetInput('abc')).toBeNull();
  });

  it('steps to the previous and next event time', () => {
    const times = [T0, T0 + 5 * MIN, T0 + 20 * MIN];
    expect(stepEvent(times, T0 + 5 * MIN, 1)).toBe(T0 + 20 * MIN);
    expect(stepEvent(times, T0 + 5 * MIN, -1)).toBe(T0);
    expect(stepEvent(times, T0 + 20 * MIN, 1)).toBeNull();
  });

  it('spans t0 to the last event; ticks merge per colour and 1/1000 of the track, without observations', () => {
    const evs = [event(1, 0, 'drill.started'), ...Array.from({ length: 50 }, (_, i) => event(2 + i, 30, 'alarm')), event(60, 40, 'observation'), event(61, 60, 'drill.ended')];
    const span = replaySpan(T0, evs);
    expect(span).toEqual({ from: T0, to: T0 + 60 * MIN });
    const ticks = ticksOf(evs, span);
    expect(ticks.map((t) => [t.kind, t.pos])).toEqual([
      ['drill.started', 0],
      ['alarm', 0.5],
      ['drill.ended', 1],
    ]);
  });

  it('maps a replay moment onto the live station list (value, warning level from the alarms open then)', () => {
    const base = [station({}), station({ stationId: 'B', streamId: 'sl651:B:Z' })];
    const state = {
      runId: RUN_ID,
      at: T0 + 30 * MIN,
      seq: 9,
      stations: [{ stationId: '0061100001', streamId: 'sl651:0061100001:Z', ts: T0 + 29 * MIN, value: 231.2 }],
      alarms: [alarm({ severity: 3, level: '警戒' }), alarm({ id: 2, severity: 4, level: '保证', state: 'cleared' }), alarm({ id: 3, stationId: 'B', raisedAt: T0 + 40 * MIN })],
      incidents: [],
      activations: [],
      view: null,
    };
    const [a, b] = replayStations(base, state);
    expect(a).toMatchObject({ value: 231.2, ts: T0 + 29 * MIN, severity: 3, level: '警戒', openAlarms: 1, trend: null });
    expect(b).toMatchObject({ value: null, severity: 0, openAlarms: 0 });
    expect(alarmsAt(state, state.at).map((x) => x.id)).toEqual([2, 1]);
  });

  it('the chart option carries the cursor as a vertical mark line beside the characteristic levels', () => {
    const s = station({});
    const opt = replayChartOption(s, [{ ts: T0, value: 229 }, { ts: T0 + MIN, value: 230 }], { from: T0, to: T0 + 60 * MIN }, T0 + 30 * MIN, { value: '水位', hourly: 'h', total: 't', floodLimit: '汛限', warning: '警戒', guarantee: '保证', cursor: 'T+00:30:00' });
    expect(chartCursor(opt)).toBe(T0 + 30 * MIN);
    const data = (opt.series as { markLine: { data: { yAxis?: number }[] } }[])[0]!.markLine.data;
    expect(data.filter((d) => d.yAxis !== undefined).map((d) => d.yAxis)).toEqual([231, 232]);
  });

  it('formats times and offsets', () => {
    expect(formatUtc8Seconds(T0)).toBe('2026-07-15 08:00:00');
    expect(offsetWithSeconds(90 * MIN)).toBe('T+01:30:00');
    expect(offsetWithSeconds(90 * MIN + 5_900)).toBe('T+01:30:05');
    expect(formatDuration(-65_000)).toBe('−1:05');
    expect(formatDuration(3_725_000, true)).toBe('+1:02:05');
    expect(reportPath('/tmp/x-report.pdf', 'html')).toBe('/tmp/x-report.html');
    expect(reportPath('/tmp/x', 'pdf')).toBe('/tmp/x');
    expect(nextAdHocId(['ADHOC-001', 'INJ-001'])).toBe('ADHOC-002');
  });
});
