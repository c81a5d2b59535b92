import type { DemoFeature } from './demoPackTypes';
import { chaikin, round, roundLonLat, toLonLat, toXY, type LonLat, type XY } from './geoMath';
import type { Prng } from './prng';
import type { GridNode, RoadClass, UrbanGrid } from './urbanGrid';

/** One straight piece of road, for placing cameras and facilities. */
export interface RoadSegment {
  a: XY;
  b: XY;
  roadName: string;
  roadClass: RoadClass;
  urban: boolean;
  /** The start point is a street junction. */
  junction: boolean;
}

interface OutRoad {
  name: string;
  roadClass: RoadClass;
  waypoints: LonLat[];
}

/** Synthetic roads from the town to the townships, roughly following the valleys. */
const outRoads: OutRoad[] = [
  {
    name: '城区—大川公路（演示）',
    roadClass: 'trunk',
    waypoints: [
      [110.818, 32.598], [110.826, 32.575], [110.821, 32.545], [110.806, 32.523], [110.799, 32.5], [110.794, 32.482], [110.79, 32.471],
    ],
  },
  {
    name: '城区—茅塔公路（演示）',
    roadClass: 'trunk',
    waypoints: [[110.787, 32.597], [110.779, 32.58], [110.77, 32.565], [110.757, 32.55], [110.742, 32.536], [110.728, 32.531]],
  },
  {
    name: '城区—鸳鸯公路（演示）',
    roadClass: 'primary',
    waypoints: [[110.848, 32.598], [110.858, 32.588], [110.868, 32.58], [110.885, 32.573]],
  },
  {
    name: '鸳鸯—马家河水库路（演示）',
    roadClass: 'local',
    waypoints: [[110.885, 32.573], [110.889, 32.561], [110.888, 32.548]],
  },
  {
    name: '大川—赛武当林区路（演示）',
    roadClass: 'local',
    waypoints: [
      [110.79, 32.471], [110.772, 32.474], [110.752, 32.469], [110.73, 32.472], [110.705, 32.468], [110.68, 32.474], [110.655, 32.478],
    ],
  },
  {
    name: '茅塔—茅塔河水库路（演示）',
    roadClass: 'local',
    waypoints: [[110.728, 32.531], [110.715, 32.527], [110.703, 32.526]],
  },
];

export interface RoadNetwork {
  features: DemoFeature[];
  segments: RoadSegment[];
}

/** Roads: one feature per town grid line (its contiguous runs) plus the roads out to the townships. */
export function buildRoads(grid: UrbanGrid, prng: Prng): RoadNetwork {
  const features: DemoFeature[] = [];
  const segments: RoadSegment[] = [];
  const byLine = new Map<string, { name: string; roadClass: RoadClass; axis: string; line: number; pieces: [GridNode, GridNode][] }>();
  const degree = new Map<number, number>();
  for (const e of grid.edges) {
    degree.set(e.a, (degree.get(e.a) ?? 0) + 1);
    degree.set(e.b, (degree.get(e.b) ?? 0) + 1);
  }
  for (const e of grid.edges) {
    const key = `${e.axis}${e.line}`;
    let entry = byLine.get(key);
    if (!entry) {
      entry = { name: e.roadName, roadClass: e.roadClass, axis: e.axis, line: e.line, pieces: [] };
      byLine.set(key, entry);
    }
    const a = grid.nodes[e.a] as GridNode;
    const b = grid.nodes[e.b] as GridNode;
    entry.pieces.push([a, b]);
    segments.push({ a: a.xy, b: b.xy, roadName: e.roadName, roadClass: e.roadClass, urban: true, junction: (degree.get(e.a) ?? 0) >= 3 });
  }
  const keys = [...byLine.keys()].sort((p, q) => {
    const ep = byLine.get(p);
    const eq = byLine.get(q);
    return ep && eq ? (ep.axis === eq.axis ? ep.line - eq.line : ep.axis < eq.axis ? -1 : 1) : 0;
  });
  for (const key of keys) {
    const entry = byLine.get(key);
    if (!entry) continue;
    // Pieces arrive in order along the line; join touching ones into runs.
    const runs: LonLat[][] = [];
    let run: LonLat[] = [];
    let last: GridNode | null = null;
    for (const [a, b] of entry.pieces) {
      if (last !== a) {
        if (run.length > 1) runs.push(run);
        run = [a.lonLat];
      }
      run.push(b.lonLat);
      last = b;
    }
    if (run.length > 1) runs.push(run);
    features.push({
      external_id: `road-${key}`,
      name: entry.name,
      geometry: { type: 'MultiLineString', coordinates: runs },
      columns: { road_class: entry.roadClass, demo: 1 },
      props: { synthetic: true },
    });
  }
  outRoads.forEach((road, k) => {
    const raw = road.waypoints.map(([lon, lat]) => toXY(lon, lat));
    // A little seeded wiggle between the fixed ends, then smoothing.
    const wiggle = (p: XY): XY => [p[0] + prng.range(-60, 60), p[1] + prng.range(-60, 60)];
    const wiggled: XY[] = raw.map((p, i) => (i === 0 || i === raw.length - 1 ? p : wiggle(p)));
    const pts = chaikin(wiggled, 2).map(([x, y]) => roundLonLat(toLonLat(x, y)));
    const xy = pts.map(([lon, lat]) => toXY(lon, lat));
    for (let i = 1; i < xy.length; i++) {
      const a = xy[i - 1] as XY;
      const b = xy[i] as XY;
      segments.push({ a, b, roadName: road.name, roadClass: road.roadClass, urban: false, junction: i === 1 });
    }
    features.push({
      external_id: `road-out-${k + 1}`,
      name: road.name,
      geometry: { type: 'MultiLineString', coordinates: [pts.map(([lon, lat]) => [round(lon, 7), round(lat, 7)])] },
      columns: { road_class: road.roadClass, demo: 1 },
      props: { synthetic: true },
    });
  });
  return { features, segments };
}
