import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CameraAnalysisError } from '../../../../../main/services/analysis/cameraAnalysisError';
import { CameraCoverage } from '../../../../../main/services/analysis/cameraCoverage';
import { toLocal } from '../../../../../main/services/analysis/cameraGeometry';
import type { Store } from '../../../../../main/store/openStore';
import { at, flatDem, openTestStore, ORIGIN, ridgeDem, syntheticDem, writeCameras } from './cameraTestStore';

let store: Store;
let cleanup: () => void;

beforeEach(() => {
  ({ store, cleanup } = openTestStore());
});
afterEach(() => cleanup());

const ids = (r: { cameras: { cameraId: string }[] }) => r.cameras.map((c) => c.cameraId);

describe('CameraCoverage.camerasSeeing', () => {
  it('sees a point in range and in the field of view; a ridge between them hides it', () => {
    writeCameras(store, [{ id: 'A', east: 0, north: 0, heading: 90, hfov: 60, range: 200, height: 6 }]);
    const cov = new CameraCoverage(store.db);
    const p = at(150, 0);
    const open = cov.camerasSeeing(p);
    expect(open.terrain).toBe(false);
    expect(open.cameras).toMatchObject([{ cameraId: 'A', inFov: true, sees: true, terrainChecked: false, occludedBy: null }]);
    expect(open.cameras[0]!.distanceM).toBeCloseTo(150, 0);
    expect(open.cameras[0]!.bearing).toBeCloseTo(90, 1);

    expect(cov.camerasSeeing(p, { terrain: flatDem() }).cameras).toMatchObject([{ cameraId: 'A', sees: true, terrainChecked: true }]);

    const hidden = cov.camerasSeeing(p, { terrain: ridgeDem() });
    expect(hidden.cameras).toEqual([]);
    const why = cov.camerasSeeing(p, { terrain: ridgeDem(), includeHidden: true }).cameras[0]!;
    expect(why).toMatchObject({ cameraId: 'A', inFov: true, sees: false, terrainChecked: true });
    expect(why.occludedBy!.distanceM).toBeGreaterThanOrEqual(78);
    expect(why.occludedBy!.distanceM).toBeLessThanOrEqual(90);
    expect(why.occludedBy!.groundM).toBeGreaterThan(240);
    expect(why.occludedBy!.sightLineM).toBeLessThan(why.occludedBy!.groundM);
    // In front of the ridge the same camera still sees.
    expect(ids(cov.camerasSeeing(at(60, 0), { terrain: ridgeDem() }))).toEqual(['A']);
  });

  it('uses the DEM given to the constructor unless the call overrides it', () => {
    writeCameras(store, [{ id: 'A', east: 0, north: 0 }]);
    const cov = new CameraCoverage(store.db, ridgeDem());
    expect(cov.camerasSeeing(at(150, 0)).cameras).toEqual([]);
    expect(ids(cov.camerasSeeing(at(150, 0), { terrain: null }))).toEqual(['A']);
  });

  it('excludes a point outside the horizontal field of view of a fixed camera', () => {
    writeCameras(store, [{ id: 'A', east: 0, north: 0, heading: 90, hfov: 60 }]);
    const cov = new CameraCoverage(store.db);
    expect(cov.camerasSeeing(at(0, 150)).cameras).toEqual([]); // due north
    expect(cov.camerasSeeing(at(0, 150), { includeHidden: true }).cameras).toMatchObject([{ cameraId: 'A', inFov: false, sees: false }]);
    // 29° and 31° off the heading for a 60° field of view.
    const rad = Math.PI / 180;
    expect(ids(cov.camerasSeeing(at(100 * Math.sin(61 * rad), 100 * Math.cos(61 * rad))))).toEqual(['A']);
    expect(ids(cov.camerasSeeing(at(100 * Math.sin(59 * rad), 100 * Math.cos(59 * rad))))).toEqual([]);
  });

  it('limits by horizontal range', () => {
    writeCameras(store, [{ id: 'A', east: 0, north: 0, range: 200 }]);
    const cov = new CameraCoverage(store.db);
    expect(ids(cov.camerasSeeing(at(199, 0)))).toEqual(['A']);
    expect(ids(cov.camerasSeeing(at(201, 0)))).toEqual([]);
    expect(ids(cov.camerasSeeing(at(201, 0), { includeHidden: true }))).toEqual([]);
  });

  it('treats a PTZ camera as panning all round, a dome as its hfov unless props widen it', () => {
    writeCameras(store, [
      { id: 'PTZ', east: 0, north: 0, camType: 'ptz', heading: 0, hfov: 40, range: 200 },
      { id: 'DOME', east: 1, north: 0, camType: 'dome', heading: 0, hfov: 90, range: 200 },
      { id: 'DOMEPAN', east: 2, north: 0, camType: 'dome', heading: 0, hfov: 90, range: 200, props: { pan_deg: 300 } },
      { id: 'PTZLIM', east: 3, north: 0, camType: 'ptz', heading: 0, hfov: 40, range: 200, props: { pan_deg: 100 } },
    ]);
    const cov = new CameraCoverage(store.db);
    for (const [e, n] of [[0, 150], [150, 0], [0, -150], [-150, 0], [-100, -100]] as const) {
      expect(ids(cov.camerasSeeing(at(e, n)))).toContain('PTZ');
      expect(ids(cov.camerasSeeing(at(e, n)))).toContain('DOMEPAN');
    }
    expect(ids(cov.camerasSeeing(at(0, 150)))).toContain('DOME');
    expect(ids(cov.camerasSeeing(at(0, -150)))).not.toContain('DOME');
    // A PTZ whose pan is limited to 100° + 40° hfov: ±70° around north.
    expect(ids(cov.camerasSeeing(at(100, 100)))).toContain('PTZLIM');
    expect(ids(cov.camerasSeeing(at(0, -150)))).not.toContain('PTZLIM');
  });

  it('sorts by distance, honours maxResults and leaves out offline cameras unless asked', () => {
    writeCameras(store, [
      { id: 'FAR', east: 180, north: 0, camType: 'ptz' },
      { id: 'NEAR', east: 10, north: 0, camType: 'ptz' },
      { id: 'MID', east: -60, north: 30, camType: 'ptz' },
      { id: 'OFF', east: 5, north: 0, camType: 'ptz', status: 'offline' },
      { id: 'FAULT', east: 0, north: 20, camType: 'ptz', status: 'fault' },
    ]);
    const cov = new CameraCoverage(store.db);
    const r = cov.camerasSeeing(ORIGIN);
    expect(ids(r)).toEqual(['NEAR', 'MID', 'FAR']);
    const d = r.cameras.map((c) => c.distanceM);
    expect(d).toEqual([...d].sort((a, b) => a - b));
    expect(d[1]).toBeCloseTo(Math.hypot(60, 30), 0);
    expect(ids(cov.camerasSeeing(ORIGIN, { maxResults: 2 }))).toEqual(['NEAR', 'MID']);
    expect(ids(cov.camerasSeeing(ORIGIN, { includeOffline: true }))).toEqual(['OFF', 'NEAR', 'FAULT', 'MID', 'FAR']);
    expect(cov.camerasSeeing(ORIGIN, { includeOffline: true }).cameras[0]).toMatchObject({ status: 'offline' });
  });

  it('asks the R-tree only for the box of the largest range, and sees a newly added longer-range camera', () => {
    const far = Array.from({ length: 400 }, (_, i) => ({ id: `F${i}`, east: 3000 + (i % 20) * 50, north: 3000 + Math.floor(i / 20) * 50, camType: 'ptz' as const }));
    writeCameras(store, [{ id: 'A', east: 0, north: 0, camType: 'ptz', range: 150 }, ...far]);
    const cov = new CameraCoverage(store.db);
    const r = cov.camerasSeeing(at(20, 0));
    expect(r.searchRadiusM).toBe(200);
    expect(r.candidates).toBe(1);
    expect(ids(r)).toEqual(['A']);
    writeCameras(store, [{ id: 'LONG', east: 2000, north: 0, camType: 'ptz', range: 2500 }]);
    const again = cov.camerasSeeing(at(20, 0));
    expect(again.searchRadiusM).toBe(2500);
    expect(ids(again)).toEqual(['A', 'LONG']);
    expect(again.candidates).toBeLessThan(50);
  });

  it('skips candidates that lack what the rules need, naming the field', () => {
    writeCameras(store, [
      { id: 'NORANGE', east: 0, north: 0, range: null },
      { id: 'NOHEAD', east: 5, north: 0, heading: null },
      { id: 'NOFOV', east: 10, north: 0, hfov: null },
      { id: 'OK', east: 15, north: 0 },
    ]);
    const r = new CameraCoverage(store.db).camerasSeeing(at(100, 0));
    expect(ids(r)).toEqual(['OK']);
    expect(r.skipped).toEqual([
      { cameraId: 'NORANGE', reason: 'range_m is missing or not > 0' },
      { cameraId: 'NOHEAD', reason: 'heading is missing' },
      { cameraId: 'NOFOV', reason: 'hfov is missing or not > 0' },
    ]);
  });

  it('refuses bad input with an error naming the field', () => {
    const cov = new CameraCoverage(store.db);
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as CameraAnalysisError;
      }
      throw new Error('no error');
    };
    expect(err(() => cov.camerasSeeing({ lon: 200, lat: 32 }))).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('lon 200') });
    expect(err(() => cov.camerasSeeing({ lon: 110, lat: Number.NaN }))).toMatchObject({ message: expect.stringContaining('lat NaN') });
    expect(err(() => cov.camerasSeeing({ lon: 110, lat: 32, height: -1 }))).toMatchObject({ message: expect.stringContaining('height -1') });
    expect(err(() => cov.camerasSeeing(ORIGIN, { maxResults: 0 }))).toMatchObject({ message: expect.stringContaining('maxResults 0') });
    expect(err(() => cov.coverageOf('NOPE'))).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('"NOPE"') });
    expect(err(() => cov.coverageOf(12345))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('applies earth curvature: a 10 m mast over flat ground loses a person 30 km away but not 10 km away', () => {
    const dem = syntheticDem(40_000, 250, () => 0);
    writeCameras(store, [{ id: 'MAST', east: 0, north: 0, camType: 'ptz', range: 35_000, height: 10 }]);
    const cov = new CameraCoverage(store.db, dem);
    expect(ids(cov.camerasSeeing(at(10_000, 0)))).toEqual(['MAST']);
    const far = cov.camerasSeeing(at(30_000, 0), { includeHidden: true }).cameras[0]!;
    expect(far.sees).toBe(false);
    expect(far.occludedBy!.groundM).toBe(0);
  });
});

