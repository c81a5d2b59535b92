import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDrainageNetwork } from '../../../../../main/services/drainage/drainageNetwork';
import { traceNetwork } from '../../../../../main/services/drainage/traceNetwork';
import { tempStore, writeNetwork, type TestNode, type TestPipe, type TestStore } from './drainageTestStore';

let t: TestStore;
beforeEach(() => {
  t = tempStore();
});
afterEach(() => t.cleanup());

// M1 → M2 → M3 → P1 (pump) → M4 → O1 (outfall), with a branch M5 → M3.
const treeNodes: TestNode[] = [
  { id: 'M1' },
  { id: 'M2' },
  { id: 'M3' },
  { id: 'P1', type: 'pump' },
  { id: 'M4' },
  { id: 'O1', type: 'outfall' },
  { id: 'M5' },
];
const inv = { upInv: 10, downInv: 9.9 };
const treePipes: TestPipe[] = [
  { id: 'a', up: 'M1', down: 'M2', length: 40, ...inv },
  { id: 'b', up: 'M2', down: 'M3', length: 45, ...inv },
  { id: 'c', up: 'M5', down: 'M3', length: 30, ...inv },
  { id: 'd', up: 'M3', down: 'P1', length: 50, ...inv },
  { id: 'e', up: 'P1', down: 'M4', length: 55, ...inv },
  { id: 'f', up: 'M4', down: 'O1', length: 60, ...inv },
];
const trace = (id: string, dir: 'up' | 'down' | 'connected', opts = {}) => traceNetwork(loadDrainageNetwork(t.store.db), id, dir, opts);

describe('traceNetwork on a tree', () => {
  beforeEach(() => writeNetwork(t.store, treeNodes, treePipes));

  it('downstream from a manhole reaches the outfall through the running pump', () => {
    const r = trace('M1', 'down');
    expect(r.pipeIds).toEqual(['a', 'b', 'd', 'e', 'f']);
    expect(r.nodeIds).toEqual(['M1', 'M2', 'M3', 'P1', 'M4', 'O1']);
    expect(r.pipeCount).toBe(5);
    expect(r.totalLengthM).toBe(250);
    expect(r.outfalls).toEqual(['O1']);
    expect(r.pumps).toEqual(['P1']);
    expect(r.stoppedAt).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it('upstream from the outfall is the whole catchment, including the side branch', () => {
    const r = trace('O1', 'up');
    expect(new Set(r.pipeIds)).toEqual(new Set(['a', 'b', 'c', 'd', 'e', 'f']));
    expect(r.totalLengthM).toBe(280);
    expect(r.warnings).toEqual([]);
  });

  it('from a pipe id: downstream starts with that pipe; connected covers everything', () => {
    const r = trace('b', 'down');
    expect(r.start).toEqual({ kind: 'pipe', id: 'b' });
    expect(r.pipeIds).toEqual(['b', 'd', 'e', 'f']);
    expect(r.nodeIds).toEqual(expect.arrayContaining(['M2', 'M3', 'O1']));
    expect(r.nodeIds).not.toContain('M1');
    expect(trace('c', 'connected').pipeCount).toBe(6);
    expect(trace('M5', 'connected').nodeIds).toHaveLength(7);
  });

  it('stops at every pump with stopAtPumps', () => {
    const r = trace('M1', 'down', { stopAtPumps: true });
    expect(r.pipeIds).toEqual(['a', 'b', 'd']);
    expect(r.stoppedAt).toEqual([{ kind: 'node', id: 'P1', reason: 'node_type=pump' }]);
    expect(r.outfalls).toEqual([]);
  });

  it('an unknown id is NOT_FOUND', () => {
    expect(() => trace('nope', 'down')).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining("'nope'") }));
  });
});

