import type { Feature } from '../../../preload/contract';
import { pointOf } from '../../map/geometryParts';

export interface NodeShaft {
  id: string;
  lon: number;
  lat: number;
  /** Rendered heights (vertical exaggeration applied) of the shaft's top (ground) and bottom (invert). */
  top: number;
  bottom: number;
  radius: number;
  colour: string;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

const shaftColour: Record<string, string> = { outfall: '#3aa0ff', pump: '#ffb020', plant: '#e0803a', storage: '#2ec4b6' };

/**
 * Pure: the shaft of a node, a cylinder from ground_elev down to invert_elev (ground − depth when the invert is
 * missing); null when the node has no usable depth. Manholes are 1 m across, pumps and storages wider.
 */
export function nodeShaft(f: Feature, exaggeration = 1, relativeHeight = 0): NodeShaft | null {
  const p = pointOf(f.geometry);
  if (!p) return null;
  const ground = num(f.properties.ground_elev);
  const depth = num(f.properties.depth);
  const invert = num(f.properties.invert_elev) ?? (ground !== null && depth !== null ? ground - depth : null);
  if (ground === null || invert === null || !(ground - invert > 0.05) || ground - invert > 100) return null;
  const type = String(f.properties.node_type ?? 'manhole');
  const r = (h: number) => relativeHeight + (h - relativeHeight) * exaggeration;
  return { id: String(f.id), lon: p[0], lat: p[1], top: r(ground), bottom: r(invert), radius: type === 'pump' || type === 'storage' || type === 'plant' ? 2 : 0.6, colour: shaftColour[type] ?? '#cfd8e3' };
}
