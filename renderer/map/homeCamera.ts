import { Cartesian3, Math as CesiumMath, Matrix4, Transforms } from 'cesium';
import type { FocusView } from './MapView';

/** The home view as the map config gives it: camera position (degrees, m above the ellipsoid) and orientation. */
export interface HomeView {
  longitude: number;
  latitude: number;
  height: number;
  heading: number;
  pitch: number;
}

/**
 * Where the camera goes for the home view (全区视图) when docked panels cover part of the canvas: the same heading and
 * pitch, looking at the same ground point, moved back so what filled the whole width fills the free width, and
 * sideways so that point lands in the middle of the free part. Without docks (or with no usable free part, docks over
 * 80% of the width) it is the configured view. The ground is taken as flat at `groundHeight` (0 when unknown).
 */
export function homeCamera(home: HomeView, view: FocusView): Cartesian3 {
  const position = Cartesian3.fromDegrees(home.longitude, home.latitude, home.height);
  const left = Math.max(0, view.insets?.left ?? 0);
  const right = Math.max(0, view.insets?.right ?? 0);
  const w = view.width;
  const free = w - left - right;
  const pitch = CesiumMath.toRadians(home.pitch);
  if (!(w > 0) || !(view.height > 0) || free < w * 0.2 || left + right === 0 || !(pitch < -0.05)) return position;
  const heading = CesiumMath.toRadians(home.heading);
  // In the camera's local east-north-up frame (metres): the view direction and the screen's right.
  const dir = new Cartesian3(Math.sin(heading) * Math.cos(pitch), Math.cos(heading) * Math.cos(pitch), Math.sin(pitch));
  const rightAxis = new Cartesian3(Math.cos(heading), -Math.sin(heading), 0);
  const above = home.height - (view.groundHeight ?? 0);
  const range = above / Math.sin(-pitch);
  const target = Cartesian3.multiplyByScalar(dir, range, new Cartesian3());
  const newRange = (range * w) / free;
  const aspect = w / view.height;
  const tanHalfX = aspect >= 1 ? Math.tan(view.fov / 2) : Math.tan(view.fov / 2) * aspect;
  const metresPerPx = (newRange * tanHalfX) / (w / 2);
  // More dock on the left: the free middle is right of the canvas middle, so the camera moves left.
  const shift = ((left - right) / 2) * metresPerPx;
  const local = Cartesian3.subtract(target, Cartesian3.multiplyByScalar(dir, newRange, new Cartesian3()), new Cartesian3());
  Cartesian3.subtract(local, Cartesian3.multiplyByScalar(rightAxis, shift, new Cartesian3()), local);
  return Matrix4.multiplyByPoint(Transforms.eastNorthUpToFixedFrame(position), local, new Cartesian3());
}
