import { demHeightAt } from './demDemo';
import type { DemoDem, DemoFeature } from './demoPackTypes';
import { distanceMetres, polylineDistance, polylinePointAt, round, roundLonLat, toLonLat, toXY, type LonLat, type XY } from './geoMath';
import { insideMaojian, insideMaojianWithBuffer } from './maojianBoundary';
import type { Prng } from './prng';
import type { RiverModel, RiverSystem } from './riversDemo';
import type { GridEdge, GridNode, UrbanGrid } from './urbanGrid';

export type DrainageNetwork = 'rain' | 'sewage' | 'combined';
type NodeKind = 'manhole' | 'outfall' | 'pump' | 'plant';

/** Diameters (mm) in use, smallest first. */
export const PIPE_DIAMETERS = [300, 400, 500, 600, 800, 1000, 1200, 1500] as const;
/** Design cover (m) above the pipe crown; the checked minimum is 1.0 m. */
export const DESIGN_COVER = 1.2;
/** A manhole deeper than this (m) becomes a pump station that lifts the flow back to shallow depth. */
export const MAX_GRAVITY_DEPTH = 8.0;
/**
 * The old town in the 百二河/神定河 valley has combined sewers (overflowing to 百二河); the newer districts in the
 * 泗河 basin have separate storm and sewage systems. The split is the nearer river: a stand-in for the ridge.
 */
export function inCombinedZone(rivers: RiverSystem, lon: number, lat: number): boolean {
  const [x, y] = toXY(lon, lat);
  let best = Infinity;
  let combined = false;
  for (const r of rivers.rivers) {
    if (!['sihe', 'majiahe', 'baierhe', 'shendinghe'].includes(r.course.id)) continue;
    const d = polylineDistance(r.line, x, y).d;
    if (d < best) {
      best = d;
      combined = r.course.id === 'baierhe' || r.course.id === 'shendinghe';
    }
  }
  return combined;
}

const PREFIX: Record<DrainageNetwork, string> = { rain: 'YS', sewage: 'WS', combined: 'HL' };
const ZH: Record<DrainageNetwork, string> = { rain: '雨水', sewage: '污水', combined: '合流' };
/** Lateral offset (m) of each network from the street centreline, so storm and sewage pipes do not coincide. */
const OFFSET: Record<DrainageNetwork, number> = { rain: 5, sewage: -5, combined: 0 };
/** Upstream street length (m) per diameter step, scaled per network (sewage carries far less than storm water). */
const ACC_THRESHOLDS = [500, 1200, 2400, 4000, 8000, 14000, 24000];
const ACC_FACTOR: Record<DrainageNetwork, number> = { rain: 1, sewage: 0.3, combined: 1.25 };
/** Cost (m) per metre of ground the flow would have to climb, when choosing the drainage tree. */
const UPHILL_PENALTY = 2000;
const PIPE_SPACING = 60;

/** The sewage treatment plant (synthetic), on the right bank of 泗河 below the town. */
export const PLANT_RIVER_POSITION = { river: 'sihe', fraction: 0.93, side: 260 } as const;

interface DNode {
  xy: XY;
  lonLat: LonLat;
  ground: number;
  kind: NodeKind;
  adj: { to: number; len: number; year: number }[];
  river?: string;
}

function minSlope(d: number): number {
  if (d <= 300) return 0.002;
  if (d <= 400) return 0.0017;
  if (d <= 600) return 0.0014;
  return 0.0012;
}

function diameterFor(acc: number): number {
  let k = 0;
  while (k < ACC_THRESHOLDS.length && acc > (ACC_THRESHOLDS[k] as number)) k++;
  return PIPE_DIAMETERS[k] as number;
}

function materialFor(network: DrainageNetwork, d: number, year: number, fromPump: boolean): string {
  if (fromPump) return '球墨铸铁';
  if (d >= 800) return '钢筋混凝土';
  if (year < 2000) return network === 'sewage' && d <= 400 ? '混凝土' : '钢筋混凝土';
  if (network === 'sewage' && d <= 400) return year >= 2012 ? 'HDPE双壁波纹管' : 'PVC-U';
  return year >= 2006 ? 'HDPE双壁波纹管' : '钢筋混凝土';
}

const floor3 = (v: number): number => Math.floor(v * 1000) / 1000;

