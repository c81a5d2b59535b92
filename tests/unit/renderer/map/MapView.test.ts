import { describe, expect, it } from 'vitest';
import { focusCamera, type FocusView } from '../../../../renderer/map/MapView';

const M = 111_320;
const rad = (d: number) => (d * Math.PI) / 180;

/**
 * Where a target lands on screen (CSS px) for a camera at `cam` looking north, 45° down: an independent pinhole
 * projection in local east-north-up metres (Cesium's perspective frustum: `fov` across the wider side).
 */
function screenOf(target: { lon: number; lat: number; h: number }, cam: { lon: number; lat: number; height: number }, view: FocusView) {
  const d = [(target.lon - cam.lon) * M * Math.cos(rad(target.lat)), (target.lat - cam.lat) * M, target.h - cam.height];
  const fwd = [0, Math.SQRT1_2, -Math.SQRT1_2];
  const up = [0, Math.SQRT1_2, Math.SQRT1_2];
  const dot = (a: number[], b: number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
  const aspect = view.width / view.height;
  const tanX = aspect >= 1 ? Math.tan(view.fov / 2) : Math.tan(view.fov / 2) * aspect;
  const tanY = tanX / aspect;
  const z = dot(d, fwd);
  return { x: view.width / 2 + (d[0]! / z / tanX) * (view.width / 2), y: view.height / 2 - (dot(d, up) / z / tanY) * (view.height / 2) };
}

const view: FocusView = { width: 1920, height: 990, fov: rad(60) };
const target = { lon: 110.79, lat: 32.62, height: 700 };

describe('focusCamera', () => {
  it('without docks the target lands in the middle of the canvas', () => {
    const cam = focusCamera(target, view);
    expect(cam.height).toBe(700);
    const p = screenOf({ lon: target.lon, lat: target.lat, h: 0 }, cam, view);
    expect(p.x).toBeCloseTo(960, 3);
    expect(p.y).toBeCloseTo(495, 3);
  });

  it('with docks the target lands in the middle of the free part, not under the right dock', () => {
    const insets = { left: 470, right: 720 };
    const cam = focusCamera(target, { ...view, insets });
    const p = screenOf({ lon: target.lon, lat: target.lat, h: 0 }, cam, { ...view, insets });
    expect(p.x).toBeCloseTo((470 + 1920 - 720) / 2, 3);
    expect(p.y).toBeCloseTo(495, 3);
    // A portrait canvas (the fov is then vertical) and a left dock only.
    const tall: FocusView = { width: 900, height: 1600, fov: rad(60), insets: { left: 300, right: 0 } };
    const q = screenOf({ lon: target.lon, lat: target.lat, h: 0 }, focusCamera(target, tall), tall);
    expect(q.x).toBeCloseTo(600, 3);
  });

  it('uses the terrain height under the target when it is known', () => {
    const v = { ...view, insets: { left: 0, right: 600 }, groundHeight: 260 };
    const cam = focusCamera(target, v);
    const p = screenOf({ lon: target.lon, lat: target.lat, h: 260 }, cam, v);
    expect(p.x).toBeCloseTo(660, 3);
    expect(p.y).toBeCloseTo(495, 3);
    // Unknown terrain, or a camera below it (underground): the height counts from the ellipsoid, as before.
    expect(focusCamera(target, { ...view, groundHeight: 900 })).toEqual(focusCamera(target, view));
  });

  it('keeps the target on the canvas when the docks cover almost all of it', () => {
    const cam = focusCamera(target, { ...view, insets: { left: 900, right: 900 } });
    expect(cam).toEqual(focusCamera(target, view));
    const lopsided: FocusView = { ...view, insets: { left: 0, right: 1500 } };
    const p = screenOf({ lon: target.lon, lat: target.lat, h: 0 }, focusCamera(target, lopsided), lopsided);
    expect(p.x).toBeCloseTo(210, 3);
    expect(focusCamera({ lon: 110.79, lat: 32.62 }, view).height).toBe(2500);
  });
});
