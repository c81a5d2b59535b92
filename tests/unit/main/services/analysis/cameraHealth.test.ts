import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CameraHealth, offlineTransitions, summarizeCameraHealth, type CameraStatusEntry } from '../../../../../main/services/analysis/cameraHealth';
import { layerSchema } from '../../../../../main/store/layerSchemas';
import { LayerWriter } from '../../../../../main/store/layerWriter';
import type { Store } from '../../../../../main/store/openStore';
import { at, openTestStore, writeCameras } from './cameraTestStore';

let store: Store;
let cleanup: () => void;
beforeEach(() => {
  ({ store, cleanup } = openTestStore());
});
afterEach(() => cleanup());

/** Two square sub-districts: 西区 west of ORIGIN, 东区 east of it (each 1 km wide), 东区 with a 100 m hole. */
function writeSubdistricts(): void {
  const sq = (w: number, s: number, e: number, n: number) => [at(w, s), at(e, s), at(e, n), at(w, n), at(w, s)].map((p) => [p.lon, p.lat]);
  const writer = new LayerWriter(store.db, layerSchema('subdistricts')!);
  const r = { inserted: 0, updated: 0 };
  store.db.transaction(() => {
    writer.write({ external_id: 'W', name: '西区', geometry: { type: 'MultiPolygon', coordinates: [[sq(-1000, -500, 0, 500)]] }, columns: {}, demo: true }, r);
    writer.write({ external_id: 'E', name: '东区', geometry: { type: 'Polygon', coordinates: [sq(0, -500, 1000, 500), sq(400, -50, 500, 50)] }, columns: {}, demo: true }, r);
    writer.finish('test', true);
  })();
}

describe('CameraHealth', () => {
  it('counts online/offline/fault per department and per area, with totals and online %', () => {
    writeSubdistricts();
    writeCameras(store, [
      { id: 'C1', east: -500, north: 0, status: 'online', department: '公安茅箭分局' },
      { id: 'C2', east: -400, north: 0, status: 'offline', department: '公安茅箭分局' },
      { id: 'C3', east: 300, north: 0, status: 'online', department: '区城管执法局' },
      { id: 'C4', east: 200, north: 100, status: 'fault', department: '公安茅箭分局' },
      { id: 'C5', east: 450, north: 0, status: 'online', department: null }, // in the hole of 东区
      { id: 'C6', east: 5000, north: 0, status: null, department: '区城管执法局', props: { subdistrict: '武当路街道' } },
      { id: 'C7', east: 3000, north: 0, status: 'online', department: ' ' },
    ]);
    const s = new CameraHealth(store.db).summary();
    expect(s.totals).toEqual({ total: 7, online: 4, offline: 1, fault: 1, unknown: 1, onlinePct: 57.1 });
    expect(s.byDepartment).toEqual([
      { department: '公安茅箭分局', total: 3, online: 1, offline: 1, fault: 1, unknown: 0, onlinePct: 33.3 },
      { department: '区城管执法局', total: 2, online: 1, offline: 0, fault: 0, unknown: 1, onlinePct: 50 },
      { department: null, total: 2, online: 2, offline: 0, fault: 0, unknown: 0, onlinePct: 100 },
    ]);
    expect(s.byArea).toEqual([
      { area: '东区', total: 2, online: 1, offline: 0, fault: 1, unknown: 0, onlinePct: 50 },
      { area: '西区', total: 2, online: 1, offline: 1, fault: 0, unknown: 0, onlinePct: 50 },
      { area: '武当路街道', total: 1, online: 0, offline: 0, fault: 0, unknown: 1, onlinePct: 0 },
      { area: null, total: 2, online: 2, offline: 0, fault: 0, unknown: 0, onlinePct: 100 },
    ]);
  });

  it('answers zeros with a null percentage for an empty layer', () => {
    expect(new CameraHealth(store.db).summary()).toEqual({
      totals: { total: 0, online: 0, offline: 0, fault: 0, unknown: 0, onlinePct: null },
      byDepartment: [],
      byArea: [],
    });
  });

  it('reads a status it does not know as unknown', () => {
    writeCameras(store, [{ id: 'C1', east: 0, north: 0, status: 'online' }]);
    store.db.prepare(`UPDATE cameras SET status = 'maintenance'`).run();
    expect(new CameraHealth(store.db).snapshot()).toMatchObject([{ cameraId: 'C1', status: null }]);
  });
});

const entry = (cameraId: string, status: CameraStatusEntry['status']): CameraStatusEntry => ({ cameraId, name: `n${cameraId}`, status, department: null, area: null });

describe('offlineTransitions', () => {
  it('reports down, up, changed and removed; a first sighting is the baseline', () => {
    const prev = [entry('a', 'online'), entry('b', 'offline'), entry('c', 'offline'), entry('d', 'online'), entry('e', 'online'), entry('f', null)];
    const cur = [entry('a', 'offline'), entry('b', 'online'), entry('c', 'fault'), entry('d', 'online'), entry('f', 'fault'), entry('g', 'offline')];
    expect(offlineTransitions(prev, cur)).toEqual([
      { cameraId: 'a', name: 'na', from: 'online', to: 'offline', change: 'down' },
      { cameraId: 'b', name: 'nb', from: 'offline', to: 'online', change: 'up' },
      { cameraId: 'c', name: 'nc', from: 'offline', to: 'fault', change: 'changed' },
      { cameraId: 'e', name: 'ne', from: 'online', to: null, change: 'removed' },
      { cameraId: 'f', name: 'nf', from: null, to: 'fault', change: 'down' },
    ]);
    expect(offlineTransitions(cur, cur)).toEqual([]);
  });

  it('follows a camera through a store update', () => {
    writeCameras(store, [{ id: 'C1', east: 0, north: 0 }, { id: 'C2', east: 10, north: 0 }]);
    const health = new CameraHealth(store.db);
    const before = health.snapshot();
    writeCameras(store, [{ id: 'C2', east: 10, north: 0, status: 'offline' }]);
    expect(offlineTransitions(before, health.snapshot())).toMatchObject([{ cameraId: 'C2', change: 'down' }]);
    expect(summarizeCameraHealth(health.snapshot()).totals.offline).toBe(1);
  });
});
