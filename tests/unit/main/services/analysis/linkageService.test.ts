import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkageResultInfo, StationLiveInfo } from '../../../../../preload/contract';
import { createHostRuntime, type HostRuntime } from '../../../../../main/hostRuntime';
import { distanceM } from '../../../../../main/services/analysis/linkageService';
import { paths, tempDir } from '../../../../helpers/tempStore';

let t: ReturnType<typeof tempDir>;
let rt: HostRuntime;
let empty: HostRuntime;
beforeAll(() => {
  t = tempDir('cityops-linkage-');
  rt = createHostRuntime(join(t.dir, 'store.gpkg'), 'browser', paths);
  empty = createHostRuntime(join(t.dir, 'empty.gpkg'), 'browser', paths, { seed: false });
}, 60_000);
afterAll(async () => {
  await rt?.close();
  await empty?.close();
  t.cleanup();
});

const analyze = async (r: HostRuntime, input: unknown) => {
  const res = await r.dispatch('linkage.analyze', input);
  if (!res.ok) throw new Error(res.error.message);
  return res.value as LinkageResultInfo;
};

describe('linkage.analyze', () => {
  it('distanceM is a great-circle distance', () => {
    expect(distanceM(110.8, 32.6, 110.8, 32.61)).toBeCloseTo(1112, -1);
  });

  it('at a station in town: stations nearest first, the nearest manhole traced both ways, facilities counted by category', async () => {
    const res = (await rt.dispatch('stations.live', {})) as unknown as { value: { stations: StationLiveInfo[] } };
    const river = res.value.stations.find((s) => s.name?.startsWith('泗河白浪'))!;
    const r = await analyze(rt, { lon: river.lon, lat: river.lat, radiusM: 3000 });
    expect(r.stations.available).toBe(true);
    if (r.stations.available) {
      expect(r.stations.data[0]!.stationId).toBe(river.stationId);
      expect(r.stations.data.map((s) => s.distanceM)).toEqual([...r.stations.data.map((s) => s.distanceM)].sort((a, b) => a - b));
    }
    expect(r.drainage.available).toBe(true);
    if (r.drainage.available) {
      expect(r.drainage.data.node.distanceM).toBeLessThanOrEqual(3000);
      expect(r.drainage.data.downstream.pipeCount).toBeGreaterThan(0);
      expect(r.drainage.data.downstream.pipeIds.length).toBe(r.drainage.data.downstream.pipeCount);
    }
    expect(r.facilities.available).toBe(true);
    if (r.facilities.available) {
      const total = Object.values(r.facilities.data.counts).reduce((a, b) => a + b, 0);
      expect(total).toBe(r.facilities.data.items.length);
      for (const f of r.facilities.data.items) expect(f.distanceM).toBeLessThanOrEqual(3000);
    }
    expect(r.cameras.available).toBe(true);
  });

  it('each part degrades on its own with a reason when its data is absent', async () => {
    const r = await analyze(empty, { lon: 110.8, lat: 32.6, radiusM: 500 });
    expect(r.drainage).toMatchObject({ available: false });
    expect(!r.drainage.available && r.drainage.reason).toMatch(/no drainage node within 500 m/);
    expect(r.stations).toMatchObject({ available: false });
    expect(r.facilities).toMatchObject({ available: true, data: { counts: {}, items: [] } });
  });

  it('refuses a bad radius naming the field', async () => {
    const res = await rt.dispatch('linkage.analyze', { lon: 110.8, lat: 32.6, radiusM: 5 });
    expect(res).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(!res.ok && res.error.message).toMatch(/radiusM/);
  });
});
