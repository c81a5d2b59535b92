import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent, type ReactNode } from 'react';
import type { Locale } from '../ui/locale';
import { dockText } from './dockText';
import { clampDockWidth, dockWidthRem, loadDockState, saveDockState, type DockState } from './dockState';
import { DockSlot, hasPanel } from './DockSlot';
import { dockTabsReducer, emptyDockTabs, shownTab, type DockTabsAction } from './dockTabs';

export type DockLayoutName = 'wall' | 'operator' | 'analyst';

/** One tool the dock hosts. */
export interface DockItem {
  id: string;
  /** Tab and tool-list label, zh-CN first. */
  title: { zh: string; en: string };
  /** The tool's element: mounted once, kept mounted while another tab is shown. */
  element: ReactNode;
  /** data-testid of the tool's own open button (a tool that keeps its open state inside): the tool list presses it. */
  launcher?: string;
  /** Listed in the left dock's tool list (default true; false: a tab only while it shows a panel, e.g. a station). */
  listed?: boolean;
  /** Why a listed tool without a launcher cannot be opened from the list (it opens from elsewhere), zh-CN first. */
  opensFrom?: { zh: string; en: string };
  /** Changes when the tool should come forward (its kind was picked on the map, a new station was chosen). */
  reveal?: number;
}

/**
 * What the docks cover of the map (CSS px). left / right: the width covered at mid-height, for centring a focused
 * object in the free part (0 for a collapsed side). leftColumn / rightColumn: the width of each dock's column at the
 * top, where the layer list and the alarm center or the tab bar stay even when collapsed (for notes over the map).
 */
export interface DockInsets {
  left: number;
  right: number;
  leftColumn: number;
  rightColumn: number;
}

export interface DockLayoutProps {
  layout: DockLayoutName;
  locale: Locale;
  /** The layer list (top of the left dock). */
  left: ReactNode;
  /** The alarm center: fixed at the top of the right column, above the tool tabs (absent in the analyst layout). */
  alarm?: ReactNode;
  items: DockItem[];
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  onInsets?(insets: DockInsets): void;
}

const label = (title: { zh: string; en: string }, locale: Locale) =>
  locale === 'zh-CN' ? (
    <>
      <span className="zh">{title.zh}</span>
      <small>{title.en}</small>
    </>
  ) : (
    <span className="zh">{title.en}</span>
  );

const remPx = () => parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;

/**
 * The command-room dock: a left dock (layer list, tool list), a right column (alarm center at the top, then the tool
 * panels as tabs, one shown at a time) and a free map centre. The right dock is resizable (drag its left edge or use
 * the arrow keys) and collapsible, the layer list collapsible; the chosen tab, width and collapse state are remembered
 * per layout. In the wall layout only the alarm center shows; the tools stay mounted (their map data stays).
 */
