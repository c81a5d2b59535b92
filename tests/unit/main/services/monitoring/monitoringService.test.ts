import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MonitoringService } from '../../../../../main/services/monitoring/monitoringService';
import type { MonitoringEvent } from '../../../../../main/services/monitoring/monitoringTypes';
import { encodeGpkgGeometry } from '../../../../../main/store/gpkgGeometry';
import { openStore, type Store } from '../../../../../main/store/openStore';
import { tempDir } from '../../../../helpers/tempStore';

const T0 = Date.UTC(2026, 6, 1, 0, 0);
const MIN = 60_000;
let store: Store;
let cleanup: () => void;
let now = T0;
let events: MonitoringEvent[];
let mon: MonitoringService;

beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = openStore(join(t.dir, 's.gpkg'));
  now = T0 + 24 * 60 * MIN;
  events = [];
  mon = new MonitoringService(store.db, { now: () => now, onEvent: (e) => events.push(e) });
  mon.series.ensureStream({ id: 'z', stationId: 'st1', element: 'Z', unit: 'm', source: 'test' });
  mon.series.ensureStream({ id: 'rain', stationId: 'st2', element: 'PJ', unit: 'mm', source: 'test' });
});
afterEach(() => {
  store.close();
  cleanup();
});

const levels = [
  { name: '警戒', severity: 3, threshold: 10 },
  { name: '保证', severity: 4, threshold: 12 },
];
const at = (minutes: number, value: number) => ({ ts: T0 + minutes * MIN, value });
const actions = () =>
  mon
    .alarmLog()
    .filter((l) => l.action !== 'reject')
    .map((l) => `${l.action}:${l.fromLevel ?? '-'}>${l.toLevel ?? '-'}`);

