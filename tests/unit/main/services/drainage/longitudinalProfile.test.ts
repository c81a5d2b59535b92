import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDrainageNetwork } from '../../../../../main/services/drainage/drainageNetwork';
import { longitudinalProfile, type ProfileRequest } from '../../../../../main/services/drainage/longitudinalProfile';
import { tempStore, writeNetwork, type TestStore } from './drainageTestStore';

let t: TestStore;
beforeEach(() => {
  t = tempStore();
  writeNetwork(
    t.store,
    [
      { id: 'N1', ground: 100, invert: 98 },
      { id: 'N2', ground: 99.5, invert: 97.85 },
      { id: 'N3', ground: 99 },
      { id: 'N4', ground: null, type: 'outfall' },
      { id: 'A', ground: 50 },
      { id: 'B', ground: 50 },
      { id: 'C', ground: 49 },
    ],
    [
      { id: 'p1', up: 'N1', down: 'N2', d: 400, upInv: 98, downInv: 97.9, length: 50 },
      { id: 'p2', up: 'N2', down: 'N3', d: 500, upInv: 97.85, downInv: null, downDepth: 1.5, length: 40 },
      { id: 'p3', up: 'N3', down: 'N4', d: 500, upInv: null, downInv: null, length: 30 },
      { id: 'ac', up: 'A', down: 'C', d: 300, upInv: 48, downInv: 47.9, length: 20 },
      { id: 'bc', up: 'B', down: 'C', d: 300, upInv: 48.2, downInv: 47.95, length: 25 },
    ],
  );
});
afterEach(() => t.cleanup());
const profile = (req: ProfileRequest) => longitudinalProfile(loadDrainageNetwork(t.store.db, { geometry: true }), req);

describe('longitudinalProfile', () => {
  it('between two manholes downstream: chainage, ground, inverts, crowns and slope ‰; gaps listed, never NaN', () => {
    const r = profile({ from: 'N1', to: 'N4' });
    expect(r.method).toBe('downstream');
    expect(r.stations.map((s) => [s.nodeId, s.chainageM, s.groundElev])).toEqual([
      ['N1', 0, 100],
      ['N2', 50, 99.5],
      ['N3', 90, 99],
      ['N4', 120, null],
    ]);
    expect(r.totalLengthM).toBe(120);
    const [s1, s2, s3] = r.segments;
    expect(s1).toMatchObject({ pipeId: 'p1', reversed: false, startInvert: 98, endInvert: 97.9, startCrown: 98.4, endCrown: 98.3, slopePermille: 2, diameterMm: 400 });
    // p2's down invert is derived: ground 99 − down_depth 1.5 = 97.5; slope (97.85 − 97.5) / 40 m = 8.75 ‰.
    expect(s2).toMatchObject({ pipeId: 'p2', startInvert: 97.85, endInvert: 97.5, endCrown: 98, slopePermille: 8.75 });
    expect(s3).toMatchObject({ pipeId: 'p3', startInvert: null, endInvert: null, startCrown: null, slopePermille: null });
    expect(r.missing).toEqual([
      { kind: 'pipe', id: 'p2', field: 'down_invert', derivedFrom: 'ground_elev − down_depth' },
      { kind: 'pipe', id: 'p3', field: 'up_invert', derivedFrom: null },
      { kind: 'pipe', id: 'p3', field: 'down_invert', derivedFrom: null },
      { kind: 'node', id: 'N4', field: 'ground_elev', derivedFrom: null },
    ]);
    expect(JSON.stringify(r)).not.toMatch(/NaN/);
  });

  it('from a node alone follows the main line to the outlet', () => {
    const r = profile({ from: 'N1' });
    expect(r.method).toBe('main_line');
    expect(r.segments.map((s) => s.pipeId)).toEqual(['p1', 'p2', 'p3']);
  });

  it('to upstream of from: the profile runs with the flow and says so', () => {
    const r = profile({ from: 'N3', to: 'N1' });
    expect(r.method).toBe('downstream');
    expect(r.stations.map((s) => s.nodeId)).toEqual(['N1', 'N2', 'N3']);
    expect(r.warnings[0]?.en).toMatch(/upstream/);
  });

  it('without a path along the flow it takes the undirected shortest path, with reversed segments', () => {
    const r = profile({ from: 'A', to: 'B' });
    expect(r.method).toBe('undirected');
    expect(r.segments.map((s) => [s.pipeId, s.reversed, s.startInvert, s.endInvert])).toEqual([
      ['ac', false, 48, 47.9],
      ['bc', true, 47.95, 48.2],
    ]);
    expect(r.segments[1]!.slopePermille).toBe(10); // in bc's flow direction: (48.2 − 47.95) / 25 m
    expect(r.stations.map((s) => s.chainageM)).toEqual([0, 20, 45]);
  });

  it('along a given list of pipes, in either order; a broken chain or an unknown node is refused', () => {
    expect(profile({ pipeIds: ['p2', 'p1'] }).stations.map((s) => s.nodeId)).toEqual(['N3', 'N2', 'N1']);
    expect(() => profile({ pipeIds: ['p1', 'p3'] })).toThrow(expect.objectContaining({ code: 'BAD_INPUT', message: expect.stringContaining("'p3'") }));
    expect(() => profile({ from: 'N1', to: 'ZZ' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => profile({ from: 'N1', to: 'A' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining('no pipe path') }));
  });
});