describe('CameraCoverage.coverageOf', () => {
  it('is the full sector without terrain and shrinks behind a ridge', () => {
    writeCameras(store, [{ id: 'A', east: 0, north: 0, heading: 90, hfov: 60, range: 200 }]);
    const cov = new CameraCoverage(store.db);
    const open = cov.coverageOf('A');
    expect(open).toMatchObject({ cameraId: 'A', allRound: false, heading: 90, widthDeg: 60, rays: 31, occludedRays: 0, terrain: false });
    const sectorArea = (Math.PI * 200 * 200 * 60) / 360;
    // The polygon is inscribed in the arc: within 0.2 % of the true sector.
    expect(open.areaM2).toBeGreaterThan(sectorArea * 0.998);
    expect(open.areaM2).toBeLessThanOrEqual(sectorArea);
    const ring = open.polygon.coordinates[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ring).toHaveLength(31 + 2);

    const blocked = cov.coverageOf('A', { terrain: ridgeDem() });
    expect(blocked.terrain).toBe(true);
    expect(blocked.occludedRays).toBe(31);
    expect(blocked.areaM2).toBeLessThan(open.areaM2 * 0.3);
    // Every ray end lies at or just past the ridge's near face, none beyond its far side.
    for (const [lon, lat] of blocked.polygon.coordinates[0]!.slice(1, -1)) {
      const { x } = toLocal(ORIGIN.lon, ORIGIN.lat, lon!, lat!);
      expect(x).toBeGreaterThan(75);
      expect(x).toBeLessThan(90);
    }
    expect(cov.coverageOf('A', { terrain: flatDem() }).occludedRays).toBe(0);
  });

  it('agrees with camerasSeeing along a ray: just inside the cut is seen, just beyond is hidden', () => {
    writeCameras(store, [{ id: 'A', east: 0, north: 0, heading: 90, hfov: 60, range: 200 }]);
    const dem = ridgeDem();
    const cov = new CameraCoverage(store.db, dem);
    const cov90 = cov.coverageOf('A', { rayStepDeg: 2 });
    const ring = cov90.polygon.coordinates[0]!;
    const mid = ring[1 + 15]!; // the ray along the heading
    const reach = toLocal(ORIGIN.lon, ORIGIN.lat, mid[0]!, mid[1]!).x;
    expect(ids(cov.camerasSeeing(at(reach - 6, 0)))).toEqual(['A']);
    expect(ids(cov.camerasSeeing(at(reach + 6, 0)))).toEqual([]);
  });

  it('draws an all-round ring for a PTZ camera, cut only where the ridge stands', () => {
    writeCameras(store, [{ id: 'P', east: 0, north: 0, camType: 'ptz', range: 200 }]);
    const cov = new CameraCoverage(store.db);
    const open = cov.coverageOf('P');
    expect(open).toMatchObject({ allRound: true, heading: null, widthDeg: 360, rays: 180 });
    expect(open.areaM2).toBeGreaterThan(Math.PI * 200 * 200 * 0.999);
    const ridge = cov.coverageOf('P', { terrain: ridgeDem() });
    expect(ridge.occludedRays).toBeGreaterThan(40);
    expect(ridge.occludedRays).toBeLessThan(90);
    expect(ridge.areaM2).toBeLessThan(open.areaM2);
    expect(ridge.areaM2).toBeGreaterThan(open.areaM2 * 0.5);
  });

  it('finds a camera by fid too and refuses one without a range', () => {
    writeCameras(store, [{ id: 'A', east: 0, north: 0 }, { id: 'B', east: 5, north: 0, range: null }]);
    const cov = new CameraCoverage(store.db);
    const fid = cov.camera('A').fid;
    expect(cov.coverageOf(fid).cameraId).toBe('A');
    expect(() => cov.coverageOf('B')).toThrow(/camera B: range_m is missing/);
  });
});