describe('MonitoringService level rules', () => {
  beforeEach(() => {
    mon.upsertRule({ id: 'r1', streamId: 'z', stationId: 'st1', kind: 'level', levels, hysteresis: 0.05 });
  });

  it('raises, escalates, de-escalates and clears with hysteresis, logging every crossing', () => {
    mon.ingest('z', [at(0, 9.5), at(5, 10.0)]);
    expect(mon.alarms({ open: true })).toMatchObject([{ level: '警戒', severity: 3, state: 'active', raisedAt: T0 + 5 * MIN }]);
    mon.ingest('z', [at(8, 11.5), at(10, 12.3)]);
    expect(mon.alarms({ open: true })).toMatchObject([{ level: '保证', severity: 4 }]);
    mon.ingest('z', [at(15, 11.97)]); // within hysteresis of 保证 (12 − 0.05): stays
    expect(mon.alarms({ open: true })[0]?.level).toBe('保证');
    mon.ingest('z', [at(20, 11.9)]);
    expect(mon.alarms({ open: true })[0]?.level).toBe('警戒');
    mon.ingest('z', [at(25, 9.96)]); // still ≥ 10 − 0.05
    expect(mon.alarms({ open: true })).toHaveLength(1);
    mon.ingest('z', [at(30, 9.9)]);
    expect(mon.alarms({ open: true })).toHaveLength(0);
    expect(mon.alarms()).toMatchObject([{ state: 'cleared', clearedAt: T0 + 30 * MIN }]);
    expect(actions()).toEqual(['raise:->警戒', 'escalate:警戒>保证', 'deescalate:保证>警戒', 'clear:警戒>-']);
    expect(events.filter((e) => e.type === 'alarm').map((e) => (e.type === 'alarm' ? e.transition.action : ''))).toEqual([
      'raise',
      'escalate',
      'deescalate',
      'clear',
    ]);
  });

  it('a value oscillating ±1 cm around the line raises once', () => {
    const pts = Array.from({ length: 60 }, (_, i) => at(i * 5, i % 2 === 0 ? 10.01 : 9.99));
    for (const p of pts) mon.ingest('z', [p]);
    expect(actions()).toEqual(['raise:->警戒']);
    expect(mon.alarms()).toHaveLength(1);
  });

  it('jumps straight to the highest line reached; late data is stored but does not move the alarm', () => {
    mon.ingest('z', [at(60, 12.5)]);
    expect(actions()).toEqual(['raise:->保证']);
    const r = mon.ingest('z', [at(30, 9)]); // late and below every line
    expect(r.accepted).toHaveLength(1);
    expect(r.transitions).toEqual([]);
    expect(mon.series.range('z', T0, T0 + 60 * MIN).map((p) => p.value)).toEqual([9, 12.5]);
  });

  it('rejects impossible values, logs the reason and leaves the series unchanged', () => {
    mon.ingest('z', [at(0, 9.5)]);
    const before = mon.series.range('z', 0, Number.MAX_SAFE_INTEGER);
    const jump = mon.ingest('z', [at(5, 19.5)]);
    expect(jump.rejected).toMatchObject([{ value: 19.5, reason: expect.stringMatching(/jumps 10\.000.*max step 2/) }]);
    const future = mon.ingest('z', [{ ts: now + 11 * MIN, value: 9.6 }]);
    expect(future.rejected[0]?.reason).toMatch(/11 min in the future \(limit 10 min\)/);
    const nan = mon.ingest('z', [at(6, Number.NaN)]);
    expect(nan.rejected[0]?.reason).toMatch(/finite/);
    expect(mon.series.range('z', 0, Number.MAX_SAFE_INTEGER)).toEqual(before);
    expect(mon.alarms()).toHaveLength(0);
    const rejects = mon.alarmLog({ streamId: 'z' }).filter((l) => l.action === 'reject');
    expect(rejects).toHaveLength(3);
    expect(rejects[0]).toMatchObject({ actor: 'system', stationId: 'st1', value: 19.5, ts: T0 + 5 * MIN });
    expect(events.filter((e) => e.type === 'rejected')).toHaveLength(3);
    // 9 min ahead is fine; a normal step after the rejected spike is accepted.
    expect(mon.ingest('z', [{ ts: now + 9 * MIN, value: 9.7 }]).rejected).toEqual([]);
    const rain = mon.ingest('rain', [at(0, -1)]);
    expect(rain.rejected[0]?.reason).toMatch(/negative rainfall/);
  });

  it('acknowledge and snooze are logged with who and when; escalation re-activates; snooze expiry', () => {
    mon.ingest('z', [at(0, 10.2)]);
    const id = mon.alarms()[0]!.id;
    now += MIN;
    expect(mon.acknowledge(id, 'zhang')).toMatchObject({ state: 'acknowledged', ackBy: 'zhang', ackAt: now });
    mon.ingest('z', [at(5, 12.1)]);
    expect(mon.alarm(id)).toMatchObject({ state: 'active', level: '保证' });
    expect(mon.snooze(id, 'li', 30, '巡查中')).toMatchObject({ state: 'snoozed', snoozeUntil: now + 30 * MIN, snoozeReason: '巡查中' });
    expect(() => mon.snooze(id, 'li', 0, 'x')).toThrow(/minutes/);
    now += 31 * MIN;
    mon.checkSilence(now);
    expect(mon.alarm(id)?.state).toBe('active');
    const log = mon.alarmLog({ alarmId: id });
    expect(log.map((l) => [l.action, l.actor])).toEqual([
      ['raise', 'system'],
      ['acknowledge', 'zhang'],
      ['escalate', 'system'],
      ['snooze', 'li'],
      ['unsnooze', 'system'],
    ]);
    expect(log[3]?.reason).toBe('30 min: 巡查中');
    mon.ingest('z', [at(8, 10.5), at(10, 9.9)]);
    expect(() => mon.acknowledge(id, 'zhang')).toThrow(/cleared/);
  });

  it('"below" rules mirror the lines', () => {
    const low = [{ name: '低', severity: 2, threshold: 5 }];
    mon.upsertRule({ id: 'low', streamId: 'z', kind: 'level', direction: 'below', levels: low, hysteresis: 0.1 });
    mon.ingest('z', [at(0, 5.5), at(5, 5.0), at(10, 5.05), at(15, 5.2)]);
    expect(mon.alarmLog().filter((l) => l.ruleId === 'low').map((l) => l.action)).toEqual(['raise', 'clear']);
  });
});

