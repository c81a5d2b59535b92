import { describe, expect, it } from 'vitest';
import { createPrng, hashSeed } from '../../../../../main/sources/demoPack/prng';

describe('prng', () => {
  it('repeats a sequence for a seed and differs between seeds', () => {
    const a = createPrng('s');
    const b = createPrng('s');
    const c = createPrng('t');
    const sa = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(sa);
    expect(hashSeed('maojian-demo-v1')).toEqual(hashSeed('maojian-demo-v1'));
  });

  it('stays in range and is roughly uniform', () => {
    const p = createPrng('range');
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const v = p.next();
      expect(v >= 0 && v < 1).toBe(true);
      sum += v;
      const k = p.int(3, 7);
      expect(k >= 3 && k <= 7 && Number.isInteger(k)).toBe(true);
    }
    expect(sum / 20000).toBeCloseTo(0.5, 1);
  });

  it('forks independent, reproducible streams', () => {
    const x = createPrng('root').fork('a').next();
    expect(createPrng('root').fork('a').next()).toBe(x);
    expect(createPrng('root').fork('b').next()).not.toBe(x);
  });
});
