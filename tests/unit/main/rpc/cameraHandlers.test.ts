import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cameraMethods } from '../../../../preload/contract/cameraMethods';
import { createCameraHandlers, type CameraHandlers } from '../../../../main/rpc/cameraHandlers';
import { CameraCoverage } from '../../../../main/services/analysis/cameraCoverage';
import { CameraHealth } from '../../../../main/services/analysis/cameraHealth';
import type { Store } from '../../../../main/store/openStore';
import { at, openTestStore, ridgeDem, writeCameras } from '../services/analysis/cameraTestStore';

let store: Store;
let cleanup: () => void;
let handlers: CameraHandlers;
beforeEach(() => {
  ({ store, cleanup } = openTestStore());
  writeCameras(store, [
    { id: 'A', east: 0, north: 0, heading: 90, hfov: 60, range: 200 },
    { id: 'P', east: 10, north: 10, camType: 'ptz', status: 'offline' },
  ]);
  handlers = createCameraHandlers(new CameraCoverage(store.db, ridgeDem()), new CameraHealth(store.db));
});
afterEach(() => cleanup());

/** What dispatch does: parse the input with the contract, call, and check the answer against the output schema. */
function call<M extends keyof CameraHandlers>(method: M, raw: unknown) {
  const spec = cameraMethods[method];
  const input = spec.input.parse(raw) as Parameters<CameraHandlers[M]>[0];
  const out = (handlers[method] as (i: typeof input) => unknown)(input);
  return spec.output.parse(out) as ReturnType<CameraHandlers[M]>;
}

describe('camera handlers through the contract', () => {
  it('cameras.seeing applies the contract defaults and answers inside the contract', () => {
    const r = call('cameras.seeing', at(60, 0));
    expect(r.point.height).toBe(1.5);
    expect(r.terrain).toBe(true);
    expect(r.cameras.map((c) => c.cameraId)).toEqual(['A']);
    const all = call('cameras.seeing', { ...at(150, 0), includeOffline: true, includeHidden: true });
    // Both behind the ridge: listed (includeHidden) with where the terrain cuts the sight line.
    expect(all.cameras.map((c) => [c.cameraId, c.sees, c.occludedBy !== null])).toEqual([
      ['P', false, true],
      ['A', false, true],
    ]);
  });

  it('cameras.coverage and cameras.health answer inside the contract', () => {
    const c = call('cameras.coverage', { cameraId: 'A' });
    expect(c).toMatchObject({ cameraId: 'A', terrain: true, occludedRays: 31 });
    const h = call('cameras.health', {});
    expect(h.totals).toEqual({ total: 2, online: 1, offline: 1, fault: 0, unknown: 0, onlinePct: 50 });
  });

  it('the contract refuses bad input before a handler runs, naming the field', () => {
    const bad = (m: keyof typeof cameraMethods, raw: unknown) => {
      const r = cameraMethods[m].input.safeParse(raw);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(bad('cameras.seeing', { lon: 111, lat: 95 })).toEqual(['lat']);
    expect(bad('cameras.seeing', { lon: 111, lat: 32, maxResults: 0 })).toEqual(['maxResults']);
    expect(bad('cameras.seeing', { lon: 111, lat: 32, extra: 1 })).toEqual(['']);
    expect(bad('cameras.coverage', { cameraId: '' })).toEqual(['cameraId']);
    expect(bad('cameras.health', { x: 1 })).toEqual(['']);
  });

  it('an unknown camera is NOT_FOUND', () => {
    expect(() => call('cameras.coverage', { cameraId: 'NOPE' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
