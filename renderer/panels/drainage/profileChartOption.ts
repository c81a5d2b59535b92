import type { MethodOutput } from '../../../preload/contract';

export type ProfileResult = MethodOutput<'drainage.profile'>;

export interface ProfileLabels {
  ground: string;
  crown: string;
  invert: string;
  manholes: string;
  slope: string;
  chainage: string;
  elevation: string;
}

/** ECharts' "no value here" (a gap in a line). */
const GAP = '-';
type Pt = [number, number | typeof GAP];

const axisText = { color: '#cfe3ff', fontSize: 14 };
export const profileColours = { ground: '#8ce99a', crown: '#74c0fc', invert: '#ffa94d', manhole: '#e8f4ff', slope: '#ffe066', reverse: '#ff4d4f' };

/** Pure: the lines of a profile as [chainage, elevation] points (gaps where a value is missing). */
export function profileLines(p: ProfileResult): { ground: Pt[]; crown: Pt[]; invert: Pt[]; manholes: Pt[]; slopes: { x: number; y: number; permille: number }[] } {
  const ground: Pt[] = p.stations.map((s) => [s.chainageM, s.groundElev ?? GAP]);
  const crown: Pt[] = [];
  const invert: Pt[] = [];
  const slopes: { x: number; y: number; permille: number }[] = [];
  for (const s of p.segments) {
    crown.push([s.startChainageM, s.startCrown ?? GAP], [s.endChainageM, s.endCrown ?? GAP]);
    invert.push([s.startChainageM, s.startInvert ?? GAP], [s.endChainageM, s.endInvert ?? GAP]);
    if (s.slopePermille !== null && s.startCrown !== null && s.endCrown !== null) {
      slopes.push({ x: (s.startChainageM + s.endChainageM) / 2, y: (s.startCrown + s.endCrown) / 2, permille: s.slopePermille });
    }
  }
  // A manhole: a vertical line from its invert (or the lowest pipe end there) up to the ground.
  const manholes: Pt[] = [];
  for (const st of p.stations) {
    const ends = p.segments.flatMap((s) => [s.startChainageM === st.chainageM ? s.startInvert : null, s.endChainageM === st.chainageM ? s.endInvert : null]).filter((v): v is number => v !== null);
    const bottom = st.invertElev ?? (ends.length ? Math.min(...ends) : null);
    if (bottom === null || st.groundElev === null) continue;
    manholes.push([st.chainageM, bottom], [st.chainageM, st.groundElev], [st.chainageM, GAP]);
  }
  return { ground, crown, invert, manholes, slopes };
}

/**
 * ECharts option of a 纵断面: ground line, pipe crown and invert, manholes as vertical lines, the slope (‰) of each
 * segment over it (reverse slopes in red). Chainage in m on x, elevation in m on y; zoomable.
 */
export function profileChartOption(p: ProfileResult, labels: ProfileLabels): Record<string, unknown> {
  const l = profileLines(p);
  const ys = [...l.ground, ...l.invert, ...l.crown].map((x) => x[1]).filter((v): v is number => typeof v === 'number');
  const lo = ys.length ? Math.min(...ys) : 0;
  const hi = ys.length ? Math.max(...ys) : 1;
  const pad = Math.max(0.5, (hi - lo) * 0.08);
  const line = (name: string, data: Pt[], colour: string, width: number, extra: Record<string, unknown> = {}) => ({
    name,
    type: 'line',
    data,
    showSymbol: false,
    connectNulls: false,
    lineStyle: { color: colour, width },
    itemStyle: { color: colour },
    ...extra,
  });
  return {
    backgroundColor: 'transparent',
    animation: false,
    textStyle: { fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif' },
    legend: { data: [labels.ground, labels.crown, labels.invert, labels.manholes, labels.slope], textStyle: axisText, top: 4 },
    grid: { left: 64, right: 24, top: 40, bottom: 72 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? v.toFixed(2) : String(v)) },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 22, bottom: 12, textStyle: axisText }],
    xAxis: {
      type: 'value',
      name: `${labels.chainage} m`,
      nameLocation: 'middle',
      nameGap: 28,
      min: 0,
      max: Math.max(1, Math.ceil(p.totalLengthM)),
      nameTextStyle: axisText,
      axisLabel: axisText,
      axisLine: { lineStyle: { color: '#5b7ba6' } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      name: `${labels.elevation} m`,
      min: Math.floor((lo - pad) * 10) / 10,
      max: Math.ceil((hi + pad) * 10) / 10,
      nameTextStyle: axisText,
      axisLabel: axisText,
      splitLine: { lineStyle: { color: '#1d3557' } },
    },
    series: [
      line(labels.ground, l.ground, profileColours.ground, 2.5, { areaStyle: undefined }),
      line(labels.crown, l.crown, profileColours.crown, 2),
      line(labels.invert, l.invert, profileColours.invert, 3),
      line(labels.manholes, l.manholes, profileColours.manhole, 1.5, { tooltip: { show: false } }),
      {
        name: labels.slope,
        type: 'scatter',
        symbolSize: 1,
        data: l.slopes.map((s) => ({ value: [s.x, s.y], label: { color: s.permille < 0 ? profileColours.reverse : profileColours.slope } })),
        label: { show: true, position: 'top', fontSize: 13, formatter: (x: { value: [number, number]; dataIndex: number }) => `${l.slopes[x.dataIndex]!.permille.toFixed(1)}‰` },
        labelLayout: { hideOverlap: true },
        itemStyle: { color: profileColours.slope },
        tooltip: { show: false },
      },
    ],
  };
}
