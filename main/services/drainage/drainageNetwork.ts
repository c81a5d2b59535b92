import type Database from 'better-sqlite3';
import { barrierFromProps } from './flowBarrier';
import { lineEndpoints, pointPosition } from './lineEndpoints';

/**
 * The drainage network in compact arrays: nodes and pipes by index, numbers as Float64Array (NaN = missing in the
 * data), and CSR adjacency in both directions (out = pipes leaving a node by up_node, in = pipes arriving by
 * down_node). Nodes referenced by pipes but absent from drainage_nodes get an index too (`nodeDeclared` 0), so that
 * pipes sharing such an id still connect and the checks can name it.
 */
export interface DrainageNetwork {
  nodeCount: number;
  nodeId: string[];
  nodeIndex: Map<string, number>;
  /** node_type; null for a node only referenced by pipes. */
  nodeType: (string | null)[];
  nodeNetwork: (string | null)[];
  nodeDeclared: Uint8Array;
  nodeGround: Float64Array;
  nodeInvert: Float64Array;
  nodeDepth: Float64Array;
  nodeLon: Float64Array;
  nodeLat: Float64Array;
  /** Why the node stops flow (closed gate, stopped pump…), or null. See flowBarrier.ts. */
  nodeBarrier: (string | null)[];
  pipeCount: number;
  pipeId: string[];
  pipeIndex: Map<string, number>;
  pipeNetwork: (string | null)[];
  /** Node index of up_node / down_node; -1 when the column is empty. */
  pipeUp: Int32Array;
  pipeDown: Int32Array;
  pipeDiameter: Float64Array;
  pipeUpInvert: Float64Array;
  pipeDownInvert: Float64Array;
  pipeUpDepth: Float64Array;
  pipeDownDepth: Float64Array;
  /** length_m from the data. */
  pipeLengthAttr: Float64Array;
  /** Geodesic length of the geometry (NaN without geometry). */
  pipeLengthGeom: Float64Array;
  /** Geometry start and end (NaN without geometry). */
  pipeX0: Float64Array;
  pipeY0: Float64Array;
  pipeX1: Float64Array;
  pipeY1: Float64Array;
  pipeBarrier: (string | null)[];
  outStart: Int32Array;
  outPipe: Int32Array;
  inStart: Int32Array;
  inPipe: Int32Array;
  /** Ids used by a node and by a pipe, or twice after trimming and upper-casing: ambiguous for look-ups. */
  duplicateIds: { id: string; other: string; tables: string }[];
  /** Whether node positions and pipe geometry are in the arrays (see ensureGeometry). */
  geometryLoaded: boolean;
}

export interface NodeRow {
  id: string;
  nodeType: string | null;
  network: string | null;
  ground: number | null;
  invert: number | null;
  depth: number | null;
  props: string | null;
  position: [number, number] | null;
}

