import type { StationLiveInfo } from '../../../preload/contract';

export interface ChartPoint {
  ts: number;
  value: number;
}

const HOUR = 3_600_000;

/** Rain increments summed per clock hour (UTC+8 hours align with UTC hours), oldest first. */
export function hourlyTotals(points: readonly ChartPoint[]): ChartPoint[] {
  const byHour = new Map<number, number>();
  for (const p of points) {
    const h = Math.floor(p.ts / HOUR) * HOUR;
    byHour.set(h, (byHour.get(h) ?? 0) + p.value);
  }
  return [...byHour.entries()].sort((a, b) => a[0] - b[0]).map(([ts, value]) => ({ ts, value: Math.round(value * 10) / 10 }));
}

/** Running total of rain increments. */
export function cumulative(points: readonly ChartPoint[]): ChartPoint[] {
  let sum = 0;
  return points.map((p) => ({ ts: p.ts, value: Math.round((sum += p.value) * 10) / 10 }));
}

export interface ThresholdLine {
  name: string;
  value: number;
  colour: string;
}

/** The characteristic levels drawn across a stage chart. */
export function thresholdLines(s: StationLiveInfo, names: { floodLimit: string; warning: string; guarantee: string }): ThresholdLine[] {
  const out: ThresholdLine[] = [];
  if (s.lines.floodLimit !== null && s.type === 'reservoir') out.push({ name: names.floodLimit, value: s.lines.floodLimit, colour: '#3d8bff' });
  if (s.lines.warning !== null) out.push({ name: names.warning, value: s.lines.warning, colour: '#ff8c00' });
  if (s.lines.guarantee !== null) out.push({ name: names.guarantee, value: s.lines.guarantee, colour: '#ff2d2d' });
  return out;
}

const axisText = { color: '#cfe3ff', fontSize: 14 };
const cst = (ts: number, withDate: boolean) => {
  const d = new Date(ts + 8 * HOUR);
  const p = (n: number) => String(n).padStart(2, '0');
  const hm = `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
  return withDate ? `${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${hm}` : hm;
};

/**
 * ECharts option for a station: stage stations a line with the threshold lines (the y range always shows the warning
 * line); rain gauges hourly bars with the running total on a second axis. Times on the axis in UTC+8. Zoomable
 * (inside + slider).
 */
export function stationChartOption(
  s: StationLiveInfo,
  points: readonly ChartPoint[],
  range: { from: number; to: number },
  labels: { value: string; hourly: string; total: string; floodLimit: string; warning: string; guarantee: string },
): Record<string, unknown> {
  const multiDay = range.to - range.from > 36 * HOUR;
  const xAxis = {
    type: 'time',
    min: range.from,
    max: range.to,
    axisLabel: { ...axisText, formatter: (v: number) => cst(v, multiDay) },
    axisLine: { lineStyle: { color: '#5b7ba6' } },
  };
  const common = {
    backgroundColor: 'transparent',
    animation: false,
    grid: { left: 64, right: s.type === 'rain' ? 64 : 24, top: 36, bottom: 72 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => (typeof v === 'number' ? v.toFixed(2) : String(v)) },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 22, bottom: 12, textStyle: axisText }],
    textStyle: { fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif' },
  };
  if (s.type === 'rain') {
    const hourly = hourlyTotals(points);
    return {
      ...common,
      legend: { data: [labels.hourly, labels.total], textStyle: axisText, top: 4 },
      xAxis,
      yAxis: [
        { type: 'value', name: 'mm/h', nameTextStyle: axisText, axisLabel: axisText, splitLine: { lineStyle: { color: '#1d3557' } } },
        { type: 'value', name: 'mm', nameTextStyle: axisText, axisLabel: axisText, splitLine: { show: false } },
      ],
      series: [
        { name: labels.hourly, type: 'bar', data: hourly.map((p) => [p.ts + HOUR / 2, p.value]), itemStyle: { color: '#4dabff' }, barMaxWidth: 18 },
        { name: labels.total, type: 'line', yAxisIndex: 1, showSymbol: false, data: cumulative(points).map((p) => [p.ts, p.value]), lineStyle: { color: '#7ee081', width: 2 } },
      ],
    };
  }
  const lines = thresholdLines(s, labels);
  const values = points.map((p) => p.value);
  const warn = s.lines.warning ?? s.lines.floodLimit;
  const lo = Math.min(...values, ...(warn !== null ? [warn - 1] : []));
  const hi = Math.max(...values, ...lines.map((l) => l.value));
  const pad = Math.max(0.2, (hi - lo) * 0.08);
  return {
    ...common,
    xAxis,
    yAxis: {
      type: 'value',
      name: s.unit ?? 'm',
      min: Number.isFinite(lo) ? Math.floor((lo - pad) * 10) / 10 : undefined,
      max: Number.isFinite(hi) ? Math.ceil((hi + pad) * 10) / 10 : undefined,
      nameTextStyle: axisText,
      axisLabel: axisText,
      splitLine: { lineStyle: { color: '#1d3557' } },
    },
    series: [
      {
        name: labels.value,
        type: 'line',
        showSymbol: false,
        data: points.map((p) => [p.ts, p.value]),
        lineStyle: { color: '#38e1ff', width: 2.5 },
        markLine: {
          symbol: 'none',
          silent: true,
          data: lines.map((l) => ({ name: l.name, yAxis: l.value, lineStyle: { color: l.colour, type: 'dashed', width: 2 }, label: { formatter: `${l.name} ${l.value.toFixed(2)}`, color: l.colour, fontSize: 14, position: 'insideEndTop' } })),
        },
      },
    ],
  };
}
