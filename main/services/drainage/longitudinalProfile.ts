import { pipeLength, type DrainageNetwork } from './drainageNetwork';
import { DrainageError, listIds, type Localized } from './drainageTypes';
import { MinHeap } from './minHeap';

export interface ProfileStation {
  nodeId: string;
  nodeType: string | null;
  /** Distance along the path from its first node, m. */
  chainageM: number;
  groundElev: number | null;
  invertElev: number | null;
  position: [number, number] | null;
}

export interface ProfileSegment {
  pipeId: string;
  fromNode: string;
  toNode: string;
  /** True when the path runs against the pipe's flow direction (an undirected path). */
  reversed: boolean;
  startChainageM: number;
  endChainageM: number;
  lengthM: number | null;
  diameterMm: number | null;
  /** Invert and crown (invert + diameter) at the segment's start and end, in path order. */
  startInvert: number | null;
  endInvert: number | null;
  startCrown: number | null;
  endCrown: number | null;
  /** Fall in the flow direction per length, ‰ (negative = reverse slope). */
  slopePermille: number | null;
}

export interface ProfileMissing {
  kind: 'node' | 'pipe';
  id: string;
  field: string;
  /** How a value was filled in, or null when the profile shows a gap. */
  derivedFrom: string | null;
}

export interface ProfileResult {
  method: 'downstream' | 'undirected' | 'pipes' | 'main_line';
  stations: ProfileStation[];
  segments: ProfileSegment[];
  totalLengthM: number;
  missing: ProfileMissing[];
  warnings: Localized[];
}

export type ProfileRequest = { from: string; to?: string } | { pipeIds: string[] };

const fin = (v: number): number | null => (Number.isFinite(v) ? v : null);
const r3 = (v: number | null): number | null => (v === null ? null : Math.round(v * 1000) / 1000);

function nodeOf(net: DrainageNetwork, id: string, what: string): number {
  const n = net.nodeIndex.get(id);
  if (n === undefined) throw new DrainageError('NOT_FOUND', `${what}节点 ${id} 不存在 / no node '${id}' in the drainage network`);
  return n;
}

/** Shortest path (by pipe length; 1 m for a pipe of unknown length) from a to b; pipes in order, or null. */
function shortestPath(net: DrainageNetwork, a: number, b: number, directed: boolean): number[] | null {
  const dist = new Float64Array(net.nodeCount).fill(Infinity);
  const via = new Int32Array(net.nodeCount).fill(-1);
  const heap = new MinHeap();
  dist[a] = 0;
  heap.push(0, a);
  while (heap.size > 0) {
    const u = heap.pop();
    const d = heap.lastKey;
    if (d > dist[u]!) continue;
    if (u === b) break;
    const relax = (e: number, v: number) => {
      if (v < 0 || net.pipeBarrier[e]) return;
      const l = pipeLength(net, e);
      const nd = d + (Number.isFinite(l) && l > 0 ? l : 1);
      if (nd < dist[v]!) {
        dist[v] = nd;
        via[v] = e;
        heap.push(nd, v);
      }
    };
    for (let k = net.outStart[u]!; k < net.outStart[u + 1]!; k++) relax(net.outPipe[k]!, net.pipeDown[net.outPipe[k]!]!);
    if (!directed) for (let k = net.inStart[u]!; k < net.inStart[u + 1]!; k++) relax(net.inPipe[k]!, net.pipeUp[net.inPipe[k]!]!);
  }
  if (!Number.isFinite(dist[b]!)) return null;
  const pipes: number[] = [];
  for (let v = b; v !== a; ) {
    const e = via[v]!;
    pipes.push(e);
    v = net.pipeDown[e] === v ? net.pipeUp[e]! : net.pipeDown[e]!;
  }
  return pipes.reverse();
}

/** From a node downstream along the largest pipe at each split, until an outlet, dead end, barrier or loop. */
function mainLine(net: DrainageNetwork, a: number): { pipes: number[]; loop: boolean } {
  const seen = new Uint8Array(net.nodeCount);
  const pipes: number[] = [];
  let u = a;
  seen[u] = 1;
  for (;;) {
    let best = -1;
    for (let k = net.outStart[u]!; k < net.outStart[u + 1]!; k++) {
      const e = net.outPipe[k]!;
      if (net.pipeBarrier[e] || net.pipeDown[e]! < 0) continue;
      if (best < 0 || (net.pipeDiameter[e]! || 0) > (net.pipeDiameter[best]! || 0)) best = e;
    }
    if (best < 0) return { pipes, loop: false };
    pipes.push(best);
    u = net.pipeDown[best]!;
    if (seen[u]) return { pipes, loop: true };
    seen[u] = 1;
    if (net.nodeBarrier[u]) return { pipes, loop: false };
  }
}

