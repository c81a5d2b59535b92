import { Cartesian3, Matrix4, Transforms } from 'cesium';
import { describe, expect, it } from 'vitest';
import { homeCamera, type HomeView } from '../../../../renderer/map/homeCamera';
import type { FocusView } from '../../../../renderer/map/MapView';

const rad = (d: number) => (d * Math.PI) / 180;
// The Maojian config's home view: the whole district from the south, 52° down.
const home: HomeView = { extent: [110.6, 32.38, 110.95, 32.68], longitude: 110.77, latitude: 32.16, height: 44_000, heading: 0, pitch: -52 };
const view: FocusView = { width: 1920, height: 990, fov: rad(60) };

/**
 * Where a point lands on screen for a camera at `cam` oriented as Cesium orients a flyTo (heading and pitch in the
 * east-north-up frame at the camera): an independent pinhole projection, `fov` across the wider side.
 */
function screenOf(lon: number, lat: number, cam: Cartesian3, v: FocusView, h: HomeView = home) {
  const hd = rad(h.heading), p = rad(h.pitch);
  const enu = Transforms.eastNorthUpToFixedFrame(cam);
  const toWorld = (x: number, y: number, z: number) => Matrix4.multiplyByPointAsVector(enu, new Cartesian3(x, y, z), new Cartesian3());
  const fwd = toWorld(Math.sin(hd) * Math.cos(p), Math.cos(hd) * Math.cos(p), Math.sin(p));
  const right = toWorld(Math.cos(hd), -Math.sin(hd), 0);
  const up = Cartesian3.cross(right, fwd, new Cartesian3());
  const d = Cartesian3.subtract(Cartesian3.fromDegrees(lon, lat, 0), cam, new Cartesian3());
  const tanX = Math.tan(v.fov / 2);
  const tanY = tanX / (v.width / v.height);
  const z = Cartesian3.dot(d, fwd);
  return { x: v.width / 2 + (Cartesian3.dot(d, right) / z / tanX) * (v.width / 2), y: v.height / 2 - (Cartesian3.dot(d, up) / z / tanY) * (v.height / 2) };
}

const [W, S, E, N] = home.extent as [number, number, number, number];
const midLon = (W + E) / 2, midLat = (S + N) / 2;

describe('homeCamera', () => {
  it('without docks it is the configured view', () => {
    const cam = homeCamera(home, view);
    expect(Cartesian3.distance(cam, Cartesian3.fromDegrees(home.longitude, home.latitude, home.height))).toBeLessThan(1e-6);
  });

  it('with docks the district fills the free part: its middle in the middle of it, its width within it, its depth on the canvas', () => {
    const v = { ...view, insets: { left: 470, right: 690 } };
    const free = 1920 - 470 - 690;
    const cam = homeCamera(home, v);
    const mid = screenOf(midLon, midLat, cam, v);
    expect(Math.abs(mid.x - (470 + free / 2))).toBeLessThan(12);
    const west = screenOf(W, midLat, cam, v);
    const east = screenOf(E, midLat, cam, v);
    expect(west.x).toBeGreaterThan(470 - 5);
    expect(east.x).toBeLessThan(1920 - 690 + 5);
    // Fitted, not just moved back: the district spans most of the free width (or, if deeper than wide, the height).
    const north = screenOf(midLon, N, cam, v);
    const south = screenOf(midLon, S, cam, v);
    expect(north.y).toBeGreaterThan(0);
    expect(south.y).toBeLessThan(990);
    expect(Math.max((east.x - west.x) / free, (south.y - north.y) / 990)).toBeGreaterThan(0.7);
  });

  it('any heading: the middle still lands in the middle of the free part', () => {
    const turned = { ...home, heading: 40 };
    const v = { ...view, insets: { left: 0, right: 700 } };
    const mid = screenOf(midLon, midLat, homeCamera(turned, v), v, turned);
    expect(Math.abs(mid.x - (1920 - 700) / 2)).toBeLessThan(12);
  });

  it('a known ground height lifts the camera; docks over 80% of the width keep the configured view', () => {
    const v = { ...view, insets: { left: 0, right: 600 } };
    const flat = Cartesian3.magnitude(homeCamera(home, v));
    expect(Cartesian3.magnitude(homeCamera(home, { ...v, groundHeight: 400 })) - flat).toBeGreaterThan(300);
    const crowded = homeCamera(home, { ...view, insets: { left: 800, right: 800 } });
    expect(Cartesian3.distance(crowded, Cartesian3.fromDegrees(home.longitude, home.latitude, home.height))).toBeLessThan(1e-6);
  });
});
