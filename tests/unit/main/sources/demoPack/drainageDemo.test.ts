import { describe, expect, it } from 'vitest';
import { demHeightAt } from '../../../../../main/sources/demoPack/demDemo';
import type { DemoFeature } from '../../../../../main/sources/demoPack/demoPackTypes';
import { PIPE_DIAMETERS } from '../../../../../main/sources/demoPack/drainageDemo';
import { coords, defaultPack, distanceToLine, haversine, insideBoundary, layer, point } from './demoPackFixture';

const pack = defaultPack();
const nodes = layer(pack, 'drainage_nodes');
const pipes = layer(pack, 'drainage_pipes');
const byId = new Map(nodes.map((n) => [n.external_id, n]));
const num = (f: DemoFeature, k: string): number => {
  const v = f.columns[k];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${f.external_id}.${k} is not a finite number`);
  return v;
};
const str = (f: DemoFeature, k: string): string => {
  const v = f.columns[k];
  if (typeof v !== 'string') throw new Error(`${f.external_id}.${k} is not a string`);
  return v;
};
const ends = (p: DemoFeature): [[number, number], [number, number]] => {
  const [a, b] = coords(p) as unknown[];
  return [point(a), point(b)];
};
const outgoing = new Map<string, DemoFeature[]>();
const incoming = new Map<string, DemoFeature[]>();
for (const p of pipes) {
  const u = str(p, 'up_node');
  const d = str(p, 'down_node');
  outgoing.set(u, [...(outgoing.get(u) ?? []), p]);
  incoming.set(d, [...(incoming.get(d) ?? []), p]);
}

/** Checks over all features collect their failures, so one assertion reports them all (and stays fast). */
function check(problems: string[], ok: boolean, what: string): void {
  if (!ok && problems.length < 20) problems.push(what);
}

describe('demo drainage network', () => {
  it('has 5,000–20,000 pipes over the three networks, unique node ids, and references that exist', () => {
    expect(pipes.length).toBeGreaterThanOrEqual(5000);
    expect(pipes.length).toBeLessThanOrEqual(20000);
    expect(byId.size).toBe(nodes.length);
    expect(new Set(pipes.map((p) => p.columns.network))).toEqual(new Set(['rain', 'sewage', 'combined']));
    const problems: string[] = [];
    for (const p of pipes) {
      const up = byId.get(str(p, 'up_node'));
      const down = byId.get(str(p, 'down_node'));
      check(problems, !!up && !!down, `${p.external_id}: missing node`);
      if (!up || !down) continue;
      check(problems, up.columns.network === p.columns.network && down.columns.network === p.columns.network, `${p.external_id}: network`);
      const [a, b] = ends(p);
      check(problems, JSON.stringify([a, b]) === JSON.stringify([coords(up), coords(down)]), `${p.external_id}: ends`);
    }
    expect(problems).toEqual([]);
  });

  it('flows by gravity: up_invert > down_invert with slope ≥ 0.001, length matching the geometry', () => {
    const problems: string[] = [];
    for (const p of pipes) {
      const up = num(p, 'up_invert');
      const down = num(p, 'down_invert');
      const len = num(p, 'length_m');
      const geomLen = haversine(...ends(p));
      check(problems, Math.abs(len - geomLen) / geomLen < 0.01, `${p.external_id}: length ${len} vs ${geomLen}`);
      check(problems, up > down && (up - down) / len >= 0.001, `${p.external_id}: ${up} → ${down} over ${len} m`);
    }
    expect(problems).toEqual([]);
  });

  it('keeps every pipe ≥ 1.0 m cover + diameter below the DEM ground at both ends, and depths consistent', () => {
    const problems: string[] = [];
    for (const p of pipes) {
      const d = num(p, 'diameter_mm') / 1000;
      const [a, b] = ends(p);
      const ga = demHeightAt(pack.dem, a[0], a[1]);
      const gb = demHeightAt(pack.dem, b[0], b[1]);
      check(problems, num(p, 'up_invert') <= ga - 1.0 - d + 1e-6, `${p.external_id}: up cover`);
      check(problems, num(p, 'down_invert') <= gb - 1.0 - d + 1e-6, `${p.external_id}: down cover`);
      check(problems, Math.abs(num(p, 'up_depth') - (ga - num(p, 'up_invert'))) < 0.002, `${p.external_id}: up_depth`);
      check(problems, Math.abs(num(p, 'down_depth') - (gb - num(p, 'down_invert'))) < 0.002, `${p.external_id}: down_depth`);
    }
    for (const n of nodes) {
      const [lon, lat] = point(coords(n));
      const g = demHeightAt(pack.dem, lon, lat);
      const inv = num(n, 'invert_elev');
      check(problems, Math.abs(num(n, 'ground_elev') - g) < 0.002, `${n.external_id}: ground ${num(n, 'ground_elev')} vs DEM ${g}`);
      check(problems, Math.abs(num(n, 'depth') - (num(n, 'ground_elev') - inv)) < 0.002, `${n.external_id}: depth`);
      check(problems, num(n, 'depth') >= 1.3, `${n.external_id}: depth ${num(n, 'depth')}`);
      // The manhole bottom is at or below every pipe invert that meets it.
      for (const p of incoming.get(n.external_id) ?? []) check(problems, inv <= num(p, 'down_invert'), `${n.external_id} ${p.external_id}`);
      for (const p of outgoing.get(n.external_id) ?? []) check(problems, inv <= num(p, 'up_invert'), `${n.external_id}: ${p.external_id}`);
    }
    expect(problems).toEqual([]);
  });

  it('uses standard diameters that never shrink downstream, and plausible materials and years', () => {
    const allowed = new Set<number>(PIPE_DIAMETERS);
    const problems: string[] = [];
    for (const p of pipes) {
      const d = num(p, 'diameter_mm');
      const year = num(p, 'install_year');
      check(problems, allowed.has(d), `${p.external_id}: diameter ${d}`);
      check(problems, Number.isInteger(year) && year >= 1970 && year <= 2025, `${p.external_id}: year ${year}`);
      check(problems, str(p, 'material').length > 0, `${p.external_id}: material`);
      for (const next of outgoing.get(str(p, 'down_node')) ?? []) {
        check(problems, num(next, 'diameter_mm') >= d, `${p.external_id} ${d} → ${next.external_id} ${num(next, 'diameter_mm')}`);
      }
    }
    expect(problems).toEqual([]);
    expect(new Set(pipes.map((p) => p.columns.diameter_mm)).size).toBeGreaterThanOrEqual(6);
  });

  it('is a forest: every manhole/pump has one outgoing pipe and drains to an outfall (rain, combined) or the plant (sewage)', () => {
    const plants = nodes.filter((n) => n.columns.node_type === 'plant');
    expect(plants).toHaveLength(1);
    expect(plants[0]?.columns.network).toBe('sewage');
    expect(nodes.filter((n) => n.columns.node_type === 'pump').length).toBeGreaterThanOrEqual(1);
    const problems: string[] = [];
    for (const n of nodes) {
      const type = str(n, 'node_type');
      const out = outgoing.get(n.external_id) ?? [];
      if (type === 'outfall' || type === 'plant') {
        check(problems, out.length === 0 && (incoming.get(n.external_id) ?? []).length > 0, `${n.external_id}: outlet links`);
      } else {
        check(problems, out.length === 1, `${n.external_id}: ${out.length} outgoing pipes`);
      }
    }
    const terminal = new Map<string, string>();
    for (const n of nodes) {
      const path: string[] = [];
      let cur: DemoFeature | undefined = n;
      let end: string | undefined;
      while (cur) {
        const known = terminal.get(cur.external_id);
        if (known) {
          end = known;
          break;
        }
        const type = str(cur, 'node_type');
        if (type === 'outfall' || type === 'plant') {
          end = type;
          break;
        }
        path.push(cur.external_id);
        if (path.length > nodes.length) break; // a cycle
        const next: DemoFeature | undefined = outgoing.get(cur.external_id)?.[0];
        cur = next ? byId.get(str(next, 'down_node')) : undefined;
      }
      for (const id of path) if (end) terminal.set(id, end);
      check(problems, end === (n.columns.network === 'sewage' ? 'plant' : 'outfall'), `${n.external_id}: drains to ${end}`);
    }
    expect(problems).toEqual([]);
  });

  it('puts outfalls on a river line and the plant near 泗河', () => {
    const rivers = layer(pack, 'rivers').map((r) => ({ name: r.name, lines: coords(r) as number[][][] }));
    const nearest = (p: number[]): { name: string; d: number } => {
      let best = { name: '', d: Infinity };
      for (const r of rivers) {
        for (const line of r.lines) {
          const d = distanceToLine(p, line);
          if (d < best.d) best = { name: r.name, d };
        }
      }
      return best;
    };
    const outfalls = nodes.filter((n) => n.columns.node_type === 'outfall');
    expect(outfalls.length).toBeGreaterThanOrEqual(5);
    for (const o of outfalls) expect(nearest(point(coords(o))).d, o.external_id).toBeLessThan(30);
    const plant = nodes.find((n) => n.columns.node_type === 'plant');
    const near = nearest(point(coords(plant)));
    expect(near.name).toBe('泗河');
    expect(near.d).toBeLessThan(500);
  });

  it('keeps every node and pipe inside the district boundary', () => {
    const problems: string[] = [];
    for (const n of nodes) check(problems, insideBoundary(...point(coords(n))), n.external_id);
    for (const p of pipes) {
      const [a, b] = ends(p);
      const ok = insideBoundary(...a) && insideBoundary(...b) && insideBoundary((a[0] + b[0]) / 2, (a[1] + b[1]) / 2);
      check(problems, ok, p.external_id);
    }
    expect(problems).toEqual([]);
  });
});
