import { describe, expect, it } from 'vitest';
import { defaultDockState, dockStateKey, loadDockState, saveDockState } from '../../../../renderer/app/dockState';

const memory = (init: Record<string, string> = {}) => {
  const m = new Map(Object.entries(init));
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
};

describe('dockState', () => {
  it('round-trips per layout', () => {
    const s = memory();
    saveDockState(s, 'operator', { active: 'cameras', collapsed: true, leftCollapsed: false, widthRem: 40 });
    expect(loadDockState(s, 'operator')).toEqual({ active: 'cameras', collapsed: true, leftCollapsed: false, widthRem: 40 });
    expect(loadDockState(s, 'analyst')).toEqual(defaultDockState);
    expect([...s.m.keys()]).toEqual([dockStateKey('operator')]);
  });

  it('falls back field by field on malformed memory and clamps the width', () => {
    expect(loadDockState(memory({ [dockStateKey('operator')]: '{not json' }), 'operator')).toEqual(defaultDockState);
    const odd = memory({ [dockStateKey('operator')]: JSON.stringify({ active: 7, collapsed: 'yes', leftCollapsed: true, widthRem: 500 }) });
    expect(loadDockState(odd, 'operator')).toEqual({ ...defaultDockState, leftCollapsed: true, widthRem: 60 });
    const narrow = memory({ [dockStateKey('analyst')]: JSON.stringify({ widthRem: 3 }) });
    expect(loadDockState(narrow, 'analyst').widthRem).toBe(22);
  });

  it('a storage that refuses to write does not throw', () => {
    const full = { setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(() => saveDockState(full, 'operator', defaultDockState)).not.toThrow();
  });
});