export function DockLayout({ layout, locale, left, alarm, items, storage, onInsets }: DockLayoutProps) {
  const t = dockText(locale);
  const store = useMemo(() => storage ?? window.localStorage, [storage]);
  const ids = items.map((i) => i.id).join('\n');
  const order = useMemo(() => ids.split('\n'), [ids]);
  const reducer = useMemo(() => dockTabsReducer(order), [order]);
  const [state, setState] = useState<DockState>(() => loadDockState(store, layout));
  const [tabs, dispatchTabs] = useReducer(reducer, undefined, () => ({ ...emptyDockTabs, active: state.active }));
  const shown = shownTab(tabs, order);
  const collapsed = state.collapsed;

  const stateRef = useRef(state);
  stateRef.current = state;
  const persist = useCallback(
    (patch: Partial<DockState>) => {
      const next = { ...stateRef.current, ...patch };
      stateRef.current = next;
      setState(next);
      saveDockState(store, layout, next);
    },
    [store, layout],
  );

  // The tab shown is remembered once the operator (or a tool) chose one; not the fallback shown on mount.
  const chose = useRef(false);
  const dispatch = useCallback(
    (a: DockTabsAction) => {
      if (a.type === 'select' || (a.type === 'presence' && !a.initial && a.present)) {
        chose.current = true;
        if (stateRef.current.collapsed) persist({ collapsed: false });
      }
      if (a.type === 'presence' && !a.initial && !a.present) chose.current = true;
      dispatchTabs(a);
    },
    [persist],
  );
  useEffect(() => {
    if (chose.current && shown !== stateRef.current.active) persist({ active: shown });
  }, [shown, persist]);

  const slots = useRef(new Map<string, HTMLDivElement>());
  const slotRef = useCallback((id: string, el: HTMLDivElement | null) => {
    if (el) slots.current.set(id, el);
    else slots.current.delete(id);
  }, []);
  const itemsRef = useRef(items);
  itemsRef.current = items;

  /** Shows a tool: its tab if it shows a panel, else presses its own launcher (its panel then comes forward). */
  const open = useCallback(
    (id: string) => {
      const slot = slots.current.get(id) ?? null;
      if (hasPanel(slot)) return dispatch({ type: 'select', id });
      const launcher = itemsRef.current.find((i) => i.id === id)?.launcher;
      const button = launcher ? slot?.querySelector<HTMLElement>(`[data-testid="${launcher}"]`) : null;
      if (stateRef.current.collapsed) persist({ collapsed: false });
      button?.click();
    },
    [dispatch, persist],
  );

  // Another layout: its remembered width, collapse and tab; a remembered tool that is closed is opened again.
  const mountedLayout = useRef<DockLayoutName | null>(null);
  useEffect(() => {
    if (mountedLayout.current === layout) return;
    const first = mountedLayout.current === null;
    mountedLayout.current = layout;
    const remembered = loadDockState(store, layout);
    chose.current = false;
    if (!first) {
      stateRef.current = remembered;
      setState(remembered);
      dispatchTabs({ type: 'restore', active: remembered.active });
    }
    const id = remembered.active;
    if (layout !== 'wall' && id && itemsRef.current.some((i) => i.id === id && i.launcher) && !hasPanel(slots.current.get(id) ?? null)) open(id);
  }, [layout, store, open]);

  const onPresence = useCallback((id: string, present: boolean, initial: boolean) => dispatch({ type: 'presence', id, present, initial }), [dispatch]);
  const onReveal = useCallback((id: string) => hasPanel(slots.current.get(id) ?? null) && dispatch({ type: 'select', id }), [dispatch]);

  // Resizing the right dock: drag its left edge, or arrow keys on the edge (Home / End: narrowest / widest).
  const rightRef = useRef<HTMLElement>(null);
  const [dragRem, setDragRem] = useState<number | null>(null);
  const widthRem = dragRem ?? state.widthRem;
  const startDrag = (e: ReactPointerEvent<HTMLDivElement>) => {
    const dock = rightRef.current;
    if (!dock || e.button !== 0) return;
    e.preventDefault();
    const startX = e.clientX;
    const startPx = dock.getBoundingClientRect().width;
    const px = remPx();
    let last = stateRef.current.widthRem;
    const move = (ev: PointerEvent) => {
      last = clampDockWidth((startPx + startX - ev.clientX) / px);
      setDragRem(last);
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      setDragRem(null);
      persist({ widthRem: last });
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };
  const resizeKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const w = stateRef.current.widthRem;
    const next = { ArrowLeft: w + 2, ArrowRight: w - 2, Home: dockWidthRem.min, End: dockWidthRem.max }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    persist({ widthRem: clampDockWidth(next) });
  };

  // Keyboard on the tab list: arrows move between tabs (roving focus, as a tablist should).
  const presentItems = items.filter((i) => tabs.present[i.id]);
  const tabKey = (e: KeyboardEvent<HTMLButtonElement>, id: string) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step || presentItems.length === 0) return;
    e.preventDefault();
    const i = presentItems.findIndex((p) => p.id === id);
    const next = presentItems[(i + step + presentItems.length) % presentItems.length]!;
    dispatch({ type: 'select', id: next.id });
    document.getElementById(`dock-tab-${next.id}`)?.focus();
  };

  // What the docks cover of the map at its sides, for the map's focus.
  const leftRef = useRef<HTMLElement>(null);
  const lastInsets = useRef<string>('');
  const onInsetsRef = useRef(onInsets);
  onInsetsRef.current = onInsets;
  const bodyShown = layout !== 'wall' && !collapsed && shown !== null;
  const leftShown = layout !== 'wall' && !state.leftCollapsed;
  useLayoutEffect(() => {
    const l = leftRef.current;
    const r = rightRef.current;
    const main = l?.parentElement;
    if (!l || !r || !main) return;
    const measure = () => {
      const m = main.getBoundingClientRect();
      // The wall hides the left dock; its right column is the alarm center alone.
      const leftColumn = layout === 'wall' ? 0 : Math.max(0, Math.round(l.getBoundingClientRect().right - m.left));
      const rightColumn = Math.max(0, Math.round(m.right - r.getBoundingClientRect().left));
      const insets: DockInsets = { left: leftShown ? leftColumn : 0, right: bodyShown ? rightColumn : 0, leftColumn, rightColumn };
      const key = `${insets.left},${insets.right},${leftColumn},${rightColumn}`;
      if (key === lastInsets.current) return;
      lastInsets.current = key;
      onInsetsRef.current?.(insets);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    for (const el of [main, l, r]) observer.observe(el);
    return () => observer.disconnect();
  }, [leftShown, bodyShown, widthRem, layout]);

  return (
    <>
      <aside ref={leftRef} className="dock dock-left" data-layout={layout} data-collapsed={String(state.leftCollapsed)} aria-label={t('dock.left')} data-testid="dock-left">
        <div className="dock-layers">
          {left}
          <button
            type="button"
            className="small dock-fold"
            data-testid="dock-layers-fold"
            aria-expanded={!state.leftCollapsed}
            title={state.leftCollapsed ? t('layers.expand') : t('layers.collapse')}
            onClick={() => persist({ leftCollapsed: !state.leftCollapsed })}
          >
            {state.leftCollapsed ? '▸' : '▾'}
          </button>
        </div>
        <nav className="panel dock-tools" aria-label={t('tools.title')} data-testid="dock-tools">
          <h2>
            {t('tools.title')} <small>{t('tools.titleEn')}</small>
          </h2>
          <div className="dock-tool-list">
            {items
              .filter((i) => i.listed !== false)
              .map((i) => {
                const present = tabs.present[i.id] === true;
                const blocked = !present && !i.launcher;
                return (
                  <button
                    key={i.id}
                    type="button"
                    className={`dock-tool${present ? ' open' : ''}${shown === i.id && bodyShown ? ' active' : ''}`}
                    data-testid={`dock-tool-${i.id}`}
                    aria-pressed={shown === i.id && bodyShown}
                    aria-controls={`dock-panel-${i.id}`}
                    disabled={blocked}
                    title={blocked && i.opensFrom ? (locale === 'zh-CN' ? i.opensFrom.zh : i.opensFrom.en) : undefined}
                    onClick={() => open(i.id)}
                  >
                    {label(i.title, locale)}
                  </button>
                );
              })}
          </div>
        </nav>
      </aside>
      <aside
        ref={rightRef}
        className="dock dock-right"
        data-layout={layout}
        data-collapsed={String(collapsed)}
        aria-label={t('dock.right')}
        data-testid="dock-right"
        style={{ ['--dock-w' as string]: `${widthRem}rem` }}
      >
        <div
          className="dock-resize"
          role="separator"
          aria-orientation="vertical"
          aria-label={t('dock.resize')}
          aria-valuemin={dockWidthRem.min}
          aria-valuemax={dockWidthRem.max}
          aria-valuenow={widthRem}
          tabIndex={0}
          data-testid="dock-resize"
          onPointerDown={startDrag}
          onKeyDown={resizeKey}
        />
        {alarm && <div className="dock-alarm">{alarm}</div>}
        <section className="panel dock-frame" data-testid="dock-frame" data-shown={shown ?? ''}>
          <div className="dock-tabs" role="tablist" aria-label={t('tabs.label')}>
            {presentItems.map((i) => (
              <button
                key={i.id}
                type="button"
                role="tab"
                id={`dock-tab-${i.id}`}
                className={`dock-tab${shown === i.id ? ' active' : ''}`}
                data-testid={`dock-tab-${i.id}`}
                aria-selected={shown === i.id}
                aria-controls={`dock-panel-${i.id}`}
                tabIndex={shown === i.id ? 0 : -1}
                onClick={() => {
                  dispatch({ type: 'select', id: i.id });
                  if (collapsed) persist({ collapsed: false });
                }}
                onKeyDown={(e) => tabKey(e, i.id)}
              >
                {label(i.title, locale)}
              </button>
            ))}
            <span className="spacer" />
            <button
              type="button"
              className="small dock-collapse"
              data-testid="dock-collapse"
              aria-expanded={!collapsed}
              aria-controls="dock-body"
              title={collapsed ? t('dock.expandTitle') : t('dock.collapseTitle')}
              onClick={() => persist({ collapsed: !collapsed })}
            >
              {collapsed ? `◂ ${t('dock.expand')}` : `${t('dock.collapse')} ▸`}
            </button>
          </div>
          <div className="dock-body" id="dock-body" hidden={collapsed}>
            {items.map((i) => (
              <DockSlot key={i.id} id={i.id} shown={shown === i.id} onPresence={onPresence} reveal={i.reveal} onReveal={onReveal} slotRef={slotRef}>
                {i.element}
              </DockSlot>
            ))}
            {shown === null && <p className="muted dock-empty">{t('dock.empty')}</p>}
          </div>
        </section>
      </aside>
    </>
  );
}