/** A min-heap of (cost, node) with deterministic tie-breaking on the node index. */
class Heap {
  private items: [number, number][] = [];
  get size(): number {
    return this.items.length;
  }
  push(cost: number, node: number): void {
    const a = this.items;
    a.push([cost, node]);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i] as [number, number], a[p] as [number, number])) break;
      [a[i], a[p]] = [a[p] as [number, number], a[i] as [number, number]];
      i = p;
    }
  }
  pop(): [number, number] | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l] as [number, number], a[m] as [number, number])) m = l;
        if (r < a.length && this.less(a[r] as [number, number], a[m] as [number, number])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as [number, number], a[i] as [number, number]];
        i = m;
      }
    }
    return top;
  }
  private less(x: [number, number], y: [number, number]): boolean {
    return x[0] < y[0] || (x[0] === y[0] && x[1] < y[1]);
  }
}

export interface DrainageResult {
  nodes: DemoFeature[];
  pipes: DemoFeature[];
}

interface BuildInput {
  grid: UrbanGrid;
  rivers: RiverSystem;
  dem: DemoDem;
  prng: Prng;
}

/**
 * Tree-shaped gravity networks under the town streets. For each network the street graph (manholes every ≤60 m)
 * is turned into a shortest-path forest towards its outlets (outfalls on the rivers for storm and combined
 * sewers, the one treatment plant for sewage) that avoids running uphill; diameters grow with the upstream street
 * length; inverts follow the ground with at least the design cover and a minimum slope, and a manhole that would
 * get deeper than MAX_GRAVITY_DEPTH becomes a pump station.
 */
export function buildDrainage({ grid, rivers, dem, prng }: BuildInput): DrainageResult {
  const nodes: DemoFeature[] = [];
  const pipes: DemoFeature[] = [];
  const networks: DrainageNetwork[] = ['rain', 'sewage', 'combined'];
  for (const network of networks) {
    const r = buildNetwork(network, { grid, rivers, dem, prng: prng.fork(network) });
    nodes.push(...r.nodes);
    pipes.push(...r.pipes);
  }
  return { nodes, pipes };
}

