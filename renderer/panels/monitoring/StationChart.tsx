import { EChart } from '../../ui/EChart';

/** A station's (or a KPI tile's) time-series chart. */
export function StationChart({ option, testId }: { option: Record<string, unknown>; testId: string }) {
  return <EChart option={option} testId={testId} className="station-chart" />;
}
