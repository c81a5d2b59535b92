import { describe, expect, it } from 'vitest';
import { dockTabsReducer, emptyDockTabs, shownTab, type DockTabs, type DockTabsAction } from '../../../../renderer/app/dockTabs';

const order = ['drainage', 'incidents', 'cameras', 'linkage', 'station'];
const reduce = dockTabsReducer(order);
const run = (actions: DockTabsAction[], from: DockTabs = emptyDockTabs) => actions.reduce(reduce, from);
const appear = (id: string, initial = false): DockTabsAction => ({ type: 'presence', id, present: true, initial });
const vanish = (id: string): DockTabsAction => ({ type: 'presence', id, present: false, initial: false });

describe('dockTabs', () => {
  it('shows the first present tool in registry order when nothing was chosen', () => {
    const s = run([appear('cameras', true), appear('drainage', true)]);
    expect(shownTab(s, order)).toBe('drainage');
    expect(shownTab(emptyDockTabs, order)).toBeNull();
  });

  it('keeps a remembered tab that is present on mount, and falls back while it is closed', () => {
    expect(shownTab(run([appear('drainage', true), appear('cameras', true)], { ...emptyDockTabs, active: 'cameras' }), order)).toBe('cameras');
    expect(shownTab(run([appear('drainage', true)], { ...emptyDockTabs, active: 'cameras' }), order)).toBe('drainage');
  });

  it('brings a panel that appears later forward; closing it returns to the tab shown before', () => {
    let s = run([appear('drainage', true), appear('incidents'), appear('linkage')]);
    expect(shownTab(s, order)).toBe('linkage');
    expect(s.history).toEqual(['drainage', 'incidents']);
    s = reduce(s, vanish('linkage'));
    expect(shownTab(s, order)).toBe('incidents');
    s = reduce(s, vanish('incidents'));
    expect(shownTab(s, order)).toBe('drainage');
  });

  it('an initial report does not steal the tab shown', () => {
    const s = run([appear('drainage', true), { type: 'select', id: 'drainage' }, appear('cameras', true)]);
    expect(shownTab(s, order)).toBe('drainage');
  });

  it('select moves the shown tab into the history once; closing a tab in the history drops it', () => {
    let s = run([appear('drainage', true), appear('incidents', true), appear('cameras', true)]);
    s = run([{ type: 'select', id: 'incidents' }, { type: 'select', id: 'cameras' }, { type: 'select', id: 'incidents' }], s);
    expect(shownTab(s, order)).toBe('incidents');
    expect(s.history).toEqual(['drainage', 'cameras']);
    s = reduce(s, vanish('cameras'));
    expect(s.history).toEqual(['drainage']);
    expect(reduce(s, { type: 'select', id: 'incidents' })).toBe(s);
  });

  it('a repeated report changes nothing; restore takes another layout’s tab and forgets the history', () => {
    const s = run([appear('drainage', true), appear('cameras')]);
    expect(reduce(s, appear('cameras'))).toBe(s);
    const r = reduce(s, { type: 'restore', active: 'drainage' });
    expect(shownTab(r, order)).toBe('drainage');
    expect(r.history).toEqual([]);
    expect(r.present).toEqual(s.present);
  });
});