function buildNetwork(network: DrainageNetwork, { grid, rivers, dem, prng }: BuildInput): DrainageResult {
  const graph: DNode[] = [];
  const makeNode = (x: number, y: number, kind: NodeKind): number => {
    const lonLat = roundLonLat(toLonLat(x, y));
    graph.push({ xy: toXY(lonLat[0], lonLat[1]), lonLat, ground: demHeightAt(dem, lonLat[0], lonLat[1]), kind, adj: [] });
    return graph.length - 1;
  };
  const link = (a: number, b: number, year: number): void => {
    const na = graph[a] as DNode;
    const nb = graph[b] as DNode;
    const len = distanceMetres(na.lonLat, nb.lonLat);
    na.adj.push({ to: b, len, year });
    nb.adj.push({ to: a, len, year });
  };
  const off = OFFSET[network];
  const fromGrid = new Map<number, number>();
  const gridNode = (g: GridNode): number => {
    let id = fromGrid.get(g.index);
    if (id === undefined) {
      id = makeNode(g.xy[0] + off, g.xy[1] + off, 'manhole');
      fromGrid.set(g.index, id);
    }
    return id;
  };
  const wantEdge = (e: GridEdge): boolean => {
    // Storm and combined sewers stop at the river; sewage crosses it on the road bridge (one pipe, no manholes).
    if (e.bridge && network !== 'sewage') return false;
    const a = (grid.nodes[e.a] as GridNode).lonLat;
    const b = (grid.nodes[e.b] as GridNode).lonLat;
    const combined = inCombinedZone(rivers, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2);
    return network === 'combined' ? combined : !combined;
  };
  for (const e of grid.edges) {
    const year = network === 'combined' ? prng.int(1978, 1998) : prng.int(1995, 2023);
    if (!wantEdge(e)) continue;
    const ga = grid.nodes[e.a] as GridNode;
    const gb = grid.nodes[e.b] as GridNode;
    const a = gridNode(ga);
    const b = gridNode(gb);
    const len = Math.sqrt((gb.xy[0] - ga.xy[0]) ** 2 + (gb.xy[1] - ga.xy[1]) ** 2);
    const n = e.bridge ? 1 : Math.max(1, Math.round(len / PIPE_SPACING));
    let prev = a;
    for (let k = 1; k < n; k++) {
      const t = k / n;
      const id = makeNode(ga.xy[0] + off + t * (gb.xy[0] - ga.xy[0]), ga.xy[1] + off + t * (gb.xy[1] - ga.xy[1]), 'manhole');
      link(prev, id, year);
      prev = id;
    }
    link(prev, b, year);
  }
  const streetNodes = graph.length;
  if (streetNodes === 0) return { nodes: [], pipes: [] };

  // Connect a street node to an outlet point with a straight run of manholes (≤ PIPE_SPACING apart).
  const connect = (from: number, to: XY, kind: NodeKind, year: number): number => {
    const p = (graph[from] as DNode).xy;
    const len = Math.sqrt((to[0] - p[0]) ** 2 + (to[1] - p[1]) ** 2);
    const n = Math.max(1, Math.ceil(len / PIPE_SPACING));
    let prev = from;
    for (let k = 1; k < n; k++) {
      const id = makeNode(p[0] + ((to[0] - p[0]) * k) / n, p[1] + ((to[1] - p[1]) * k) / n, 'manhole');
      link(prev, id, year);
      prev = id;
    }
    const root = makeNode(to[0], to[1], kind);
    link(prev, root, year);
    return root;
  };
  const nearestStreetNode = (x: number, y: number, maxDist: number, taken: Set<number>): number => {
    let best = -1;
    let bestD = maxDist;
    for (let i = 0; i < streetNodes; i++) {
      if (taken.has(i)) continue;
      const q = (graph[i] as DNode).xy;
      const d = Math.sqrt((q[0] - x) ** 2 + (q[1] - y) ** 2);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  };

  const roots: number[] = [];
  if (network === 'sewage') {
    const river = rivers.river(PLANT_RIVER_POSITION.river);
    const { p, dir } = polylinePointAt(river.line, river.line.length * PLANT_RIVER_POSITION.fraction);
    const at: XY = [p[0] + dir[1] * PLANT_RIVER_POSITION.side, p[1] - dir[0] * PLANT_RIVER_POSITION.side];
    const from = nearestStreetNode(at[0], at[1], 3000, new Set());
    if (from < 0) throw new Error('no sewage street near the treatment plant');
    const plant = connect(from, at, 'plant', 2009);
    (graph[plant] as DNode).river = river.course.name;
    roots.push(plant);
  } else {
    const ids = network === 'combined' ? ['baierhe', 'shendinghe'] : ['sihe', 'baierhe', 'shendinghe', 'majiahe'];
    const receiving: RiverModel[] = rivers.rivers.filter((r) => ids.includes(r.course.id));
    const taken = new Set<number>();
    for (const river of receiving) {
      for (let s = 150; s < river.line.length; s += 380) {
        const { p } = polylinePointAt(river.line, s);
        const [lon, lat] = toLonLat(p[0], p[1]);
        if (!insideMaojianWithBuffer(lon, lat, 25)) continue;
        const from = nearestStreetNode(p[0], p[1], 260, taken);
        if (from < 0) continue;
        const q = (graph[from] as DNode).xy;
        const d = Math.sqrt((q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2);
        // The outfall sits on the bank, 6 m from the centreline towards the street.
        const at: XY = d > 6 ? [p[0] + ((q[0] - p[0]) * 6) / d, p[1] + ((q[1] - p[1]) * 6) / d] : p;
        const mid = toLonLat((q[0] + at[0]) / 2, (q[1] + at[1]) / 2);
        if (!insideMaojian(mid[0], mid[1])) continue;
        taken.add(from);
        const root = connect(from, at, 'outfall', prng.int(1995, 2020));
        (graph[root] as DNode).river = river.course.name;
        roots.push(root);
      }
    }
  }

  // Shortest-path forest from the outlets, penalising flow that would run uphill.
  const n = graph.length;
  const cost = new Float64Array(n).fill(Infinity);
  const parent = new Int32Array(n).fill(-1);
  const parentLen = new Float64Array(n);
  const parentYear = new Int32Array(n);
  const settled = new Uint8Array(n);
  const order: number[] = [];
  const heap = new Heap();
  for (const r of roots) {
    cost[r] = 0;
    heap.push(0, r);
  }
  while (heap.size > 0) {
    const top = heap.pop();
    if (!top) break;
    const [c, v] = top;
    if (settled[v] || c > (cost[v] as number)) continue;
    settled[v] = 1;
    order.push(v);
    const nv = graph[v] as DNode;
    for (const { to, len, year } of nv.adj) {
      if (settled[to]) continue;
      const nu = graph[to] as DNode;
      if (nu.kind !== 'manhole') continue; // never route through another outlet
      const climb = nv.ground - nu.ground;
      const nc = c + len + (climb > 0 ? climb * UPHILL_PENALTY : 0);
      if (nc < (cost[to] as number)) {
        cost[to] = nc;
        parent[to] = v;
        parentLen[to] = len;
        parentYear[to] = year;
        heap.push(nc, to);
      }
    }
  }

  // Leaves first: accumulate upstream length, size pipes, set inverts, place pumps.
  const accIn = new Float64Array(n);
  const maxDIn = new Float64Array(n);
  const inflowInvert = new Float64Array(n).fill(Infinity);
  const diam = new Float64Array(n);
  const upInv = new Float64Array(n);
  const downInv = new Float64Array(n);
  const nodeInvert = new Float64Array(n);
  const fromPump = new Uint8Array(n);
  for (let k = order.length - 1; k >= 0; k--) {
    const u = order[k] as number;
    const node = graph[u] as DNode;
    const v = parent[u] as number;
    if (v < 0) {
      nodeInvert[u] = floor3(inflowInvert[u] as number);
      continue;
    }
    const len = parentLen[u] as number;
    const acc = (accIn[u] as number) + len;
    const d = Math.max(diameterFor(acc * ACC_FACTOR[network]), maxDIn[u] as number);
    const required = node.ground - DESIGN_COVER - d / 1000;
    const inflow = inflowInvert[u] as number;
    let inv = Math.min(inflow, required);
    if (node.ground - inv > MAX_GRAVITY_DEPTH && inflow < Infinity) {
      node.kind = 'pump';
      fromPump[u] = 1;
      nodeInvert[u] = floor3(inv);
      inv = required;
    } else {
      nodeInvert[u] = floor3(inv);
    }
    const up = floor3(inv);
    const down = floor3(Math.min(up - minSlope(d) * len, (graph[v] as DNode).ground - DESIGN_COVER - d / 1000));
    diam[u] = d;
    upInv[u] = up;
    downInv[u] = down;
    accIn[v] = (accIn[v] as number) + acc;
    maxDIn[v] = Math.max(maxDIn[v] as number, d);
    inflowInvert[v] = Math.min(inflowInvert[v] as number, down);
  }

  // An outlet whose connector was captured by another outlet receives nothing: leave it out.
  const used = order.filter((u) => parent[u] !== -1 || (inflowInvert[u] as number) < Infinity);
  order.length = 0;
  order.push(...used);

  // Identifiers in settle order (outlets first), then features.
  const prefix = PREFIX[network];
  const ids: string[] = new Array<string>(n).fill('');
  const counters: Record<NodeKind, number> = { manhole: 0, outfall: 0, pump: 0, plant: 0 };
  const code: Record<NodeKind, string> = { manhole: 'J', outfall: 'PK', pump: 'BZ', plant: 'CL' };
  for (const u of order) {
    const kind = (graph[u] as DNode).kind;
    counters[kind] += 1;
    ids[u] = `${prefix}${code[kind]}${String(counters[kind]).padStart(kind === 'manhole' ? 5 : 2, '0')}`;
  }
  const nodes: DemoFeature[] = [];
  const pipes: DemoFeature[] = [];
  for (const u of order) {
    const node = graph[u] as DNode;
    const id = ids[u] as string;
    const ground = round(node.ground, 3);
    const invert = nodeInvert[u] as number;
    const name =
      node.kind === 'plant'
        ? '演示污水处理厂'
        : node.kind === 'pump'
          ? `${ZH[network]}提升泵站 ${id}（演示）`
          : node.kind === 'outfall'
            ? `${ZH[network]}排放口 ${id}（入${node.river ?? '河'}）`
            : `${ZH[network]}检查井 ${id}`;
    const feature: DemoFeature = {
      external_id: id,
      name,
      geometry: { type: 'Point', coordinates: [node.lonLat[0], node.lonLat[1]] },
      columns: { node_type: node.kind, network, ground_elev: ground, invert_elev: invert, depth: round(ground - invert, 3), demo: 1 },
    };
    if (node.kind !== 'manhole') feature.props = { synthetic: true, ...(node.river ? { receiving_water: node.river } : {}) };
    nodes.push(feature);
    const v = parent[u] as number;
    if (v < 0) continue;
    const down = graph[v] as DNode;
    const d = diam[u] as number;
    const year = parentYear[u] as number;
    pipes.push({
      external_id: `${prefix}GX${String(pipes.length + 1).padStart(5, '0')}`,
      name: `${ZH[network]}管 ${id}→${ids[v]}`,
      geometry: { type: 'LineString', coordinates: [[node.lonLat[0], node.lonLat[1]], [down.lonLat[0], down.lonLat[1]]] },
      columns: {
        network,
        up_node: id,
        down_node: ids[v] as string,
        diameter_mm: d,
        material: materialFor(network, d, year, fromPump[u] === 1),
        up_invert: upInv[u] as number,
        down_invert: downInv[u] as number,
        up_depth: round(node.ground - (upInv[u] as number), 3),
        down_depth: round(down.ground - (downInv[u] as number), 3),
        length_m: round(parentLen[u] as number, 2),
        install_year: year,
        demo: 1,
      },
    });
  }
  return { nodes, pipes };
}
