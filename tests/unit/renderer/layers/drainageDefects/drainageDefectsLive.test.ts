import { describe, expect, it } from 'vitest';
import { readDefectsLive } from '../../../../../renderer/layers/drainageDefects/drainageDefectsLive';

const good = { id: 7, code: 'PL', grade: 3, colour: '#ff922b', lon: 110.8, lat: 32.6, invert: 250, depthBelowGround: 2, radius: 0.4 };

describe('readDefectsLive', () => {
  it('keeps well-formed marks and a selection that is one of them', () => {
    const onPlaced = () => undefined;
    expect(readDefectsLive({ pipeId: 'P1', marks: [good, { ...good, id: 8, invert: null }], selectedId: 8, onPlaced })).toEqual({
      pipeId: 'P1',
      marks: [good, { ...good, id: 8, invert: null }],
      selectedId: 8,
      onPlaced,
    });
  });

  it('drops malformed marks and a selection of no mark; anything else is no marks at all', () => {
    const r = readDefectsLive({ pipeId: 'P1', marks: [good, { ...good, id: 'x' }, { ...good, lon: Number.NaN }, { ...good, invert: '250' }, null], selectedId: 99 });
    expect(r).toEqual({ pipeId: 'P1', marks: [good], selectedId: null });
    for (const bad of [null, undefined, 'P1', [], { marks: [good] }, { pipeId: 'P1', marks: 'x' }]) expect(readDefectsLive(bad)).toBeNull();
  });
});