describe('traceNetwork stops where the data says flow stops', () => {
  it('a stopped pump (props status 停运) and a closed gate on a pipe', () => {
    writeNetwork(
      t.store,
      treeNodes.map((n) => (n.id === 'P1' ? { ...n, props: { status: '停运' } } : n)),
      treePipes.map((p) => (p.id === 'c' ? { ...p, props: { gate_state: 'closed' } } : p)),
    );
    const down = trace('M1', 'down');
    expect(down.pipeIds).toEqual(['a', 'b', 'd']);
    expect(down.stoppedAt).toEqual([{ kind: 'node', id: 'P1', reason: 'status=停运' }]);
    const up = trace('M3', 'up');
    expect(up.pipeIds).toEqual(['b', 'a']);
    expect(up.stoppedAt).toEqual([{ kind: 'pipe', id: 'c', reason: 'gate_state=closed' }]);
  });
});

describe('traceNetwork on bad data does not crash and says what is wrong', () => {
  it('a loop is reported once and not followed again', () => {
    writeNetwork(
      t.store,
      [{ id: 'X1' }, { id: 'X2' }, { id: 'X3' }, { id: 'O', type: 'outfall' }],
      [
        { id: 'x12', up: 'X1', down: 'X2', ...inv },
        { id: 'x23', up: 'X2', down: 'X3', ...inv },
        { id: 'x31', up: 'X3', down: 'X1', ...inv },
        { id: 'x3o', up: 'X3', down: 'O', ...inv },
      ],
    );
    const r = trace('X1', 'down');
    expect(new Set(r.pipeIds)).toEqual(new Set(['x12', 'x23', 'x31', 'x3o']));
    expect(r.outfalls).toEqual(['O']);
    expect(r.warnings.map((w) => [w.kind, w.ids])).toEqual([['cycle', ['x31']]]);
    const up = trace('X2', 'up');
    expect(up.warnings.find((w) => w.kind === 'cycle')?.ids).toEqual(['x23']);
  });

  it('dangling pipes, dead ends, undeclared nodes and missing inverts and lengths become warnings', () => {
    writeNetwork(
      t.store,
      [{ id: 'A' }, { id: 'B' }, { id: 'C' }],
      [
        { id: 'ab', up: 'A', down: 'B', upInv: 10, downInv: 9.9 },
        { id: 'b-', up: 'B', down: null, upInv: 9.8 },
        { id: 'bc', up: 'B', down: 'C', upInv: 9.8, downInv: 9.7 },
        { id: 'bg', up: 'B', down: 'GHOST', upInv: null, downInv: null, length: null, line: null },
      ],
    );
    const r = trace('A', 'down');
    expect(r.pipeIds).toEqual(['ab', 'b-', 'bc', 'bg']);
    const byKind = Object.fromEntries(r.warnings.map((w) => [w.kind, w.ids]));
    expect(byKind).toEqual({
      dangling: ['b-'],
      dead_end: ['C', 'GHOST'],
      undeclared_node: ['GHOST'],
      missing_invert: ['b-', 'bg'],
      missing_length: ['bg'],
    });
    expect(r.totalLengthM).toBe(150);
    for (const w of r.warnings) {
      expect(w.message.zh).not.toBe('');
      expect(w.message.en).toMatch(w.ids[0]!);
    }
  });
});

describe('loading for a trace', () => {
  it('reads geometry only when a pipe lacks length_m (its length then comes from the line)', () => {
    writeNetwork(t.store, treeNodes, treePipes);
    expect(loadDrainageNetwork(t.store.db).geometryLoaded).toBe(false);
    writeNetwork(t.store, treeNodes, treePipes.map((p) => (p.id === 'a' ? { ...p, length: null } : p)));
    const net = loadDrainageNetwork(t.store.db);
    expect(net.geometryLoaded).toBe(true);
    // a runs from M1 (110.800E) to M2 (110.801E) at 32.6N: 0.001° of longitude ≈ 93.8 m.
    expect(traceNetwork(net, 'a', 'down').totalLengthM).toBeCloseTo(93.8 + 45 + 50 + 55 + 60, 0);
  });
});
