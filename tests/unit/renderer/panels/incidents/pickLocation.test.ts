import { describe, expect, it } from 'vitest';
import { createClient, type Feature } from '../../../../../preload/contract';
import { featureCentre, pickLocation } from '../../../../../renderer/panels/incidents/pickLocation';

const f = (geometry: Feature['geometry'], id: string | number = 1, properties: Record<string, unknown> = {}): Feature => ({ type: 'Feature', id, geometry, properties });

describe('pickLocation', () => {
  it('a point is itself; a line or polygon the centre of its extent; nothing without geometry', () => {
    expect(featureCentre(f({ type: 'Point', coordinates: [110.79, 32.61] }))).toEqual([110.79, 32.61]);
    expect(featureCentre(f({ type: 'LineString', coordinates: [[110.7, 32.6], [110.8, 32.6], [110.9, 32.8]] }))).toEqual([110.80000000000001, 32.7]);
    expect(featureCentre(f({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 4], [0, 0]]] }))).toEqual([1, 2]);
    expect(featureCentre(f(null))).toBeNull();
  });

  it('finds the picked feature by id or external id in its layer; null without a pick or a match', async () => {
    const features = [f({ type: 'Point', coordinates: [1, 2] }, 7, { external_id: 'CAM-7' }), f({ type: 'Point', coordinates: [3, 4] }, 8)];
    const asked: unknown[] = [];
    const client = createClient({
      call: async (method, input) => {
        asked.push([method, input]);
        return { ok: true, value: { type: 'FeatureCollection', layerId: 'cameras', features, total: 2, truncated: false } };
      },
      subscribe: () => () => undefined,
    });
    expect(await pickLocation(client, { layerId: 'cameras', kind: 'cameras', featureId: 'CAM-7', seq: 1 })).toEqual([1, 2]);
    expect(await pickLocation(client, { layerId: 'cameras', kind: 'cameras', featureId: '8', seq: 2 })).toEqual([3, 4]);
    expect(await pickLocation(client, { layerId: 'cameras', kind: 'cameras', featureId: 'nope', seq: 3 })).toBeNull();
    expect(await pickLocation(client, null)).toBeNull();
    expect(asked).toEqual([0, 1, 2].map(() => ['features.query', { layerId: 'cameras', limit: 50_000 }]));
  });
});