describe('MonitoringService other rule kinds', () => {
  it('rate of rise (m/h over a window)', () => {
    const yellow = [{ name: '黄', severity: 2, threshold: 0.5 }];
    mon.upsertRule({ id: 'ror', streamId: 'z', kind: 'rate_of_rise', windowMinutes: 60, levels: yellow });
    // 0.2 m/h for an hour, then 1 m/h.
    for (let i = 0; i <= 12; i++) mon.ingest('z', [at(i * 5, 5 + (0.2 * i) / 12)]);
    expect(mon.alarms()).toHaveLength(0);
    for (let i = 13; i <= 24; i++) mon.ingest('z', [at(i * 5, 5.2 + (1.0 * (i - 12)) / 12)]);
    const a = mon.alarms({ open: true });
    expect(a).toMatchObject([{ level: '黄', ruleId: 'ror' }]);
    expect(a[0]!.value).toBeGreaterThanOrEqual(0.5);
  });

  it('accumulated rain over 1 h / 3 h / 24 h windows, clearing as the windows slide', () => {
    mon.upsertRule({
      id: 'acc',
      streamId: 'rain',
      stationId: 'st2',
      kind: 'accumulated_rain',
      levels: [
        { name: '黄', severity: 2, threshold: 30, windowMinutes: 60 },
        { name: '橙', severity: 3, threshold: 50, windowMinutes: 180 },
        { name: '红', severity: 4, threshold: 100, windowMinutes: 1440 },
      ],
    });
    // 12 mm per 10 min for 30 min → 36 mm in an hour: 黄.
    mon.ingest('rain', [at(10, 12), at(20, 12), at(30, 12)]);
    expect(mon.alarms({ open: true })[0]?.level).toBe('黄');
    // Light rain, 3 h total > 50 while the 1-h sum falls below 30: 橙 holds by its own window.
    mon.ingest('rain', [at(90, 8), at(120, 8)]);
    expect(mon.alarms({ open: true })[0]?.level).toBe('橙'); // 3-h sum 52
    // Rain stops: after 3 h the 3-h sum drops → cleared by the sliding window.
    now = T0 + 400 * MIN;
    mon.refreshRainWindows(now);
    expect(mon.alarms({ open: true })).toHaveLength(0);
    // 24-h total reaches 100 in steady rain of 5 mm / 30 min over 8 h (1 h = 10, 3 h = 30, 24 h = 52 + 80).
    now = T0 + 1100 * MIN;
    const pts = Array.from({ length: 16 }, (_, i) => at(600 + i * 30, 5));
    mon.ingest('rain', pts);
    expect(mon.alarms({ open: true })[0]?.level).toBe('红');
  });

  it('silence: no report for N minutes raises; the next report clears', () => {
    mon.upsertRule({ id: 'sil', streamId: 'z', stationId: 'st1', kind: 'silence', levels: [{ name: '静默', severity: 1, threshold: 30 }] });
    now = T0;
    mon.checkSilence(now); // never reported: nothing to measure
    expect(mon.alarms()).toHaveLength(0);
    mon.ingest('z', [at(0, 5)]);
    mon.checkSilence(T0 + 20 * MIN);
    expect(mon.alarms()).toHaveLength(0);
    mon.checkSilence(T0 + 31 * MIN);
    expect(mon.alarms({ open: true })).toMatchObject([{ level: '静默', stationId: 'st1' }]);
    now = T0 + 32 * MIN;
    mon.ingest('z', [at(32, 5.01)]);
    expect(mon.alarms({ open: true })).toHaveLength(0);
    expect(mon.alarmLog({ streamId: 'z' }).map((l) => l.action)).toEqual(['raise', 'clear']);
  });
});

