import { Cartesian3, Matrix4, Transforms } from 'cesium';
import { describe, expect, it } from 'vitest';
import { homeCamera, type HomeView } from '../../../../renderer/map/homeCamera';
import type { FocusView } from '../../../../renderer/map/MapView';

const rad = (d: number) => (d * Math.PI) / 180;
const home: HomeView = { longitude: 110.8, latitude: 32.52, height: 26_000, heading: 8, pitch: -58 };
const view: FocusView = { width: 1920, height: 990, fov: rad(60) };

/** The home camera's axes in its local east-north-up frame: forward, screen right, screen up. */
function axes(h: HomeView) {
  const hd = rad(h.heading), p = rad(h.pitch);
  const fwd = [Math.sin(hd) * Math.cos(p), Math.cos(hd) * Math.cos(p), Math.sin(p)];
  const right = [Math.cos(hd), -Math.sin(hd), 0];
  const up = [right[1]! * fwd[2]! - right[2]! * fwd[1]!, right[2]! * fwd[0]! - right[0]! * fwd[2]!, right[0]! * fwd[1]! - right[1]! * fwd[0]!];
  return { fwd, right, up };
}
const dot = (a: number[], b: number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;

/** Where a point (local metres of the configured home position) lands on screen for a camera at `cam`, same orientation. */
function screenX(point: number[], cam: Cartesian3, v: FocusView): number {
  const toLocal = Matrix4.inverse(Transforms.eastNorthUpToFixedFrame(Cartesian3.fromDegrees(home.longitude, home.latitude, home.height)), new Matrix4());
  const c = Matrix4.multiplyByPoint(toLocal, cam, new Cartesian3());
  const d = [point[0]! - c.x, point[1]! - c.y, point[2]! - c.z];
  const { fwd, right } = axes(home);
  const tanX = Math.tan(v.fov / 2);
  return v.width / 2 + (dot(d, right) / dot(d, fwd) / tanX) * (v.width / 2);
}

/** The ground point the configured view looks at, and the ground under its left and right canvas edges there. */
function groundRow() {
  const { fwd, right } = axes(home);
  const range = home.height / Math.sin(-rad(home.pitch));
  const target = fwd.map((x) => x * range);
  const half = range * Math.tan(view.fov / 2);
  return { target, west: target.map((x, i) => x - right[i]! * half), east: target.map((x, i) => x + right[i]! * half) };
}

describe('homeCamera', () => {
  it('without docks it is the configured view', () => {
    const cam = homeCamera(home, view);
    expect(Cartesian3.distance(cam, Cartesian3.fromDegrees(home.longitude, home.latitude, home.height))).toBeLessThan(1e-6);
    const { target, west, east } = groundRow();
    expect(screenX(target, cam, view)).toBeCloseTo(960, 3);
    expect(screenX(west, cam, view)).toBeCloseTo(0, 3);
    expect(screenX(east, cam, view)).toBeCloseTo(1920, 3);
  });

  it('with a right dock the district fills the free part: its middle in the middle, its width the free width', () => {
    const v = { ...view, insets: { left: 300, right: 520 } };
    const cam = homeCamera(home, v);
    const { target, west, east } = groundRow();
    expect(screenX(target, cam, v)).toBeCloseTo(300 + (1920 - 820) / 2, 1);
    expect(screenX(west, cam, v)).toBeCloseTo(300, 1);
    expect(screenX(east, cam, v)).toBeCloseTo(1920 - 520, 1);
  });

  it('a known ground height is taken into account; docks over 80% of the width keep the configured view', () => {
    const v = { ...view, insets: { left: 0, right: 600 }, groundHeight: 400 };
    const withGround = homeCamera(home, v);
    const flat = homeCamera(home, { ...v, groundHeight: 0 });
    expect(Cartesian3.distance(withGround, flat)).toBeGreaterThan(10);
    const crowded = homeCamera(home, { ...view, insets: { left: 800, right: 800 } });
    expect(Cartesian3.distance(crowded, Cartesian3.fromDegrees(home.longitude, home.latitude, home.height))).toBeLessThan(1e-6);
  });
});
