import { pipeLength, type DrainageNetwork } from './drainageNetwork';
import { DrainageError, listIds, type TraceDirection, type TraceResult, type TraceStop, type TraceWarning } from './drainageTypes';

export interface TraceOptions {
  /** Treat every pump station as the end of the trace (see flowBarrier.ts). Default false. */
  stopAtPumps?: boolean;
  /** When an id names both a node and a pipe. Default: the node, with an 'ambiguous_id' warning. */
  startKind?: 'node' | 'pipe';
}

const NODE_ON_PATH = 1;
const NODE_DONE = 2;
const MAX_IDS = 20;

/** Resolves a node or pipe id; throws NOT_FOUND naming the id. */
export function resolveStart(net: DrainageNetwork, id: string, kind?: 'node' | 'pipe'): { kind: 'node' | 'pipe'; index: number; ambiguous: boolean } {
  const n = net.nodeIndex.get(id);
  const p = net.pipeIndex.get(id);
  if (kind === 'pipe' || (kind === undefined && n === undefined && p !== undefined)) {
    if (p === undefined) throw new DrainageError('NOT_FOUND', `管段 ${id} 不存在 / no pipe '${id}' in drainage_pipes`);
    return { kind: 'pipe', index: p, ambiguous: n !== undefined };
  }
  if (n === undefined) throw new DrainageError('NOT_FOUND', `节点或管段 ${id} 不存在 / no node or pipe '${id}' in the drainage network`);
  return { kind: 'node', index: n, ambiguous: p !== undefined && kind === undefined };
}

/**
 * Downstream (to the outfall or plant), upstream (the catchment) or connected trace from a node or a pipe.
 * Directed traces are an iterative depth-first search that marks the nodes on the current path, so a loop is found
 * (and reported) instead of followed forever; a pipe with an empty end, a node missing from drainage_nodes, a dead
 * end that is no outlet, and missing inverts or lengths become warnings. Barriers: see flowBarrier.ts.
 */