describe('MonitoringService default rules and rollup', () => {
  it('builds demo default rules from the flood_stations layer and rolls up by station and area', () => {
    const ins = store.db.prepare(
      `INSERT INTO flood_stations (external_id, name, station_type, station_code, flood_limit, warning_level, guarantee_level, demo, props)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)`,
    );
    ins.run('0061200001', '水库', 'reservoir', '0061200001', 200, 202, 205, JSON.stringify({ element: 'ZU', subdistrict: '武当路街道' }));
    ins.run('0061100001', '河道', 'river', '0061100001', null, 10, 12, JSON.stringify({ element: 'Z', subdistrict: '武当路街道' }));
    ins.run('0061300001', '雨量', 'rain', '0061300001', null, null, null, JSON.stringify({ element: 'PJ' }));
    expect(mon.installDefaultRules()).toBe(3);
    expect(mon.installDefaultRules()).toBe(3); // idempotent
    const rules = mon.rules();
    expect(rules.map((r) => [r.id, r.kind, r.levels.map((l) => `${l.name}${l.threshold}`).join(',')])).toEqual([
      ['default:0061100001:level', 'level', '警戒10,保证12'],
      ['default:0061200001:level', 'level', '汛限200,警戒202,保证205'],
      ['default:0061300001:accumulated_rain', 'accumulated_rain', '黄30,橙50,红100'],
    ]);
    for (const [id, el] of [
      ['0061200001', 'ZU'],
      ['0061100001', 'Z'],
      ['0061300001', 'PJ'],
    ] as const) {
      mon.series.ensureStream({ id: `sl651:${id}:${el}`, stationId: id, element: el, source: 'sl651' });
    }
    mon.ingest('sl651:0061200001:ZU', [at(0, 201)]);
    mon.ingest('sl651:0061100001:Z', [at(0, 12.4)]);
    mon.ingest('sl651:0061300001:PJ', [at(0, 35)]);
    const r = mon.rollup();
    expect(r.stations.map((s) => [s.stationId, s.level, s.severity, s.area])).toEqual([
      ['0061100001', '保证', 4, '武当路街道'],
      ['0061200001', '汛限', 2, '武当路街道'],
      ['0061300001', '黄', 2, null],
    ]);
    expect(r.areas).toEqual([
      { area: '武当路街道', level: '保证', severity: 4, stations: 2 },
      { area: null, level: '黄', severity: 2, stations: 1 },
    ]);
  });

  it('a station whose props name no area is rolled up under the sub-district polygon that contains it', () => {
    const square = (x: number, y: number) => ({ type: 'Polygon' as const, coordinates: [[[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]] });
    const sub = store.db.prepare(`INSERT INTO subdistricts (external_id, name, geom) VALUES (?, ?, ?)`);
    sub.run('s1', '武当路街道', encodeGpkgGeometry(square(110.7, 32.6)));
    sub.run('s2', '二堰街道', encodeGpkgGeometry(square(110.8, 32.6)));
    const ins = store.db.prepare(
      `INSERT INTO flood_stations (external_id, name, station_type, station_code, warning_level, guarantee_level, props, geom) VALUES (?, ?, 'river', ?, 10, 12, ?, ?)`,
    );
    const point = (lon: number, lat: number) => encodeGpkgGeometry({ type: 'Point', coordinates: [lon, lat] });
    ins.run('0061100001', '甲', '0061100001', '{}', point(110.75, 32.65));
    ins.run('0061100002', '乙', '0061100002', '{}', point(110.85, 32.65));
    ins.run('0061100003', '丙', '0061100003', JSON.stringify({ subdistrict: '茅塔乡' }), point(110.85, 32.65));
    ins.run('0061100004', '丁', '0061100004', '{}', point(111.5, 33));
    mon.installDefaultRules();
    for (const [id, v] of [
      ['0061100001', 12.5],
      ['0061100002', 10.5],
      ['0061100003', 10.2],
      ['0061100004', 11],
    ] as const) {
      mon.series.ensureStream({ id: `sl651:${id}:Z`, stationId: id, element: 'Z', source: 'sl651' });
      mon.ingest(`sl651:${id}:Z`, [at(0, v)]);
    }
    expect(mon.rollup().areas).toEqual([
      { area: '武当路街道', level: '保证', severity: 4, stations: 1 },
      { area: null, level: '警戒', severity: 3, stations: 1 },
      { area: '二堰街道', level: '警戒', severity: 3, stations: 1 },
      { area: '茅塔乡', level: '警戒', severity: 3, stations: 1 },
    ]);
  });
});

