import { describe, expect, it } from 'vitest';
import { coords, defaultPack, layer } from './demoPackFixture';

const pack = defaultPack();

describe('demo cameras', () => {
  const cameras = layer(pack, 'cameras');
  it('has ~2,000 cameras with valid view parameters', () => {
    expect(cameras.length).toBe(2000);
    const problems: string[] = [];
    for (const c of cameras) {
      const { heading, tilt, hfov, range_m: range, height_m: height, stream_url: url, last_seen: seen } = c.columns;
      const ok =
        typeof heading === 'number' && heading >= 0 && heading < 360 &&
        typeof tilt === 'number' && tilt > 0 && tilt < 90 &&
        typeof hfov === 'number' && hfov >= 40 && hfov <= 110 &&
        typeof range === 'number' && range >= 50 && range <= 300 &&
        typeof height === 'number' && height >= 4 && height <= 12 &&
        url === null && seen === null;
      if (!ok && problems.length < 20) problems.push(`${c.external_id} ${JSON.stringify(c.columns)}`);
    }
    expect(problems).toEqual([]);
  });

  it('mixes types, departments and statuses (mostly online)', () => {
    const count = (k: string): Map<unknown, number> => {
      const m = new Map<unknown, number>();
      for (const c of cameras) m.set(c.columns[k], (m.get(c.columns[k]) ?? 0) + 1);
      return m;
    };
    expect([...count('cam_type').keys()].sort()).toEqual(['bullet', 'dome', 'ptz']);
    const status = count('status');
    expect(status.get('online') ?? 0).toBeGreaterThan(cameras.length * 0.8);
    expect(status.get('offline') ?? 0).toBeGreaterThan(0);
    expect(status.get('fault') ?? 0).toBeGreaterThan(0);
    const departments = count('department');
    for (const d of ['公安茅箭分局', '区城管执法局', '区交通运输局', '区应急管理局']) expect(departments.get(d) ?? 0, d).toBeGreaterThan(0);
  });
});

describe('demo flood stations', () => {
  const stations = layer(pack, 'flood_stations');
  it('has both reservoirs, several river stations and spread rain gauges with SL651-style codes', () => {
    const byType = (t: string): typeof stations => stations.filter((s) => s.columns.station_type === t);
    expect(byType('reservoir')).toHaveLength(2);
    expect(byType('river').length).toBeGreaterThanOrEqual(5);
    expect(byType('rain').length).toBeGreaterThanOrEqual(8);
    const codes = stations.map((s) => s.columns.station_code);
    expect(new Set(codes).size).toBe(stations.length);
    for (const code of codes) expect(code).toMatch(/^[0-9A-F]{10}$/);
    const names = byType('reservoir').map((s) => s.name).join();
    expect(names).toContain('马家河水库');
    expect(names).toContain('茅塔河水库');
  });

  it('orders thresholds: reservoir flood limit < normal pool (warning) < guarantee; river warning < guarantee; rain none', () => {
    for (const s of stations) {
      const { flood_limit: limit, warning_level: warning, guarantee_level: guarantee } = s.columns;
      if (s.columns.station_type === 'reservoir') {
        expect(typeof limit === 'number' && typeof warning === 'number' && typeof guarantee === 'number').toBe(true);
        expect(limit as number).toBeLessThan(warning as number);
        expect(warning as number).toBeLessThan(guarantee as number);
      } else if (s.columns.station_type === 'river') {
        expect(limit).toBeNull();
        expect(warning as number).toBeGreaterThan(180);
        expect(warning as number).toBeLessThan(guarantee as number);
      } else {
        expect([limit, warning, guarantee]).toEqual([null, null, null]);
      }
    }
  });
});

describe('demo facilities', () => {
  it('has a few dozen schools, hospitals, shelters, hazardous sites and gas stations, mostly in town', () => {
    const facilities = layer(pack, 'facilities');
    const cats = new Set(facilities.map((f) => f.columns.category));
    expect(cats).toEqual(new Set(['school', 'hospital', 'shelter', 'hazmat', 'gas_station']));
    const inTown = facilities.filter((f) => ((coords(f) as number[])[1] ?? 0) > 32.585);
    expect(inTown.length).toBeGreaterThan(facilities.length / 2);
    for (const f of facilities) expect(String(f.columns.address)).toContain('茅箭区');
  });
});
