import { polylineWithin, roundLonLat, toLonLat, toXY, type LonLat, type XY } from './geoMath';
import { insideMaojianWithBuffer } from './maojianBoundary';
import type { Prng } from './prng';
import type { RiverSystem } from './riversDemo';

export type RoadClass = 'trunk' | 'primary' | 'local';

export interface GridNode {
  index: number;
  i: number;
  j: number;
  xy: XY;
  lonLat: LonLat;
}

export interface GridEdge {
  a: number;
  b: number;
  /** 'ns' lines run north–south (constant i), 'ew' lines east–west (constant j). */
  axis: 'ns' | 'ew';
  line: number;
  roadClass: RoadClass;
  roadName: string;
  /** Crosses a river: a road bridge, no pipes along it. */
  bridge: boolean;
}

export interface UrbanGrid {
  nodes: GridNode[];
  edges: GridEdge[];
  spacing: number;
}

/** Grid spacing (m) of the synthetic town street grid. */
export const GRID_SPACING = 300;
const GRID_WEST = 110.762;
const GRID_EAST = 110.912;
const GRID_SOUTH = 32.586;
const GRID_NORTH = 32.662;
/** Keep streets this far (m) inside the district boundary and off river centrelines. */
const EDGE_BUFFER = 45;
const RIVER_CLEARANCE = 30;

function roadClassOf(line: number): RoadClass {
  if (line % 6 === 0) return 'trunk';
  if (line % 3 === 0) return 'primary';
  return 'local';
}

/** The synthetic street grid of the town (north of the district). Straight lines with jittered spacing. */
export function buildUrbanGrid(prng: Prng, rivers: RiverSystem): UrbanGrid {
  const [x0, y0] = toXY(GRID_WEST, GRID_SOUTH);
  const [x1, y1] = toXY(GRID_EAST, GRID_NORTH);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let x = x0; x <= x1; x += GRID_SPACING) xs.push(x + prng.range(-40, 40));
  for (let y = y0; y <= y1; y += GRID_SPACING) ys.push(y + prng.range(-40, 40));
  const nearRiver = (x: number, y: number): boolean => rivers.rivers.some((r) => polylineWithin(r.line, x, y, RIVER_CLEARANCE));
  const usable = (x: number, y: number): boolean => {
    const [lon, lat] = toLonLat(x, y);
    return lat >= GRID_SOUTH && insideMaojianWithBuffer(lon, lat, EDGE_BUFFER);
  };
  const nodes: GridNode[] = [];
  const at = new Map<string, number>();
  for (let j = 0; j < ys.length; j++) {
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i] as number;
      const y = ys[j] as number;
      if (!usable(x, y) || nearRiver(x, y)) continue;
      const lonLat = roundLonLat(toLonLat(x, y));
      // Work from the rounded position so every derived value matches the published coordinates.
      at.set(`${i},${j}`, nodes.length);
      nodes.push({ index: nodes.length, i, j, xy: toXY(lonLat[0], lonLat[1]), lonLat });
    }
  }
  const edges: GridEdge[] = [];
  const tryEdge = (a: number | undefined, b: number | undefined, axis: 'ns' | 'ew', line: number): void => {
    if (a === undefined || b === undefined) return;
    const pa = (nodes[a] as GridNode).xy;
    const pb = (nodes[b] as GridNode).xy;
    let bridge = false;
    for (let k = 1; k < 10; k++) {
      const t = k / 10;
      const x = pa[0] + t * (pb[0] - pa[0]);
      const y = pa[1] + t * (pb[1] - pa[1]);
      if (!usable(x, y)) return;
      if (nearRiver(x, y)) bridge = true;
    }
    const roadClass = roadClassOf(line);
    const roadName = `${axis === 'ns' ? '经' : '纬'}${line + 1}路（演示）`;
    edges.push({ a, b, axis, line, roadClass, roadName, bridge });
  };
  for (let j = 0; j < ys.length; j++) {
    for (let i = 0; i < xs.length; i++) {
      tryEdge(at.get(`${i},${j}`), at.get(`${i + 1},${j}`), 'ew', j);
      tryEdge(at.get(`${i},${j}`), at.get(`${i},${j + 1}`), 'ns', i);
    }
  }
  return { nodes, edges, spacing: GRID_SPACING };
}
