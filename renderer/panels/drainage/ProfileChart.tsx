import { EChart } from '../../ui/EChart';

/** The 纵断面 (longitudinal profile) chart. */
export function ProfileChart({ option }: { option: Record<string, unknown> }) {
  return <EChart option={option} testId="profile-chart" className="drainage-profile-chart" />;
}
