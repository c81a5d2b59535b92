// Screen-space clustering of camera markers with hysteresis, so membership does not flicker across small zoom steps.
// Pure TypeScript (no Cesium): the layer projects its cameras to window pixels and calls cameraClustering each frame
// with the previous result.
//
// Each cluster has a leader (a camera) and is drawn at its members' centroid. With r = radiusPx:
// - a member stays in its cluster while it is within KEEP × r (1.25 r) of the leader;
// - a loose camera joins the nearest cluster of two or more whose leader is within r;
// - two loose cameras (or a loose camera and a lone leader) form a new cluster only within FORM × r (0.8 r);
// - two clusters merge only when their leaders come within FORM × r (the larger absorbs the smaller).
// So after any frame, leaders are at least 0.8 r apart and members at most 1.25 r from their leader. A fresh
// clustering (no previous result) keeps exactly the same membership when the view zooms in by less than 1.25× and
// back: every member joined within r, and 1.25 r is only crossed past a 25 % zoom. Buckets on a grid of KEEP × r
// cells make a frame O(n): 10,000 cameras take a few milliseconds.

export const CLUSTER_KEEP_FACTOR = 1.25;
export const CLUSTER_FORM_FACTOR = 0.8;

/** A camera's position on screen, pixels. */
export interface ScreenPoint {
  id: string;
  x: number;
  y: number;
}

export interface ScreenCluster {
  /** Stable while the leader stays on screen: the leader's id. */
  key: string;
  leaderId: string;
  /** Centroid of the members, pixels. */
  x: number;
  y: number;
  /** Leader first, then the others in input order. A cluster of one is a lone camera. */
  members: string[];
}

export interface CameraClustering {
  radiusPx: number;
  clusters: ScreenCluster[];
  /** Camera id → cluster key. */
  clusterOf: Map<string, string>;
}

interface Work {
  leader: number;
  members: number[];
  alive: boolean;
}

/** Clusters screen points; pass the previous frame's result to keep membership steady. Throws on bad input. */
export function cameraClustering(points: readonly ScreenPoint[], radiusPx: number, previous: CameraClustering | null = null): CameraClustering {
  if (!Number.isFinite(radiusPx) || radiusPx <= 0) throw new RangeError(`cameraClustering: radiusPx ${radiusPx} is not a positive number`);
  const n = points.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const p = points[i]!;
    if (typeof p.id !== 'string' || p.id === '') throw new RangeError(`cameraClustering: point ${i} has no id`);
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) throw new RangeError(`cameraClustering: point ${p.id} has no finite x/y (${p.x}, ${p.y})`);
    if (index.has(p.id)) throw new RangeError(`cameraClustering: camera ${p.id} appears twice`);
    index.set(p.id, i);
    xs[i] = p.x;
    ys[i] = p.y;
  }
  const keep2 = (radiusPx * CLUSTER_KEEP_FACTOR) ** 2;
  const join2 = radiusPx ** 2;
  const form2 = (radiusPx * CLUSTER_FORM_FACTOR) ** 2;
  const cell = radiusPx * CLUSTER_KEEP_FACTOR;
  const d2 = (a: number, b: number) => (xs[a]! - xs[b]!) ** 2 + (ys[a]! - ys[b]!) ** 2;

  const owner = new Int32Array(n).fill(-1);
  const work: Work[] = [];
  const grid = new Map<number, number[]>();
  const cellKey = (cx: number, cy: number) => cx * 4_194_304 + cy;
  const addLeader = (c: number) => {
    const l = work[c]!.leader;
    const k = cellKey(Math.floor(xs[l]! / cell), Math.floor(ys[l]! / cell));
    const bucket = grid.get(k);
    if (bucket) bucket.push(c);
    else grid.set(k, [c]);
  };
  /** Alive clusters whose leader is within sqrt(max2) of point i (3 × 3 cells around it). */
  const near = (i: number, max2: number, visit: (c: number, dist2: number) => void) => {
    const cx = Math.floor(xs[i]! / cell), cy = Math.floor(ys[i]! / cell);
    for (let gx = cx - 1; gx <= cx + 1; gx++) {
      for (let gy = cy - 1; gy <= cy + 1; gy++) {
        const bucket = grid.get(cellKey(gx, gy));
        if (!bucket) continue;
        for (const c of bucket) {
          const w = work[c]!;
          if (!w.alive) continue;
          const dd = d2(i, w.leader);
          if (dd <= max2) visit(c, dd);
        }
      }
    }
  };

  // 1. Carry the previous clusters whose leader is still on screen; members farther than KEEP × r drop out.
  if (previous) {
    for (const pc of previous.clusters) {
      const l = index.get(pc.leaderId);
      if (l === undefined || owner[l] !== -1) continue;
      const c = work.length;
      const w: Work = { leader: l, members: [l], alive: true };
      work.push(w);
      owner[l] = c;
      for (const id of pc.members) {
        const m = index.get(id);
        if (m === undefined || owner[m] !== -1 || d2(l, m) > keep2) continue;
        owner[m] = c;
        w.members.push(m);
      }
    }
  }
  for (let c = 0; c < work.length; c++) addLeader(c);

  // 2. Merge carried clusters whose leaders came within FORM × r: larger first (then leader id), the larger absorbs.
  const order = work.map((_, c) => c).sort((a, b) => work[b]!.members.length - work[a]!.members.length || (points[work[a]!.leader]!.id < points[work[b]!.leader]!.id ? -1 : 1));
  for (const c of order) {
    const w = work[c]!;
    if (!w.alive) continue;
    near(w.leader, form2, (o) => {
      if (o === c || d2(w.leader, work[o]!.leader) >= form2) return;
      const other = work[o]!;
      other.alive = false;
      for (const m of other.members) {
        if (d2(w.leader, m) <= keep2) {
          owner[m] = c;
          w.members.push(m);
        } else owner[m] = -1;
      }
    });
  }

  // 3. Place every loose camera (new on screen, dropped out, or from a dissolved cluster), in input order.
  for (let i = 0; i < n; i++) {
    if (owner[i] !== -1) continue;
    let best = -1;
    let bestD = Infinity;
    near(i, join2, (c, dd) => {
      const limit = work[c]!.members.length >= 2 ? join2 : form2;
      if (dd < limit && dd < bestD) {
        best = c;
        bestD = dd;
      }
    });
    if (best >= 0) {
      owner[i] = best;
      work[best]!.members.push(i);
    } else {
      const c = work.length;
      work.push({ leader: i, members: [i], alive: true });
      owner[i] = c;
      addLeader(c);
    }
  }

  // 4. Results: members leader first then input order; drawn at the centroid.
  const clusters: ScreenCluster[] = [];
  const clusterOf = new Map<string, string>();
  for (const w of work) {
    if (!w.alive) continue;
    const rest = w.members.slice(1).sort((a, b) => a - b);
    const members = [w.leader, ...rest];
    let sx = 0, sy = 0;
    for (const m of members) {
      sx += xs[m]!;
      sy += ys[m]!;
    }
    const key = points[w.leader]!.id;
    const ids = members.map((m) => points[m]!.id);
    for (const id of ids) clusterOf.set(id, key);
    clusters.push({ key, leaderId: key, x: sx / members.length, y: sy / members.length, members: ids });
  }
  return { radiusPx, clusters, clusterOf };
}
