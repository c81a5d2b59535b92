import type { Client, Feature, Geometry } from '../../../preload/contract';
import type { MapPick } from '../../app/toolContext';

type Pos = number[];

function positions(g: Geometry): Pos[] {
  if (g.type === 'GeometryCollection') return g.geometries.flatMap((x) => positions(x));
  const out: Pos[] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') out.push(c as Pos);
    else if (Array.isArray(c)) c.forEach(walk);
  };
  walk(g.coordinates);
  return out;
}

/** Pure: a point for a feature — the point itself, else the centre of its extent; null without geometry. */
export function featureCentre(f: Feature): [number, number] | null {
  if (!f.geometry) return null;
  const ps = positions(f.geometry).filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
  if (ps.length === 0) return null;
  const lons = ps.map((p) => p[0]!);
  const lats = ps.map((p) => p[1]!);
  return [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
}

const idsOf = (f: Feature) => [String(f.id), f.properties.external_id, f.properties.station_code].filter((x) => x !== undefined && x !== null).map(String);

/**
 * The coordinates of the last map pick: the contract has no get-by-id, so the picked layer is queried (features.query)
 * and the feature found by its id or external id. null when there is no pick or it has no place.
 */
export async function pickLocation(client: Client, pick: MapPick | null): Promise<[number, number] | null> {
  if (!pick) return null;
  const fc = await client.call('features.query', { layerId: pick.layerId, limit: 50_000 });
  const f = fc.features.find((x) => idsOf(x).includes(pick.featureId));
  return f ? featureCentre(f) : null;
}
