import { haversineMetres } from './lineEndpoints';
import type { DrainageNetwork } from './drainageNetwork';
import type { Localized } from './drainageTypes';

export type FindingKind =
  | 'disconnected_pipe'
  | 'pipe_end_not_at_node'
  | 'reverse_slope'
  | 'diameter_decrease'
  | 'invert_above_ground'
  | 'duplicate_id'
  | 'loop'
  | 'missing_invert'
  | 'isolated_node';

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface TopologyFinding {
  kind: FindingKind;
  severity: FindingSeverity;
  pipeId: string | null;
  nodeId: string | null;
  message: Localized;
  /** [lon, lat]: the node, or the middle of the pipe; null when the data has no position for it. */
  location: [number, number] | null;
}

export interface TopologyCheckOptions {
  /** A pipe end farther than this from its node's point is reported (m). Default 1. */
  endToleranceM?: number;
  /** Only these kinds (default all). */
  kinds?: FindingKind[];
}

export interface TopologyReport {
  pipeCount: number;
  nodeCount: number;
  findings: TopologyFinding[];
  counts: Record<FindingKind, number>;
}

export const findingKinds: { kind: FindingKind; severity: FindingSeverity; title: Localized }[] = [
  { kind: 'disconnected_pipe', severity: 'warning', title: { zh: '孤立管段', en: 'Disconnected pipe' } },
  { kind: 'pipe_end_not_at_node', severity: 'error', title: { zh: '管段端点不在节点上', en: 'Pipe end not at a node' } },
  { kind: 'reverse_slope', severity: 'error', title: { zh: '倒坡', en: 'Reverse slope' } },
  { kind: 'diameter_decrease', severity: 'warning', title: { zh: '下游管径变小', en: 'Diameter decreases downstream' } },
  { kind: 'invert_above_ground', severity: 'error', title: { zh: '管底高于地面', en: 'Invert above ground' } },
  { kind: 'duplicate_id', severity: 'error', title: { zh: '编号重复', en: 'Duplicate id' } },
  { kind: 'loop', severity: 'error', title: { zh: '重力管网环路', en: 'Loop in a gravity network' } },
  { kind: 'missing_invert', severity: 'info', title: { zh: '缺少管底高程', en: 'Missing invert' } },
  { kind: 'isolated_node', severity: 'info', title: { zh: '孤立节点', en: 'Isolated node' } },
];

const f2 = (v: number) => v.toFixed(2);
const f3 = (v: number) => v.toFixed(3);

/**
 * Checks the whole network in linear time (loops: Tarjan's strongly connected components, iterative):
 * - disconnected_pipe: neither end touches another pipe;
 * - pipe_end_not_at_node: up_node/down_node empty, naming a node missing from drainage_nodes, or the geometry's end
 *   farther than `endToleranceM` from the node's point;
 * - reverse_slope: up_invert < down_invert;
 * - diameter_decrease: a pipe leaving a node is smaller than the largest pipe entering it (not at pump stations,
 *   whose rising mains are legitimately smaller);
 * - invert_above_ground: a pipe invert above its node's ground, or a node's invert above its ground;
 * - duplicate_id: an id used by a node and a pipe, or twice up to case and blanks;
 * - loop: a directed cycle (a gravity network must be acyclic); one finding per cycle, listing its pipes;
 * - missing_invert (info) and isolated_node (info): what later analyses cannot use.
 */
