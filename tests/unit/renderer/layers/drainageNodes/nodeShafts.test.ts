import { describe, expect, it } from 'vitest';
import type { Feature } from '../../../../../preload/contract';
import { nodeShaft } from '../../../../../renderer/layers/drainageNodes/nodeShafts';

const node = (props: Record<string, unknown>): Feature => ({ type: 'Feature', id: 'YSJ1', properties: props, geometry: { type: 'Point', coordinates: [110.8, 32.6] } });

describe('node shafts (pure)', () => {
  it('a manhole shaft runs from ground to invert', () => {
    expect(nodeShaft(node({ node_type: 'manhole', ground_elev: 200, invert_elev: 197.5 }))).toMatchObject({ id: 'YSJ1', top: 200, bottom: 197.5, radius: 0.6 });
  });
  it('uses ground − depth without an invert, exaggerates heights, widens pumps', () => {
    expect(nodeShaft(node({ node_type: 'pump', ground_elev: 200, depth: 4 }), 1.5)).toMatchObject({ top: 300, bottom: 294, radius: 2 });
  });
  it('no shaft without ground, with no depth, or with an impossible one', () => {
    expect(nodeShaft(node({ invert_elev: 190 }))).toBeNull();
    expect(nodeShaft(node({ ground_elev: 200 }))).toBeNull();
    expect(nodeShaft(node({ ground_elev: 200, invert_elev: 201 }))).toBeNull();
    expect(nodeShaft({ ...node({ ground_elev: 200, invert_elev: 198 }), geometry: null })).toBeNull();
  });
});