export interface PipeRow {
  id: string;
  network: string | null;
  upNode: string | null;
  downNode: string | null;
  diameterMm: number | null;
  upInvert: number | null;
  downInvert: number | null;
  upDepth: number | null;
  downDepth: number | null;
  lengthM: number | null;
  props: string | null;
  geometry: { x0: number; y0: number; x1: number; y1: number; lengthM: number } | null;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** Builds the arrays from rows (the store loader and tests feed it). */
export function buildDrainageNetwork(nodes: Iterable<NodeRow>, pipes: PipeRow[]): DrainageNetwork {
  const nodeId: string[] = [];
  const nodeIndex = new Map<string, number>();
  const nodeRows: (NodeRow | null)[] = [];
  const duplicateIds: DrainageNetwork['duplicateIds'] = [];
  const normalized = new Map<string, { id: string; table: string }>();
  const noteId = (id: string, table: string) => {
    const key = id.trim().toUpperCase();
    const seen = normalized.get(key);
    if (seen) duplicateIds.push({ id, other: seen.id, tables: seen.table === table ? table : `${seen.table}+${table}` });
    else normalized.set(key, { id, table });
  };
  for (const n of nodes) {
    noteId(n.id, 'drainage_nodes');
    if (nodeIndex.has(n.id)) continue;
    nodeIndex.set(n.id, nodeId.length);
    nodeId.push(n.id);
    nodeRows.push(n);
  }
  const refNode = (id: string | null): number => {
    if (id === null) return -1;
    let i = nodeIndex.get(id);
    if (i === undefined) {
      i = nodeId.length;
      nodeIndex.set(id, i);
      nodeId.push(id);
      nodeRows.push(null);
    }
    return i;
  };
  const P = pipes.length;
  const pipeId: string[] = new Array<string>(P);
  const pipeIndex = new Map<string, number>();
  const pipeUp = new Int32Array(P);
  const pipeDown = new Int32Array(P);
  for (let p = 0; p < P; p++) {
    const r = pipes[p]!;
    noteId(r.id, 'drainage_pipes');
    pipeId[p] = r.id;
    if (!pipeIndex.has(r.id)) pipeIndex.set(r.id, p);
    pipeUp[p] = refNode(r.upNode);
    pipeDown[p] = refNode(r.downNode);
  }

  const N = nodeId.length;
  const f64 = (n: number) => new Float64Array(n).fill(NaN);
  const net: DrainageNetwork = {
    nodeCount: N,
    nodeId,
    nodeIndex,
    nodeType: new Array<string | null>(N).fill(null),
    nodeNetwork: new Array<string | null>(N).fill(null),
    nodeDeclared: new Uint8Array(N),
    nodeGround: f64(N),
    nodeInvert: f64(N),
    nodeDepth: f64(N),
    nodeLon: f64(N),
    nodeLat: f64(N),
    nodeBarrier: new Array<string | null>(N).fill(null),
    pipeCount: P,
    pipeId,
    pipeIndex,
    pipeNetwork: new Array<string | null>(P).fill(null),
    pipeUp,
    pipeDown,
    pipeDiameter: f64(P),
    pipeUpInvert: f64(P),
    pipeDownInvert: f64(P),
    pipeUpDepth: f64(P),
    pipeDownDepth: f64(P),
    pipeLengthAttr: f64(P),
    pipeLengthGeom: f64(P),
    pipeX0: f64(P),
    pipeY0: f64(P),
    pipeX1: f64(P),
    pipeY1: f64(P),
    pipeBarrier: new Array<string | null>(P).fill(null),
    outStart: new Int32Array(N + 1),
    outPipe: new Int32Array(P),
    inStart: new Int32Array(N + 1),
    inPipe: new Int32Array(P),
    duplicateIds,
    geometryLoaded: true,
  };
  for (let i = 0; i < N; i++) {
    const r = nodeRows[i];
    if (!r) continue;
    net.nodeDeclared[i] = 1;
    net.nodeType[i] = r.nodeType;
    net.nodeNetwork[i] = r.network;
    net.nodeGround[i] = num(r.ground);
    net.nodeInvert[i] = num(r.invert);
    net.nodeDepth[i] = num(r.depth);
    if (r.position) {
      net.nodeLon[i] = r.position[0];
      net.nodeLat[i] = r.position[1];
    }
    net.nodeBarrier[i] = barrierFromProps(r.props);
  }
  for (let p = 0; p < P; p++) {
    const r = pipes[p]!;
    net.pipeNetwork[p] = r.network;
    net.pipeDiameter[p] = num(r.diameterMm);
    net.pipeUpInvert[p] = num(r.upInvert);
    net.pipeDownInvert[p] = num(r.downInvert);
    net.pipeUpDepth[p] = num(r.upDepth);
    net.pipeDownDepth[p] = num(r.downDepth);
    net.pipeLengthAttr[p] = num(r.lengthM);
    if (r.geometry) {
      net.pipeX0[p] = r.geometry.x0;
      net.pipeY0[p] = r.geometry.y0;
      net.pipeX1[p] = r.geometry.x1;
      net.pipeY1[p] = r.geometry.y1;
      net.pipeLengthGeom[p] = r.geometry.lengthM;
    }
    net.pipeBarrier[p] = barrierFromProps(r.props);
  }
  csr(pipeUp, N, net.outStart, net.outPipe);
  csr(pipeDown, N, net.inStart, net.inPipe);
  return net;
}

/** Counting sort of pipe indices by their node: start[n]..start[n+1] index `list`. */
function csr(end: Int32Array, nodeCount: number, start: Int32Array, list: Int32Array): void {
  for (let p = 0; p < end.length; p++) if (end[p]! >= 0) start[end[p]! + 1]!++;
  for (let n = 0; n < nodeCount; n++) start[n + 1]! += start[n]!;
  const fill = start.slice(0, nodeCount);
  for (let p = 0; p < end.length; p++) {
    const n = end[p]!;
    if (n >= 0) list[fill[n]!++] = p;
  }
}

/** Length used for totals and chainage: length_m, else the geometry's length, else NaN. */
export function pipeLength(net: DrainageNetwork, p: number): number {
  const a = net.pipeLengthAttr[p]!;
  return Number.isFinite(a) && a > 0 ? a : net.pipeLengthGeom[p]!;
}

/** Whether the drainage tables exist (a store migrated past version 2). */
function hasTables(db: Database.Database): boolean {
  const n = db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('drainage_nodes', 'drainage_pipes')`).get() as { n: number };
  return n.n === 2;
}

/**
 * Loads drainage_nodes and drainage_pipes from the store in two streaming scans of the attribute columns. Geometry
 * (node points, pipe ends and lengths) is read by ensureGeometry() when an analysis needs it — a trace does not —
 * unless some pipe lacks length_m, whose length then comes from its geometry right away.
 */
export function loadDrainageNetwork(db: Database.Database, opts: { geometry?: boolean } = {}): DrainageNetwork {
  if (!hasTables(db)) return buildDrainageNetwork([], []);
  const nodes: NodeRow[] = [];
  const nodeStmt = db.prepare(`SELECT external_id, node_type, network, ground_elev, invert_elev, depth, props FROM drainage_nodes ORDER BY fid`).raw(true);
  for (const r of nodeStmt.iterate() as IterableIterator<unknown[]>) {
    nodes.push({ id: String(r[0]), nodeType: text(r[1]), network: text(r[2]), ground: r[3] as number | null, invert: r[4] as number | null, depth: r[5] as number | null, props: r[6] as string | null, position: null });
  }
  const pipes: PipeRow[] = [];
  let missingLength = false;
  const pipeStmt = db
    .prepare(`SELECT external_id, network, up_node, down_node, diameter_mm, up_invert, down_invert, up_depth, down_depth, length_m, props FROM drainage_pipes ORDER BY fid`)
    .raw(true);
  for (const r of pipeStmt.iterate() as IterableIterator<unknown[]>) {
    const lengthM = r[9] as number | null;
    if (!(typeof lengthM === 'number' && lengthM > 0)) missingLength = true;
    pipes.push({
      id: String(r[0]),
      network: text(r[1]),
      upNode: text(r[2]),
      downNode: text(r[3]),
      diameterMm: r[4] as number | null,
      upInvert: r[5] as number | null,
      downInvert: r[6] as number | null,
      upDepth: r[7] as number | null,
      downDepth: r[8] as number | null,
      lengthM,
      props: r[10] as string | null,
      geometry: null,
    });
  }
  const net = buildDrainageNetwork(nodes, pipes);
  net.geometryLoaded = false;
  if (opts.geometry || missingLength) ensureGeometry(net, db);
  return net;
}

/** Fills node positions and pipe ends/lengths from the geometry columns (once per loaded network). */
export function ensureGeometry(net: DrainageNetwork, db: Database.Database): DrainageNetwork {
  if (net.geometryLoaded || !hasTables(db)) return net;
  for (const [id, blob] of db.prepare(`SELECT external_id, geom FROM drainage_nodes WHERE geom IS NOT NULL`).raw(true).iterate() as IterableIterator<[string, Uint8Array]>) {
    const u = net.nodeIndex.get(id);
    const p = pointPosition(blob);
    if (u === undefined || !p) continue;
    net.nodeLon[u] = p[0];
    net.nodeLat[u] = p[1];
  }
  for (const [id, blob] of db.prepare(`SELECT external_id, geom FROM drainage_pipes WHERE geom IS NOT NULL`).raw(true).iterate() as IterableIterator<[string, Uint8Array]>) {
    const p = net.pipeIndex.get(id);
    const g = lineEndpoints(blob);
    if (p === undefined || !g) continue;
    net.pipeX0[p] = g.x0;
    net.pipeY0[p] = g.y0;
    net.pipeX1[p] = g.x1;
    net.pipeY1[p] = g.y1;
    net.pipeLengthGeom[p] = g.lengthM;
  }
  net.geometryLoaded = true;
  return net;
}

/** A cheap fingerprint of the two tables: changes whenever a write path refreshes them. */
export function drainageDataVersion(db: Database.Database): string {
  if (!hasTables(db)) return 'none';
  const row = db
    .prepare(
      `SELECT (SELECT group_concat(table_name || '@' || last_change, ';') FROM gpkg_contents WHERE table_name IN ('drainage_nodes', 'drainage_pipes')) AS lc,
              (SELECT count(*) || ':' || ifnull(max(fid), 0) FROM drainage_nodes) AS n,
              (SELECT count(*) || ':' || ifnull(max(fid), 0) FROM drainage_pipes) AS p`,
    )
    .get() as { lc: string | null; n: string; p: string };
  return `${row.lc ?? ''}|${row.n}|${row.p}`;
}
