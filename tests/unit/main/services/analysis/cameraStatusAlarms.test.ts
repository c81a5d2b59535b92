import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CameraStatusTransition } from '../../../../../main/services/analysis/cameraHealth';
import { CameraStatusAlarms, cameraOfflineRuleId, cameraStatusStreamId } from '../../../../../main/services/analysis/cameraStatusAlarms';
import { MonitoringService } from '../../../../../main/services/monitoring/monitoringService';
import type { MonitoringEvent } from '../../../../../main/services/monitoring/monitoringTypes';
import type { Store } from '../../../../../main/store/openStore';
import { openTestStore } from './cameraTestStore';

const T0 = Date.UTC(2026, 6, 1);
const MIN = 60_000;
let store: Store;
let cleanup: () => void;
let mon: MonitoringService;
let events: MonitoringEvent[];
let alarms: CameraStatusAlarms;

beforeEach(() => {
  ({ store, cleanup } = openTestStore());
  events = [];
  mon = new MonitoringService(store.db, { now: () => T0 + 60 * MIN, onEvent: (e) => events.push(e) });
  alarms = new CameraStatusAlarms(store.db, mon);
});
afterEach(() => cleanup());

const t = (cameraId: string, from: CameraStatusTransition['from'], to: CameraStatusTransition['to'], change: CameraStatusTransition['change']): CameraStatusTransition => ({
  cameraId,
  name: `路口球机 ${cameraId}`,
  from,
  to,
  change,
});

describe('CameraStatusAlarms', () => {
  it('raises a severity-1 alarm when a camera goes offline, escalates on fault, clears when it is back', () => {
    alarms.apply([t('CAM1', 'online', 'offline', 'down')], T0);
    expect(mon.alarms({ open: true })).toMatchObject([{ ruleId: cameraOfflineRuleId('CAM1'), streamId: cameraStatusStreamId('CAM1'), level: '离线 Offline', severity: 1, state: 'active' }]);
    expect(events.map((e) => (e.type === 'alarm' ? e.transition.action : e.type))).toEqual(['raise']);
    expect(mon.series.stream(cameraStatusStreamId('CAM1'))).toMatchObject({ name: '路口球机 CAM1 在线状态 Online status', element: 'CAMST', source: 'cameras' });

    alarms.apply([t('CAM1', 'offline', 'fault', 'changed')], T0 + MIN);
    expect(mon.alarms({ open: true })).toMatchObject([{ level: '故障 Fault', severity: 1 }]);
    alarms.apply([t('CAM1', 'fault', 'online', 'up')], T0 + 2 * MIN);
    expect(mon.alarms({ open: true })).toEqual([]);
    expect(mon.alarmLog().map((l) => `${l.action}:${l.toLevel ?? '-'}`)).toEqual(['raise:离线 Offline', 'escalate:故障 Fault', 'clear:-']);
  });

  it('clears the alarm of a camera that left the layer, and keeps a rule an operator disabled', () => {
    alarms.apply([t('CAM1', 'online', 'offline', 'down')], T0);
    alarms.apply([t('CAM1', 'offline', null, 'removed')], T0 + MIN);
    expect(mon.alarms({ open: true })).toEqual([]);
    const rule = mon.rule(cameraOfflineRuleId('CAM1'))!;
    mon.upsertRule({ ...rule, enabled: false });
    alarms.apply([t('CAM1', 'online', 'offline', 'down')], T0 + 2 * MIN);
    expect(mon.rule(cameraOfflineRuleId('CAM1'))!.enabled).toBe(false);
    expect(mon.alarms({ open: true })).toEqual([]);
  });

  it('changes nothing and sends no event when one transition is refused', () => {
    expect(() => alarms.apply([t('CAM1', 'online', 'offline', 'down'), t('', 'online', 'offline', 'down')], T0)).toThrow(/no cameraId/);
    expect(() => alarms.apply([t('CAM2', 'online', 'offline', 'down')], T0 + 24 * 60 * MIN)).toThrow(/CAM2: status point refused .*future/);
    expect(() => alarms.apply([], Number.NaN)).toThrow(/at NaN/);
    expect(mon.alarms()).toEqual([]);
    expect(mon.rules()).toEqual([]);
    expect(mon.alarmLog()).toEqual([]);
    expect(mon.series.stream(cameraStatusStreamId('CAM1'))).toBeNull();
    expect(events).toEqual([]);
  });
});
