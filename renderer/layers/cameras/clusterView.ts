import type { CameraClustering } from './cameraClustering';

/** A cluster marker to draw: where (its members' mean position) and how many. */
export interface ClusterMarker {
  key: string;
  members: string[];
  count: number;
  /** At least one member is in fault (the marker gets a red ring). */
  fault: boolean;
}

/** What to draw after a clustering: cameras drawn on their own, and cluster markers. */
export interface ClusterView {
  singles: Set<string>;
  clusters: ClusterMarker[];
}

/**
 * Pure: splits a clustering into lone cameras and cluster markers. `pinned` cameras (the selected one) are never
 * hidden in a cluster: they are drawn alone and leave their cluster (a cluster left with one member draws it alone).
 */
export function clusterView(c: CameraClustering, statusOf: (id: string) => string | null, pinned: ReadonlySet<string> = new Set()): ClusterView {
  const singles = new Set<string>();
  const clusters: ClusterMarker[] = [];
  for (const k of c.clusters) {
    const members = k.members.filter((id) => !pinned.has(id));
    for (const id of k.members) if (pinned.has(id)) singles.add(id);
    if (members.length === 1) singles.add(members[0]!);
    if (members.length < 2) continue;
    clusters.push({ key: k.key, members, count: members.length, fault: members.some((id) => statusOf(id) === 'fault') });
  }
  return { singles, clusters };
}