/** Orders a list of pipe ids into a chain and gives the node sequence; throws BAD_INPUT naming the break. */
function chainOf(net: DrainageNetwork, ids: string[]): { pipes: number[]; first: number } {
  if (ids.length === 0) throw new DrainageError('BAD_INPUT', '纵断面需要至少一条管段 / a profile needs at least one pipe');
  const pipes = ids.map((id) => {
    const p = net.pipeIndex.get(id);
    if (p === undefined) throw new DrainageError('NOT_FOUND', `管段 ${id} 不存在 / no pipe '${id}' in drainage_pipes`);
    return p;
  });
  const p0 = pipes[0]!;
  let first = net.pipeUp[p0]! >= 0 ? net.pipeUp[p0]! : net.pipeDown[p0]!;
  if (pipes.length > 1) {
    const p1 = pipes[1]!;
    const joins = (n: number) => n >= 0 && (net.pipeUp[p1] === n || net.pipeDown[p1] === n);
    first = joins(net.pipeDown[p0]!) ? net.pipeUp[p0]! : joins(net.pipeUp[p0]!) ? net.pipeDown[p0]! : -2;
    if (first === -2) throw new DrainageError('BAD_INPUT', `管段 ${ids[1]} 与前一管段不相连 / pipe '${ids[1]}' (position 1) does not join the pipe before it`);
  }
  let at = first;
  for (let i = 0; i < pipes.length; i++) {
    const p = pipes[i]!;
    if (at < 0 || (net.pipeUp[p] !== at && net.pipeDown[p] !== at)) {
      throw new DrainageError('BAD_INPUT', `管段 ${ids[i]} 与前一管段不相连 / pipe '${ids[i]}' (position ${i}) does not join the pipe before it`);
    }
    at = net.pipeUp[p] === at ? net.pipeDown[p]! : net.pipeUp[p]!;
  }
  return { pipes, first };
}

/**
 * 纵断面 Longitudinal profile along a path: per station (node) chainage, ground and invert; per segment (pipe)
 * invert and crown at both ends, diameter and slope (‰). A pipe invert missing in the data is derived from
 * ground − depth where both exist; every missing or derived value is listed in `missing`, never silently NaN.
 */
