/**
 * Which tool panel the right dock shows. A tool is "present" while it shows a panel (the dock sees its DOM); the tab
 * shown is the one chosen last that is still present, else the one before it, else the first present in registry
 * order. A panel that appears later (a camera picked on the map, linkage opened from an alarm) comes forward; one
 * that closes hands the dock back to the tab shown before it.
 */
export interface DockTabs {
  /** The tab asked for last (it may have closed since: see shownTab). */
  active: string | null;
  /** Tabs shown before, oldest first. */
  history: string[];
  present: Record<string, boolean>;
}

export type DockTabsAction =
  /** A tool shows (or stopped showing) a panel; `initial` is its first report when the dock mounts it. */
  | { type: 'presence'; id: string; present: boolean; initial: boolean }
  /** The operator chose a tab (or a tool asked to come forward). */
  | { type: 'select'; id: string }
  /** Another layout: its remembered tab, no history. */
  | { type: 'restore'; active: string | null };

const HISTORY = 12;

export const emptyDockTabs: DockTabs = { active: null, history: [], present: {} };

/** The tab the dock shows, given the registry order of the tools. */
export function shownTab(s: DockTabs, order: readonly string[]): string | null {
  if (s.active !== null && s.present[s.active]) return s.active;
  for (let i = s.history.length - 1; i >= 0; i--) if (s.present[s.history[i]!]) return s.history[i]!;
  return order.find((id) => s.present[id]) ?? null;
}

function bringForward(s: DockTabs, id: string, order: readonly string[]): DockTabs {
  const shown = shownTab(s, order);
  if (shown === id && s.active === id) return s;
  const history = [...s.history.filter((h) => h !== id && h !== shown), ...(shown !== null && shown !== id ? [shown] : [])].slice(-HISTORY);
  return { ...s, active: id, history };
}

/** The reducer of the dock's tab state; `order` is the tools' registry order (first present is the fallback). */
export function dockTabsReducer(order: readonly string[]) {
  return (s: DockTabs, a: DockTabsAction): DockTabs => {
    switch (a.type) {
      case 'presence': {
        const was = s.present[a.id] === true;
        if (was === a.present) return s;
        const next: DockTabs = { ...s, present: { ...s.present, [a.id]: a.present } };
        if (!a.present) return { ...next, history: next.history.filter((h) => h !== a.id) };
        // Brought forward over the tab shown until now (computed before the new panel counts as present).
        return a.initial ? next : { ...bringForward(s, a.id, order), present: next.present };
      }
      case 'select':
        return bringForward(s, a.id, order);
      case 'restore':
        return { ...s, active: a.active, history: [] };
    }
  };
}
