/**
 * What the dock remembers per layout (值班 operator, 分析 analyst, 全景 wall) on this screen: the tool tab chosen last,
 * whether the right dock and the layer list are collapsed, and the right dock's width in rem (so a 4K wall and a
 * 1080p console keep the same proportions).
 */
export interface DockState {
  active: string | null;
  collapsed: boolean;
  leftCollapsed: boolean;
  widthRem: number;
}

export const dockWidthRem = { min: 22, max: 60, initial: 32 } as const;

export const defaultDockState: DockState = { active: null, collapsed: false, leftCollapsed: false, widthRem: dockWidthRem.initial };

export const dockStateKey = (layout: string) => `cityops.dock.${layout}`;

export const clampDockWidth = (rem: number) => Math.min(dockWidthRem.max, Math.max(dockWidthRem.min, Math.round(rem * 10) / 10));

/** The remembered state; anything missing or malformed (another version, a hand edit) falls back field by field. */
export function loadDockState(storage: Pick<Storage, 'getItem'>, layout: string): DockState {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(dockStateKey(layout)) ?? 'null');
  } catch {
    raw = null;
  }
  const o = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  return {
    active: typeof o.active === 'string' && o.active.length > 0 ? o.active : defaultDockState.active,
    collapsed: typeof o.collapsed === 'boolean' ? o.collapsed : defaultDockState.collapsed,
    leftCollapsed: typeof o.leftCollapsed === 'boolean' ? o.leftCollapsed : defaultDockState.leftCollapsed,
    widthRem: typeof o.widthRem === 'number' && Number.isFinite(o.widthRem) ? clampDockWidth(o.widthRem) : defaultDockState.widthRem,
  };
}

/** Remembers the state; a full or blocked storage only loses the memory, never the session. */
export function saveDockState(storage: Pick<Storage, 'setItem'>, layout: string, state: DockState): void {
  try {
    storage.setItem(dockStateKey(layout), JSON.stringify(state));
  } catch {
    // Private mode or quota: the dock still works, it just does not remember.
  }
}