export function topologyCheck(net: DrainageNetwork, opts: TopologyCheckOptions = {}): TopologyReport {
  const tol = opts.endToleranceM ?? 1;
  const want = new Set<FindingKind>(opts.kinds ?? findingKinds.map((k) => k.kind));
  const findings: TopologyFinding[] = [];
  const nodePos = (u: number): [number, number] | null => (u >= 0 && Number.isFinite(net.nodeLon[u]!) ? [net.nodeLon[u]!, net.nodeLat[u]!] : null);
  const pipePos = (p: number): [number, number] | null => {
    if (Number.isFinite(net.pipeX0[p]!)) return [(net.pipeX0[p]! + net.pipeX1[p]!) / 2, (net.pipeY0[p]! + net.pipeY1[p]!) / 2];
    const a = nodePos(net.pipeUp[p]!);
    const b = nodePos(net.pipeDown[p]!);
    return a && b ? [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2] : (a ?? b);
  };
  const add = (kind: FindingKind, pipe: number, node: number, zh: string, en: string, severity?: FindingSeverity) => {
    if (!want.has(kind)) return;
    findings.push({
      kind,
      severity: severity ?? findingKinds.find((k) => k.kind === kind)!.severity,
      pipeId: pipe >= 0 ? net.pipeId[pipe]! : null,
      nodeId: node >= 0 ? net.nodeId[node]! : null,
      message: { zh, en },
      location: pipe >= 0 ? pipePos(pipe) : nodePos(node),
    });
  };
  const degree = (u: number) => (u < 0 ? 0 : net.outStart[u + 1]! - net.outStart[u]! + net.inStart[u + 1]! - net.inStart[u]!);

  for (let p = 0; p < net.pipeCount; p++) {
    const id = net.pipeId[p]!;
    const up = net.pipeUp[p]!;
    const down = net.pipeDown[p]!;
    if (degree(up) <= 1 && degree(down) <= 1 && up !== down) {
      add('disconnected_pipe', p, -1, `管段 ${id} 两端均未与其他管段相连`, `pipe ${id}: neither end joins another pipe`);
    }
    for (const [end, node, zhEnd, x, y] of [
      ['up_node', up, '起点', net.pipeX0[p]!, net.pipeY0[p]!],
      ['down_node', down, '终点', net.pipeX1[p]!, net.pipeY1[p]!],
    ] as const) {
      if (node < 0) {
        add('pipe_end_not_at_node', p, -1, `管段 ${id} 缺少${zhEnd}点号（${end}）`, `pipe ${id}: ${end} is empty`);
      } else if (!net.nodeDeclared[node]) {
        add('pipe_end_not_at_node', p, node, `管段 ${id} 的${zhEnd}点号 ${net.nodeId[node]} 不在排水节点表中`, `pipe ${id}: ${end} '${net.nodeId[node]}' is not in drainage_nodes`);
      } else if (Number.isFinite(x) && Number.isFinite(net.nodeLon[node]!)) {
        const d = haversineMetres(x, y, net.nodeLon[node]!, net.nodeLat[node]!);
        if (d > tol) {
          add(
            'pipe_end_not_at_node',
            p,
            node,
            `管段 ${id} 的${zhEnd}几何端点距节点 ${net.nodeId[node]} ${f2(d)} m（容差 ${tol} m）`,
            `pipe ${id}: the geometry's ${end === 'up_node' ? 'start' : 'end'} is ${f2(d)} m from node ${net.nodeId[node]} (tolerance ${tol} m)`,
            'warning',
          );
        }
      }
    }
    const ui = net.pipeUpInvert[p]!;
    const di = net.pipeDownInvert[p]!;
    if (Number.isFinite(ui) && Number.isFinite(di)) {
      if (ui < di) add('reverse_slope', p, -1, `管段 ${id} 倒坡：起点管底 ${f3(ui)} m 低于终点管底 ${f3(di)} m`, `pipe ${id}: reverse slope, up_invert ${f3(ui)} m below down_invert ${f3(di)} m`);
    } else {
      const which = [Number.isFinite(ui) ? null : 'up_invert', Number.isFinite(di) ? null : 'down_invert'].filter(Boolean).join(', ');
      add('missing_invert', p, -1, `管段 ${id} 缺少管底高程（${which}）`, `pipe ${id}: missing ${which}`);
    }
    for (const [inv, node, zhEnd, field] of [
      [ui, up, '起点', 'up_invert'],
      [di, down, '终点', 'down_invert'],
    ] as const) {
      const g = node >= 0 ? net.nodeGround[node]! : NaN;
      if (Number.isFinite(inv) && Number.isFinite(g) && inv > g) {
        add('invert_above_ground', p, node, `管段 ${id} ${zhEnd}管底 ${f3(inv)} m 高于节点 ${net.nodeId[node]} 地面 ${f3(g)} m`, `pipe ${id}: ${field} ${f3(inv)} m is above the ground ${f3(g)} m of node ${net.nodeId[node]}`);
      }
    }
  }

  for (let u = 0; u < net.nodeCount; u++) {
    const id = net.nodeId[u]!;
    if (net.nodeDeclared[u] && degree(u) === 0) add('isolated_node', -1, u, `节点 ${id} 未连接任何管段`, `node ${id} has no pipe`);
    const g = net.nodeGround[u]!;
    const inv = net.nodeInvert[u]!;
    if (Number.isFinite(g) && Number.isFinite(inv) && inv > g) add('invert_above_ground', -1, u, `节点 ${id} 井底 ${f3(inv)} m 高于地面 ${f3(g)} m`, `node ${id}: invert ${f3(inv)} m is above the ground ${f3(g)} m`);
    if (net.nodeType[u] === 'pump') continue;
    let maxIn = -Infinity;
    let maxInPipe = -1;
    for (let k = net.inStart[u]!; k < net.inStart[u + 1]!; k++) {
      const e = net.inPipe[k]!;
      if (net.pipeDiameter[e]! > maxIn) {
        maxIn = net.pipeDiameter[e]!;
        maxInPipe = e;
      }
    }
    if (maxInPipe < 0) continue;
    for (let k = net.outStart[u]!; k < net.outStart[u + 1]!; k++) {
      const e = net.outPipe[k]!;
      const d = net.pipeDiameter[e]!;
      if (d < maxIn) {
        add('diameter_decrease', e, u, `管段 ${net.pipeId[e]} 管径 ${d} mm 小于上游管段 ${net.pipeId[maxInPipe]} 的 ${maxIn} mm（节点 ${id}）`, `pipe ${net.pipeId[e]}: ${d} mm is smaller than upstream pipe ${net.pipeId[maxInPipe]} (${maxIn} mm) at node ${id}`);
      }
    }
  }

  for (const dup of net.duplicateIds) {
    const node = net.nodeIndex.get(dup.id) ?? -1;
    const pipe = net.pipeIndex.get(dup.id) ?? -1;
    const same = dup.id === dup.other;
    add(
      'duplicate_id',
      dup.tables.includes('drainage_pipes') ? pipe : -1,
      dup.tables.includes('drainage_nodes') ? node : -1,
      same ? `编号 ${dup.id} 重复使用（${dup.tables}）` : `编号 ${dup.id} 与 ${dup.other} 仅大小写或空格不同（${dup.tables}）`,
      same ? `id ${dup.id} is used twice (${dup.tables})` : `id '${dup.id}' differs from '${dup.other}' only in case or blanks (${dup.tables})`,
    );
  }

  if (want.has('loop')) for (const cycle of directedCycles(net)) {
    const ids = cycle.pipes.map((p) => net.pipeId[p]!);
    const shown = ids.length > 12 ? `${ids.slice(0, 12).join(' → ')} …（共 ${ids.length} 条）` : ids.join(' → ');
    add('loop', cycle.pipes[0]!, cycle.node, `重力管网环路：${shown}`, `loop in a gravity network: ${ids.length > 12 ? `${ids.slice(0, 12).join(' → ')} … (${ids.length} pipes)` : ids.join(' → ')}`);
  }

  const counts = Object.fromEntries(findingKinds.map((k) => [k.kind, 0])) as Record<FindingKind, number>;
  for (const f of findings) counts[f.kind]++;
  return { pipeCount: net.pipeCount, nodeCount: net.nodeCount, findings, counts };
}

