import type { Client, Feature, Geometry } from '../../../preload/contract';

export interface DrainageFeature {
  kind: 'pipe' | 'node';
  id: string;
  layerId: string;
  properties: Record<string, unknown>;
  /** Where to look: the node, or the pipe's midpoint. */
  position: [number, number] | null;
  /** The feature's geometry (a pipe's line places its defect marks), null when unknown. */
  geometry: Geometry | null;
}

/** About 30 m around a point, in degrees. */
const PAD = 0.0003;

/**
 * The attributes and place of one drainage pipe or node by its external_id. The contract has no get-by-id, so the
 * network gives the place (drainage.profile of the pipe / from the node) and a small bbox query the attributes.
 */
export async function loadDrainageFeature(client: Client, kind: 'pipe' | 'node', id: string, layerId: string): Promise<DrainageFeature> {
  const profile = await client.call('drainage.profile', kind === 'pipe' ? { pipeIds: [id] } : { from: id });
  const places = (kind === 'pipe' ? profile.stations : profile.stations.filter((s) => s.nodeId === id)).map((s) => s.position).filter((p): p is [number, number] => p !== null);
  if (places.length === 0) return { kind, id, layerId, properties: {}, position: null, geometry: null };
  const lons = places.map((p) => p[0]);
  const lats = places.map((p) => p[1]);
  const bbox: [number, number, number, number] = [Math.min(...lons) - PAD, Math.min(...lats) - PAD, Math.max(...lons) + PAD, Math.max(...lats) + PAD];
  const fc = await client.call('features.query', { layerId, bbox, limit: 5_000 });
  const f: Feature | undefined = fc.features.find((x) => String(x.id) === id);
  const position: [number, number] = [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2];
  return { kind, id, layerId, properties: f?.properties ?? {}, position, geometry: f?.geometry ?? null };
}
