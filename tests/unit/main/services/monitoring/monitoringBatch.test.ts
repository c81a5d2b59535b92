import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MonitoringService } from '../../../../../main/services/monitoring/monitoringService';
import { openStore, type Store } from '../../../../../main/store/openStore';
import { tempDir } from '../../../../helpers/tempStore';

const T0 = Date.UTC(2026, 6, 1, 0, 0);
const MIN = 60_000;
const levels = [
  { name: '警戒', severity: 3, threshold: 10 },
  { name: '保证', severity: 4, threshold: 12 },
];
const at = (minutes: number, value: number) => ({ ts: T0 + minutes * MIN, value });

let store: Store;
let cleanup: () => void;
let mon: MonitoringService;
beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = openStore(join(t.dir, 's.gpkg'));
  mon = new MonitoringService(store.db, { now: () => T0 + 24 * 60 * MIN });
  mon.series.ensureStream({ id: 'z', stationId: 'st1', element: 'Z', source: 'test' });
  mon.upsertRule({ id: 'r1', streamId: 'z', stationId: 'st1', kind: 'level', levels, hysteresis: 0.05 });
});
afterEach(() => {
  store.close();
  cleanup();
});

describe('MonitoringService between transactions (rules and open alarms kept in memory)', () => {
  it('a rule changed through another service on the same store is used at the next report', () => {
    mon.ingest('z', [at(0, 9)]);
    const other = new MonitoringService(store.db);
    other.upsertRule({ id: 'r1', streamId: 'z', stationId: 'st1', kind: 'level', levels: [{ name: '警戒', severity: 3, threshold: 8 }], hysteresis: 0.05 });
    mon.ingest('z', [at(5, 9)]);
    expect(mon.alarms({ open: true })).toMatchObject([{ ruleId: 'r1', level: '警戒' }]);
  });

  it('an alarm acknowledged through another service is not re-activated by a de-escalation', () => {
    mon.ingest('z', [at(0, 12.5)]);
    const other = new MonitoringService(store.db);
    const open = other.alarms({ open: true })[0]!;
    other.acknowledge(open.id, 'duty1');
    mon.ingest('z', [at(5, 11)]);
    expect(mon.alarms({ open: true })).toMatchObject([{ level: '警戒', state: 'acknowledged' }]);
  });

  it('a rolled-back caller transaction leaves no remembered alarm: the next crossing raises again', () => {
    mon.ingest('z', [at(-5, 9)]);
    expect(() =>
      store.db.transaction(() => {
        mon.ingest('z', [at(0, 10.5)]);
        expect(mon.alarms({ open: true })).toHaveLength(1);
        throw new Error('caller gave up');
      })(),
    ).toThrow('caller gave up');
    expect(mon.alarms({ open: true })).toHaveLength(0);
    mon.ingest('z', [at(5, 10.6)]);
    expect(mon.alarmLog().filter((l) => l.action === 'raise')).toHaveLength(1);
    expect(mon.alarms({ open: true })).toMatchObject([{ level: '警戒', raisedAt: T0 + 5 * MIN }]);
  });

  it('a failed batch is forgotten: its points, alarms and evaluation positions', () => {
    expect(() =>
      mon.batch(() => {
        mon.ingest('z', [at(0, 12.5)]);
        throw new Error('store failed');
      }),
    ).toThrow('store failed');
    expect(mon.rule('r1')?.lastEvalTs).toBeNull();
    mon.batch(() => mon.ingest('z', [at(0, 12.5)]));
    expect(mon.alarms({ open: true })).toMatchObject([{ level: '保证' }]);
    expect(mon.rule('r1')?.lastEvalTs).toBe(T0);
  });
});
