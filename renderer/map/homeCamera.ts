import { Cartesian3, Math as CesiumMath, Matrix4, Transforms } from 'cesium';
import { horizontalHalfTan, METRES_PER_DEGREE, type FocusView } from './focusView';

/** The home view as the map config gives it: the district's extent, camera position (degrees, m) and orientation. */
export interface HomeView {
  /** [west, south, east, north] in degrees. */
  extent: readonly number[];
  longitude: number;
  latitude: number;
  height: number;
  heading: number;
  pitch: number;
}

/** Room left around the district when it is fitted into the free part of the canvas. */
const MARGIN = 1.12;

/**
 * Where the camera goes for the home view (全区视图). Without docked panels: the configured view. With docks covering
 * part of the canvas: the configured heading and pitch, looking at the middle of the district's extent from as close
 * as fits the extent into the part of the canvas no dock covers (its width across the free part, its depth —
 * foreshortened by the pitch — within the canvas height), moved sideways so the district's middle lands in the middle
 * of the free part. Docks over 80% of the width keep the configured view. The ground is taken as flat at
 * `groundHeight` (0 when unknown).
 */
export function homeCamera(home: HomeView, view: FocusView): Cartesian3 {
  const configured = Cartesian3.fromDegrees(home.longitude, home.latitude, home.height);
  const left = Math.max(0, view.insets?.left ?? 0);
  const right = Math.max(0, view.insets?.right ?? 0);
  const w = view.width;
  const free = w - left - right;
  const pitch = CesiumMath.toRadians(home.pitch);
  const [west, south, east, north] = home.extent as [number, number, number, number];
  if (!(w > 0) || !(view.height > 0) || free < w * 0.2 || left + right === 0 || !(pitch < -0.05) || !(east > west && north > south)) return configured;
  const heading = CesiumMath.toRadians(home.heading);
  // In the local east-north-up frame (metres) at the district's middle: view direction, screen right, ground forward.
  const dir = new Cartesian3(Math.sin(heading) * Math.cos(pitch), Math.cos(heading) * Math.cos(pitch), Math.sin(pitch));
  const rightAxis = new Cartesian3(Math.cos(heading), -Math.sin(heading), 0);
  const ahead = new Cartesian3(Math.sin(heading), Math.cos(heading), 0);
  const midLat = (south + north) / 2;
  const halfE = ((east - west) / 2) * METRES_PER_DEGREE * Math.cos(CesiumMath.toRadians(midLat));
  const halfN = ((north - south) / 2) * METRES_PER_DEGREE;
  let across = 0;
  let depth = 0;
  for (const [e, n] of [[halfE, halfN], [halfE, -halfN]] as const) {
    across = Math.max(across, Math.abs(e * rightAxis.x + n * rightAxis.y));
    depth = Math.max(depth, Math.abs(e * ahead.x + n * ahead.y));
  }
  const tanHalfX = horizontalHalfTan(view);
  const tanHalfY = tanHalfX / (w / view.height);
  const range = MARGIN * Math.max((across * w) / (tanHalfX * free), (depth * Math.sin(-pitch)) / tanHalfY);
  const metresPerPx = (range * tanHalfX) / (w / 2);
  // More dock on the left: the free middle is right of the canvas middle, so the camera moves left.
  const shift = ((left - right) / 2) * metresPerPx;
  const local = Cartesian3.multiplyByScalar(dir, -range, new Cartesian3());
  Cartesian3.subtract(local, Cartesian3.multiplyByScalar(rightAxis, shift, new Cartesian3()), local);
  const middle = Cartesian3.fromDegrees((west + east) / 2, midLat, view.groundHeight ?? 0);
  return Matrix4.multiplyByPoint(Transforms.eastNorthUpToFixedFrame(middle), local, new Cartesian3());
}
