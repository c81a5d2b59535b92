import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';

/** True while the element shows a panel of its own (a direct child with the `panel` class). */
export function hasPanel(el: Element | null): boolean {
  return el !== null && Array.from(el.children).some((c) => c.classList.contains('panel'));
}

export interface DockSlotProps {
  id: string;
  shown: boolean;
  /** The tool's own element: mounted once and kept mounted while its tab is not shown (its state and map data stay). */
  children: ReactNode;
  /** The tool started (initial) or stopped showing a panel. */
  onPresence(id: string, present: boolean, initial: boolean): void;
  /** Changes when the tool should come forward (e.g. its kind was picked on the map); not on mount. */
  reveal?: number;
  onReveal(id: string): void;
  /** The slot element, for the dock to press the tool's own launcher. */
  slotRef(id: string, el: HTMLDivElement | null): void;
}

/**
 * One tool in the right dock: a tab panel that watches whether the tool shows a panel (tools keep their open state
 * inside, so the dock reads it from the DOM) and hides while another tab is shown. Keeps the `tool-slot` class and the
 * `data-tool` attribute of the slots the shell had before the dock.
 */
export function DockSlot({ id, shown, children, onPresence, reveal, onReveal, slotRef }: DockSlotProps) {
  const el = useRef<HTMLDivElement | null>(null);
  const latest = useRef({ onPresence, onReveal });
  latest.current = { onPresence, onReveal };

  useLayoutEffect(() => {
    const node = el.current;
    if (!node) return;
    let present = hasPanel(node);
    latest.current.onPresence(id, present, true);
    const observer = new MutationObserver(() => {
      const now = hasPanel(node);
      if (now === present) return;
      present = now;
      latest.current.onPresence(id, now, false);
    });
    observer.observe(node, { childList: true });
    return () => {
      observer.disconnect();
      latest.current.onPresence(id, false, true);
    };
  }, [id]);

  const firstReveal = useRef(reveal);
  useEffect(() => {
    if (reveal === firstReveal.current) return;
    firstReveal.current = reveal;
    latest.current.onReveal(id);
  }, [id, reveal]);

  return (
    <div
      ref={(node) => {
        el.current = node;
        slotRef(id, node);
      }}
      className={`tool-slot${shown ? ' shown' : ''}`}
      data-tool={id}
      role="tabpanel"
      id={`dock-panel-${id}`}
      aria-labelledby={`dock-tab-${id}`}
      hidden={!shown}
    >
      {children}
    </div>
  );
}