export function traceNetwork(net: DrainageNetwork, startId: string, direction: TraceDirection, opts: TraceOptions = {}): TraceResult {
  const start = resolveStart(net, startId, opts.startKind);
  const nodeState = new Uint8Array(net.nodeCount);
  const pipeSeen = new Uint8Array(net.pipeCount);
  const nodeIds: number[] = [];
  const pipeIds: number[] = [];
  const stoppedAt: TraceStop[] = [];
  const cycles: string[] = [];
  const dangling: string[] = [];
  const deadEnds: string[] = [];

  const barrierOf = (u: number): string | null => net.nodeBarrier[u] ?? (opts.stopAtPumps && net.nodeType[u] === 'pump' ? 'node_type=pump' : null);
  const takePipe = (e: number): boolean => {
    if (pipeSeen[e]) return false;
    pipeSeen[e] = 1;
    const b = net.pipeBarrier[e];
    if (b) {
      stoppedAt.push({ kind: 'pipe', id: net.pipeId[e]!, reason: b });
      return false;
    }
    pipeIds.push(e);
    return true;
  };
  /** Marks a newly reached node; true when the trace may continue from it. */
  const reach = (u: number, isStart: boolean): boolean => {
    nodeIds.push(u);
    const b = isStart ? null : barrierOf(u);
    if (b) {
      stoppedAt.push({ kind: 'node', id: net.nodeId[u]!, reason: b });
      nodeState[u] = NODE_DONE;
      return false;
    }
    nodeState[u] = NODE_ON_PATH;
    return true;
  };

  const seeds: number[] = [];
  if (start.kind === 'node') seeds.push(start.index);
  else {
    const p = start.index;
    if (takePipe(p)) {
      const ends = direction === 'down' ? [net.pipeDown[p]!] : direction === 'up' ? [net.pipeUp[p]!] : [net.pipeUp[p]!, net.pipeDown[p]!];
      for (const u of ends) {
        if (u < 0) dangling.push(net.pipeId[p]!);
        else if (nodeState[u] === 0) seeds.push(u);
      }
      if (direction === 'down' && net.pipeUp[p]! >= 0) nodeIds.push(net.pipeUp[p]!);
      if (direction === 'up' && net.pipeDown[p]! >= 0) nodeIds.push(net.pipeDown[p]!);
    }
  }

  if (direction === 'connected') {
    const queue: number[] = [];
    for (const s of seeds) if (nodeState[s] === 0 && reach(s, start.kind === 'node')) queue.push(s);
    // Keep the other end of a start pipe out of the node list twice.
    for (let qi = 0; qi < queue.length; qi++) {
      const u = queue[qi]!;
      nodeState[u] = NODE_DONE;
      for (const [startArr, list, far] of [
        [net.outStart, net.outPipe, net.pipeDown],
        [net.inStart, net.inPipe, net.pipeUp],
      ] as const) {
        for (let k = startArr[u]!; k < startArr[u + 1]!; k++) {
          const e = list[k]!;
          if (!takePipe(e)) continue;
          const v = far[e]!;
          if (v < 0) dangling.push(net.pipeId[e]!);
          else if (nodeState[v] === 0 && reach(v, false)) queue.push(v);
        }
      }
    }
  } else {
    const down = direction === 'down';
    const startArr = down ? net.outStart : net.inStart;
    const list = down ? net.outPipe : net.inPipe;
    const far = down ? net.pipeDown : net.pipeUp;
    const stackNode: number[] = [];
    const stackCursor: number[] = [];
    for (const s of seeds) {
      if (nodeState[s] !== 0) continue;
      if (!reach(s, start.kind === 'node')) continue;
      stackNode.push(s);
      stackCursor.push(startArr[s]!);
      while (stackNode.length > 0) {
        const top = stackNode.length - 1;
        const u = stackNode[top]!;
        const k = stackCursor[top]!;
        if (k >= startArr[u + 1]!) {
          if (startArr[u] === startArr[u + 1] && down) {
            const t = net.nodeType[u];
            if (t !== 'outfall' && t !== 'plant' && t !== 'storage') deadEnds.push(net.nodeId[u]!);
          }
          nodeState[u] = NODE_DONE;
          stackNode.pop();
          stackCursor.pop();
          continue;
        }
        stackCursor[top] = k + 1;
        const e = list[k]!;
        if (!takePipe(e)) continue;
        const v = far[e]!;
        if (v < 0) dangling.push(net.pipeId[e]!);
        else if (nodeState[v] === NODE_ON_PATH) cycles.push(net.pipeId[e]!);
        else if (nodeState[v] === 0 && reach(v, false)) {
          stackNode.push(v);
          stackCursor.push(startArr[v]!);
        }
      }
    }
  }

  const warnings: TraceWarning[] = [];
  const warn = (kind: TraceWarning['kind'], ids: string[], zh: string, en: string) => {
    if (ids.length) warnings.push({ kind, ids: ids.slice(0, MAX_IDS), message: { zh, en } });
  };
  if (start.ambiguous) {
    warn('ambiguous_id', [startId], `编号 ${startId} 同时是节点和管段，按${start.kind === 'node' ? '节点' : '管段'}追踪`, `id ${startId} names both a node and a pipe; traced as the ${start.kind}`);
  }
  warn('cycle', cycles, `发现环路（${cycles.length} 处），经管段 ${listIds(cycles)} 回到已追踪的节点，未重复追踪`, `loop found (${cycles.length}): pipe(s) ${listIds(cycles)} lead back to a node already on the path; not followed again`);
  warn('dangling', dangling, `${dangling.length} 条管段缺少${direction === 'up' ? '起点' : direction === 'down' ? '终点' : '起点或终点'}点号，追踪在此中断：${listIds(dangling)}`, `${dangling.length} pipe(s) have an empty ${direction === 'up' ? 'up_node' : direction === 'down' ? 'down_node' : 'end node'}, the trace ends there: ${listIds(dangling)}`);
  warn('dead_end', deadEnds, `${deadEnds.length} 个节点没有下游管段，也不是排放口、污水厂或调蓄池：${listIds(deadEnds)}`, `${deadEnds.length} node(s) have no downstream pipe and are no outfall, plant or storage: ${listIds(deadEnds)}`);
  const uniqueNodes = [...new Set(nodeIds)];
  const undeclared = uniqueNodes.filter((u) => !net.nodeDeclared[u]).map((u) => net.nodeId[u]!);
  warn('undeclared_node', undeclared, `${undeclared.length} 个点号被管段引用但不在排水节点表中：${listIds(undeclared)}`, `${undeclared.length} node id(s) referenced by pipes are missing from drainage_nodes: ${listIds(undeclared)}`);
  const noInvert = pipeIds.filter((p) => !Number.isFinite(net.pipeUpInvert[p]!) || !Number.isFinite(net.pipeDownInvert[p]!)).map((p) => net.pipeId[p]!);
  warn('missing_invert', noInvert, `${noInvert.length} 条管段缺少管底高程：${listIds(noInvert)}`, `${noInvert.length} pipe(s) lack up_invert or down_invert: ${listIds(noInvert)}`);
  let total = 0;
  const noLength: string[] = [];
  for (const p of pipeIds) {
    const l = pipeLength(net, p);
    if (Number.isFinite(l)) total += l;
    else noLength.push(net.pipeId[p]!);
  }
  warn('missing_length', noLength, `${noLength.length} 条管段既无管长也无几何，未计入总长：${listIds(noLength)}`, `${noLength.length} pipe(s) have neither length_m nor a geometry and are left out of the total: ${listIds(noLength)}`);

  const ofType = (t: string) => uniqueNodes.filter((u) => net.nodeType[u] === t).map((u) => net.nodeId[u]!);
  return {
    start: { kind: start.kind, id: startId },
    direction,
    nodeIds: uniqueNodes.map((u) => net.nodeId[u]!),
    pipeIds: pipeIds.map((p) => net.pipeId[p]!),
    pipeCount: pipeIds.length,
    totalLengthM: Math.round(total * 100) / 100,
    outfalls: ofType('outfall'),
    plants: ofType('plant'),
    pumps: ofType('pump'),
    storages: ofType('storage'),
    stoppedAt,
    warnings,
  };
}
