import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MonitoringService } from '../../../../../main/services/monitoring/monitoringService';
import type { MonitoringEvent } from '../../../../../main/services/monitoring/monitoringTypes';
import { encodeSl651Report } from '../../../../../main/sources/sl651/encodeSl651Report';
import { parseSl651Frame } from '../../../../../main/sources/sl651/parseSl651Frame';
import { Sl651Ingest, type Sl651IngestItem } from '../../../../../main/sources/sl651/sl651Ingest';
import { openStore, type Store } from '../../../../../main/store/openStore';
import { tempDir } from '../../../../helpers/tempStore';

const T0 = Date.UTC(2026, 6, 1, 0, 0);
const NOW = T0 + 24 * 3_600_000;
const STEP = 300_000;
const A = '0061100001';
const B = '0061100002';
const UNKNOWN = '0061199999';

let store: Store;
let cleanup: () => void;
let events: MonitoringEvent[];
let monitoring: MonitoringService;
let ingest: Sl651Ingest;

beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = openStore(join(t.dir, 's.gpkg'));
  const add = store.db.prepare(
    `INSERT INTO flood_stations (external_id, name, station_type, station_code, warning_level, guarantee_level, geom) VALUES (?, ?, 'river', ?, 231, 231.4, NULL)`,
  );
  add.run(A, '甲站', A);
  add.run(B, '乙站', B);
  events = [];
  monitoring = new MonitoringService(store.db, { now: () => NOW, onEvent: (e) => events.push(e) });
  monitoring.installDefaultRules();
  ingest = new Sl651Ingest(store.db, monitoring, { now: () => NOW });
});
afterEach(() => {
  store.close();
  cleanup();
});

const item = (station: string, k: number, value: number): Sl651IngestItem => {
  const bytes = encodeSl651Report({ station, observedAt: T0 + k * STEP, serial: k, elements: [{ id: 'Z', value }] });
  const r = parseSl651Frame(bytes);
  if (!r.ok) throw new Error(r.error.reason);
  return { frame: r.frame, bytes };
};
const values = (station: string) =>
  (store.db.prepare(`SELECT value FROM ts_observations WHERE stream_id = ? ORDER BY ts`).all(`sl651:${station}:Z`) as { value: number }[]).map((r) => r.value);
const raises = () => events.filter((e) => e.type === 'alarm' && e.transition.action === 'raise').map((e) => (e.type === 'alarm' ? e.transition.alarm.stationId : null));

describe('Sl651Ingest.ingestMany (a burst, one commit)', () => {
  it('stores every frame of a burst, raises alarms after the commit, and holds unknown stations', () => {
    const out = ingest.ingestMany([item(A, 0, 230.5), item(B, 0, 231.2), item(UNKNOWN, 0, 100), item(A, 1, 231.1)]);
    expect(out.map((o) => o.ok)).toEqual([true, true, true, true]);
    expect(values(A)).toEqual([230.5, 231.1]);
    expect(values(B)).toEqual([231.2]);
    expect(values(UNKNOWN)).toEqual([100]);
    expect(raises().sort()).toEqual([A, B]);
    expect(ingest.unregistered().map((u) => u.stationAddr)).toEqual([UNKNOWN]);
    const result = out[3]!.ok ? out[3]!.result : null;
    expect(result).toMatchObject({ stationAddr: A, station: { name: '甲站' }, streams: [{ element: 'Z', inserted: 1 }] });
    expect(result?.transitions.map((t) => t.action)).toEqual(['raise']);
  });

  it('the same reports give the same alarms in bursts as one frame at a time', () => {
    const series = Array.from({ length: 60 }, (_, k) => [item(A, k, 230 + 1.5 * Math.sin(k / 4)), item(B, k, 230 + 1.6 * Math.cos(k / 5))]);
    for (const burst of series) ingest.ingestMany(burst);
    const bursts = monitoring.alarmLog().map((l) => `${l.stationId}:${l.action}:${l.toLevel}:${l.ts}`);

    const t = tempDir();
    const other = openStore(join(t.dir, 'o.gpkg'));
    try {
      const add = other.db.prepare(
        `INSERT INTO flood_stations (external_id, name, station_type, station_code, warning_level, guarantee_level, geom) VALUES (?, ?, 'river', ?, 231, 231.4, NULL)`,
      );
      add.run(A, '甲站', A);
      add.run(B, '乙站', B);
      const m = new MonitoringService(other.db, { now: () => NOW });
      m.installDefaultRules();
      const single = new Sl651Ingest(other.db, m, { now: () => NOW });
      for (const burst of series) for (const i of burst) single.ingest(i.frame, i.bytes);
      expect(bursts.length).toBeGreaterThan(4);
      expect(m.alarmLog().map((l) => `${l.stationId}:${l.action}:${l.toLevel}:${l.ts}`)).toEqual(bursts);
    } finally {
      other.close();
      t.cleanup();
    }
  });

  it('a frame the store refuses costs only itself: the rest of the burst is stored, its events go out', () => {
    store.db.exec(`CREATE TEMP TRIGGER refuse_b BEFORE INSERT ON ts_observations WHEN NEW.stream_id = 'sl651:${B}:Z' BEGIN SELECT RAISE(ABORT, 'disk quota for B'); END`);
    const out = ingest.ingestMany([item(A, 0, 231.3), item(B, 0, 231.3), item(A, 1, 231.35)]);
    expect(out.map((o) => (o.ok ? 'ok' : o.error.message))).toEqual(['ok', 'disk quota for B', 'ok']);
    expect(values(A)).toEqual([231.3, 231.35]);
    expect(values(B)).toEqual([]);
    expect(raises()).toEqual([A]);
    // After the failure the service still knows the state: B raises on its next report, A does not raise again.
    store.db.exec(`DROP TRIGGER refuse_b`);
    events = [];
    ingest.ingestMany([item(A, 2, 231.36), item(B, 2, 231.3)]);
    expect(raises()).toEqual([B]);
  });
});
