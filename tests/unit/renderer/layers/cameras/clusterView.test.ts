import { describe, expect, it } from 'vitest';
import { cameraClustering } from '../../../../../renderer/layers/cameras/cameraClustering';
import { clusterView } from '../../../../../renderer/layers/cameras/clusterView';

const pts = [
  { id: 'a', x: 100, y: 100 },
  { id: 'b', x: 110, y: 100 },
  { id: 'c', x: 105, y: 108 },
  { id: 'd', x: 400, y: 400 },
  { id: 'e', x: 700, y: 100 },
  { id: 'f', x: 712, y: 100 },
];
const status: Record<string, string> = { a: 'online', b: 'fault', c: 'online', d: 'online', e: 'online', f: 'offline' };

describe('clusterView (pure)', () => {
  it('clusters of two or more become markers with counts; lone cameras draw alone', () => {
    const v = clusterView(cameraClustering(pts, 36), (id) => status[id] ?? null);
    expect([...v.singles]).toEqual(['d']);
    const byCount = v.clusters.map((k) => ({ members: [...k.members].sort().join(''), count: k.count, fault: k.fault })).sort((x, y) => y.count - x.count);
    expect(byCount).toEqual([
      { members: 'abc', count: 3, fault: true },
      { members: 'ef', count: 2, fault: false },
    ]);
  });
  it('a pinned (selected) camera leaves its cluster; a cluster left with one draws it alone', () => {
    const v = clusterView(cameraClustering(pts, 36), (id) => status[id] ?? null, new Set(['e', 'b']));
    expect([...v.singles].sort()).toEqual(['b', 'd', 'e', 'f']);
    expect(v.clusters).toHaveLength(1);
    expect([...v.clusters[0]!.members].sort()).toEqual(['a', 'c']);
    expect(v.clusters[0]!.fault).toBe(false);
  });
});
