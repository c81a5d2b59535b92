import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureGeometry } from '../../../../../main/services/drainage/drainageNetwork';
import { DrainageService } from '../../../../../main/services/drainage/drainageService';
import { tempStore, type TestStore } from './drainageTestStore';
import { loadSwmmFixture } from './swmmFixture';

// Hand-checked from the five SWMM files (see tests/fixtures/drainage-swmm/README.md):
// C_1 J_1→Out_1, C_3 J_3→J_2, C_4 J_4→J_5, C_5 J_5→St_1, C_6 J_5→J_2; Out_2 has no conduit.
let t: TestStore;
let svc: DrainageService;
beforeAll(async () => {
  t = tempStore();
  await loadSwmmFixture(t.store);
  svc = new DrainageService(t.store.db);
});
afterAll(() => t.cleanup());

describe('the SWMM sample network', () => {
  it('loads all nodes and conduits, closed across the files (no undeclared node)', () => {
    const net = ensureGeometry(svc.network(), t.store.db);
    expect(net.pipeCount).toBe(5);
    expect(net.nodeCount).toBe(8);
    expect([...net.nodeDeclared].every((d) => d === 1)).toBe(true);
    expect(net.nodeLon.every((x) => x > 12 && x < 18)).toBe(true); // EPSG:25833 reprojected to lon/lat (UTM 33N)
  });

  it('J_1 drains to outfall Out_1 through C_1', () => {
    const r = svc.trace('J_1', 'down');
    expect(r.pipeIds).toEqual(['C_1']);
    expect(r.outfalls).toEqual(['Out_1']);
    expect(r.totalLengthM).toBeCloseTo(149.6, 1);
    expect(r.warnings).toEqual([]);
  });

  it('J_4 splits at divider J_5 into storage St_1 and J_2, a dead end that is no outfall', () => {
    const r = svc.trace('J_4', 'down');
    expect(new Set(r.pipeIds)).toEqual(new Set(['C_4', 'C_5', 'C_6']));
    expect(r.storages).toEqual(['St_1']);
    expect(r.outfalls).toEqual([]);
    expect(r.warnings.map((w) => [w.kind, w.ids])).toEqual([['dead_end', ['J_2']]]);
    expect(r.totalLengthM).toBeCloseTo(199.38 + 198.48 + 400, 1);
  });

  it('upstream of J_2 is J_3 (C_3) and, through the divider, J_4', () => {
    const r = svc.trace('J_2', 'up');
    expect(new Set(r.pipeIds)).toEqual(new Set(['C_3', 'C_6', 'C_4']));
    expect(new Set(r.nodeIds)).toEqual(new Set(['J_2', 'J_3', 'J_5', 'J_4']));
  });

  it('Out_2 is connected to nothing', () => {
    expect(svc.trace('Out_2', 'connected')).toMatchObject({ nodeIds: ['Out_2'], pipeIds: [] });
  });

  it('the checks find C_3 running uphill, C_6 leaving J_5 above its ground, the missing diameter and the isolated Out_2', () => {
    const r = svc.check();
    const of = (kind: string) => r.findings.filter((f) => f.kind === kind).map((f) => f.pipeId ?? f.nodeId);
    expect(of('reverse_slope')).toEqual(['C_3']); // J_3 invert 1.5 → J_2 invert 3.2
    expect(of('invert_above_ground')).toEqual(['C_6']); // 0.74 + InOffset 3.5 = 4.24 m > ground 0.74 + 0.26
    expect(of('isolated_node')).toEqual(['Out_2']);
    expect(of('loop')).toEqual([]);
    expect(of('pipe_end_not_at_node')).toEqual([]);
  });

  it('profile J_4 → J_2 follows C_4 and C_6 with the flow', () => {
    const p = svc.profile({ from: 'J_4', to: 'J_2' });
    expect(p.method).toBe('downstream');
    expect(p.segments.map((s) => s.pipeId)).toEqual(['C_4', 'C_6']);
    expect(p.missing).toEqual([{ kind: 'pipe', id: 'C_4', field: 'diameter_mm', derivedFrom: null }]);
    expect(p.segments[1]).toMatchObject({ startInvert: 4.24, endInvert: 3.2, slopePermille: 2.6 });
  });

  it('neighbours of divider J_5 and of pipe C_6', () => {
    expect(svc.pipeNeighbours('J_5')).toEqual({ kind: 'node', id: 'J_5', upNodes: ['J_4'], downNodes: ['St_1', 'J_2'], upPipes: ['C_4'], downPipes: ['C_5', 'C_6'] });
    expect(svc.pipeNeighbours('C_6')).toEqual({ kind: 'pipe', id: 'C_6', upNodes: ['J_5'], downNodes: ['J_2'], upPipes: ['C_4'], downPipes: [] });
  });
});
