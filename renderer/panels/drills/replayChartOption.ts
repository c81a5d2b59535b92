import type { StationLiveInfo } from '../../../preload/contract';
import { stationChartOption, type ChartPoint } from '../monitoring/stationChartOption';

export const CURSOR_COLOUR = '#ffb020';

/** A stand-in for a stream the live station list does not know (a line chart without characteristic levels). */
export function bareStation(streamId: string, stationId: string | null, name: string | null, unit: string | null): StationLiveInfo {
  const element = /:([A-Z][A-Z0-9]*)$/.exec(streamId)?.[1] ?? null;
  return {
    stationId: stationId ?? streamId,
    fid: 0,
    name,
    type: element === 'PJ' || element === 'PN' || element === 'PT' ? 'rain' : null,
    lon: null,
    lat: null,
    groundElev: null,
    area: null,
    element,
    streamId,
    unit,
    value: null,
    ts: null,
    ratePerHour: null,
    trend: null,
    lines: { floodLimit: null, warning: null, guarantee: null },
    rain: null,
    level: null,
    severity: 0,
    openAlarms: 0,
    lastReport: null,
    demo: false,
  };
}

/**
 * The station chart of a replay: the monitoring chart over the run's time span (stage with its characteristic levels,
 * rain as hourly bars and running total) with a vertical time cursor at `at` (an ECharts markLine), and the points
 * after the cursor still drawn (the whole run is known).
 */
export function replayChartOption(
  station: StationLiveInfo,
  points: readonly ChartPoint[],
  span: { from: number; to: number },
  at: number,
  labels: Parameters<typeof stationChartOption>[3] & { cursor: string },
): Record<string, unknown> {
  const option = stationChartOption(station, points, span, labels);
  const series = option.series as Record<string, unknown>[];
  const first = series[0];
  if (!first) return option;
  const markLine = (first.markLine as { data?: unknown[] } | undefined) ?? {};
  const cursor = { name: 'cursor', xAxis: at, lineStyle: { color: CURSOR_COLOUR, type: 'solid', width: 3 }, label: { formatter: labels.cursor, color: CURSOR_COLOUR, fontSize: 14, position: 'end' } };
  return {
    ...option,
    xAxis: { ...(option.xAxis as Record<string, unknown>), splitNumber: 5, axisLabel: { ...((option.xAxis as { axisLabel?: object }).axisLabel ?? {}), hideOverlap: true } },
    dataZoom: [{ type: 'inside' }],
    grid: { ...(option.grid as object), bottom: 36 },
    series: [{ ...first, markLine: { symbol: 'none', silent: true, animation: false, ...markLine, data: [...(markLine.data ?? []), cursor] } }, ...series.slice(1)],
  };
}

/** The cursor's exercise time in a replay chart option (tests, e2e). */
export function chartCursor(option: Record<string, unknown>): number | null {
  const first = (option.series as { markLine?: { data?: { name?: string; xAxis?: number }[] } }[] | undefined)?.[0];
  return first?.markLine?.data?.find((d) => d.name === 'cursor')?.xAxis ?? null;
}