export function longitudinalProfile(net: DrainageNetwork, req: ProfileRequest): ProfileResult {
  const warnings: Localized[] = [];
  let method: ProfileResult['method'];
  let pipes: number[];
  let first: number;
  if ('pipeIds' in req) {
    ({ pipes, first } = chainOf(net, req.pipeIds));
    method = 'pipes';
  } else if (req.to === undefined) {
    first = nodeOf(net, req.from, '起点');
    const m = mainLine(net, first);
    pipes = m.pipes;
    method = 'main_line';
    if (m.loop) warnings.push({ zh: '下游主干线回到已经过的节点（环路），在此截止', en: 'the main line downstream returns to a node already on it (a loop); the profile stops there' });
  } else {
    const a = nodeOf(net, req.from, '起点');
    const b = nodeOf(net, req.to, '终点');
    if (a === b) throw new DrainageError('BAD_INPUT', `起点与终点相同 / from and to are the same node '${req.from}'`);
    let path = shortestPath(net, a, b, true);
    method = 'downstream';
    first = a;
    if (!path) {
      const back = shortestPath(net, b, a, true);
      if (back) {
        path = back;
        first = b;
        warnings.push({ zh: `${req.to} 位于 ${req.from} 上游，纵断面按水流方向自 ${req.to} 绘制`, en: `${req.to} is upstream of ${req.from}; the profile runs with the flow from ${req.to}` });
      }
    }
    if (!path) {
      path = shortestPath(net, a, b, false);
      method = 'undirected';
      if (path) warnings.push({ zh: '两点间没有顺水流的路径，按不分方向的最短路径绘制', en: 'no path with the flow joins the two nodes; the shortest path ignoring flow direction is shown' });
    }
    if (!path) throw new DrainageError('NOT_FOUND', `${req.from} 与 ${req.to} 之间没有管道相连 / no pipe path joins '${req.from}' and '${req.to}'`);
    pipes = path;
  }

  const missing: ProfileMissing[] = [];
  const noted = new Set<string>();
  const note = (kind: 'node' | 'pipe', id: string, field: string, derivedFrom: string | null) => {
    const key = `${kind}:${id}:${field}`;
    if (noted.has(key)) return;
    noted.add(key);
    missing.push({ kind, id, field, derivedFrom });
  };
  const station = (u: number, chainage: number): ProfileStation => {
    const ground = fin(net.nodeGround[u]!);
    if (ground === null) note('node', net.nodeId[u]!, 'ground_elev', null);
    const lon = net.nodeLon[u]!;
    return {
      nodeId: net.nodeId[u]!,
      nodeType: net.nodeType[u] ?? null,
      chainageM: Math.round(chainage * 100) / 100,
      groundElev: ground,
      invertElev: fin(net.nodeInvert[u]!),
      position: Number.isFinite(lon) ? [lon, net.nodeLat[u]!] : null,
    };
  };
  /** Pipe invert at one end, derived from the node's ground minus the pipe's depth when missing. */
  const invertAt = (p: number, end: 'up' | 'down'): number | null => {
    const v = end === 'up' ? net.pipeUpInvert[p]! : net.pipeDownInvert[p]!;
    if (Number.isFinite(v)) return v;
    const node = end === 'up' ? net.pipeUp[p]! : net.pipeDown[p]!;
    const depth = end === 'up' ? net.pipeUpDepth[p]! : net.pipeDownDepth[p]!;
    const ground = node >= 0 ? net.nodeGround[node]! : NaN;
    const field = `${end}_invert`;
    if (Number.isFinite(ground) && Number.isFinite(depth)) {
      note('pipe', net.pipeId[p]!, field, `ground_elev − ${end}_depth`);
      return ground - depth;
    }
    note('pipe', net.pipeId[p]!, field, null);
    return null;
  };

  const stations: ProfileStation[] = [];
  const segments: ProfileSegment[] = [];
  let chainage = 0;
  let at = first;
  if (at >= 0) stations.push(station(at, 0));
  const unknownLength: string[] = [];
  for (const p of pipes) {
    const reversed = net.pipeUp[p] !== at;
    const next = reversed ? net.pipeUp[p]! : net.pipeDown[p]!;
    const len = pipeLength(net, p);
    const lengthM = Number.isFinite(len) ? len : null;
    if (lengthM === null) {
      note('pipe', net.pipeId[p]!, 'length_m', null);
      unknownLength.push(net.pipeId[p]!);
    }
    const d = fin(net.pipeDiameter[p]!);
    if (d === null) note('pipe', net.pipeId[p]!, 'diameter_mm', null);
    const up = invertAt(p, 'up');
    const down = invertAt(p, 'down');
    const [s, e] = reversed ? [down, up] : [up, down];
    const crown = (v: number | null) => (v === null || d === null ? null : v + d / 1000);
    const slope = up !== null && down !== null && lengthM ? ((up - down) / lengthM) * 1000 : null;
    const end = chainage + (lengthM ?? 0);
    segments.push({
      pipeId: net.pipeId[p]!,
      fromNode: at >= 0 ? net.nodeId[at]! : '',
      toNode: next >= 0 ? net.nodeId[next]! : '',
      reversed,
      startChainageM: Math.round(chainage * 100) / 100,
      endChainageM: Math.round(end * 100) / 100,
      lengthM: lengthM === null ? null : Math.round(lengthM * 100) / 100,
      diameterMm: d,
      startInvert: r3(s),
      endInvert: r3(e),
      startCrown: r3(crown(s)),
      endCrown: r3(crown(e)),
      slopePermille: slope === null ? null : Math.round(slope * 1000) / 1000,
    });
    chainage = end;
    at = next;
    if (at >= 0) stations.push(station(at, chainage));
  }
  if (unknownLength.length) {
    warnings.push({
      zh: `管段 ${listIds(unknownLength)} 长度未知，其后的里程偏短`,
      en: `pipe(s) ${listIds(unknownLength)} have no length; chainage after them is short by that much`,
    });
  }
  return { method, stations, segments, totalLengthM: Math.round(chainage * 100) / 100, missing, warnings };
}
