import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardSummaryInfo } from '../../../../../preload/contract';
import { createHostRuntime, type HostRuntime } from '../../../../../main/hostRuntime';
import { paths, tempDir } from '../../../../helpers/tempStore';

let t: ReturnType<typeof tempDir>;
let rt: HostRuntime;
beforeAll(() => {
  t = tempDir('cityops-dash-');
  rt = createHostRuntime(join(t.dir, 'store.gpkg'), 'browser', paths);
}, 60_000);
afterAll(async () => {
  await rt?.close();
  t.cleanup();
});

const summary = async () => {
  const r = await rt.dispatch('dashboard.summary', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value as DashboardSummaryInfo;
};

describe('dashboard.summary', () => {
  it('sums the demo district: stations reporting, rain by hour, cameras online, network findings; readable without signing in', async () => {
    const s = await summary();
    expect(s.stations.total).toBe(33);
    expect(s.stations.reporting).toBe(33);
    expect(s.stations.nearestWarning).not.toBeNull();
    expect(s.stations.nearestWarning!.margin).toBeGreaterThan(0);
    expect(s.rain.hourly).toHaveLength(24);
    expect(s.rain.gauges).toBeGreaterThan(0);
    expect(s.cameras.total).toBe(2000);
    expect(s.cameras.online).toBeLessThanOrEqual(2000);
    expect(s.drainage.pipes).toBe(11252);
    expect(s.drainage.checkedAt).not.toBeNull();
    expect(s.alarms.total).toBe(0);
    expect(s.incidents.open).toBe(0);
  }, 60_000);

  it('counts a raised alarm by severity and as unacknowledged', async () => {
    const m = rt.monitoring.monitoring;
    const rule = m.rules().find((r) => r.kind === 'level')!;
    const top = rule.levels[0]!;
    m.ingest(rule.streamId, [{ ts: Date.now() - 1000, value: top.threshold + 0.01 }]);
    const s = await summary();
    expect(s.alarms.total).toBe(1);
    expect(s.alarms.bySeverity[String(top.severity)]).toBe(1);
    expect(s.alarms.unacknowledged).toBe(1);
    expect(s.alarms.lastChange).not.toBeNull();
  }, 60_000);
});