/** Strongly connected components with more than one node, or a pipe from a node to itself; their pipes. */
export function directedCycles(net: DrainageNetwork): { node: number; pipes: number[] }[] {
  const N = net.nodeCount;
  const index = new Int32Array(N).fill(-1);
  const low = new Int32Array(N);
  const onStack = new Uint8Array(N);
  const comp = new Int32Array(N).fill(-1);
  const stack: number[] = [];
  const callNode: number[] = [];
  const callCursor: number[] = [];
  let counter = 0;
  let comps = 0;
  const sizes: number[] = [];
  for (let s = 0; s < N; s++) {
    if (index[s] !== -1) continue;
    index[s] = low[s] = counter++;
    stack.push(s);
    onStack[s] = 1;
    callNode.push(s);
    callCursor.push(net.outStart[s]!);
    while (callNode.length) {
      const top = callNode.length - 1;
      const u = callNode[top]!;
      const k = callCursor[top]!;
      if (k < net.outStart[u + 1]!) {
        callCursor[top] = k + 1;
        const v = net.pipeDown[net.outPipe[k]!]!;
        if (v < 0) continue;
        if (index[v] === -1) {
          index[v] = low[v] = counter++;
          stack.push(v);
          onStack[v] = 1;
          callNode.push(v);
          callCursor.push(net.outStart[v]!);
        } else if (onStack[v] && index[v]! < low[u]!) low[u] = index[v]!;
        continue;
      }
      callNode.pop();
      callCursor.pop();
      if (callNode.length) {
        const parent = callNode[callNode.length - 1]!;
        if (low[u]! < low[parent]!) low[parent] = low[u]!;
      }
      if (low[u] === index[u]) {
        let size = 0;
        for (;;) {
          const w = stack.pop()!;
          onStack[w] = 0;
          comp[w] = comps;
          size++;
          if (w === u) break;
        }
        sizes.push(size);
        comps++;
      }
    }
  }
  const byComp = new Map<number, { node: number; pipes: number[] }>();
  for (let p = 0; p < net.pipeCount; p++) {
    const a = net.pipeUp[p]!;
    const b = net.pipeDown[p]!;
    if (a < 0 || b < 0 || comp[a] !== comp[b]) continue;
    const c = comp[a]!;
    if (sizes[c]! < 2 && a !== b) continue;
    let entry = byComp.get(c);
    if (!entry) {
      entry = { node: a, pipes: [] };
      byComp.set(c, entry);
    }
    entry.pipes.push(p);
  }
  return [...byComp.values()];
}
