import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DockLayout, type DockInsets, type DockItem, type DockLayoutName } from '../../../../renderer/app/DockLayout';
import { dockStateKey } from '../../../../renderer/app/dockState';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** A tool that keeps its open state inside, with its own launcher (as the camera and incident tools do). */
function LaunchedTool({ name }: { name: string }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" data-testid={`${name}-open`} onClick={() => setOpen(true)}>
        open {name}
      </button>
    );
  }
  return (
    <section className="panel" data-testid={`${name}-panel`}>
      <button type="button" data-testid={`${name}-close`} onClick={() => setOpen(false)}>
        close
      </button>
    </section>
  );
}

const memory = (init: Record<string, unknown> = {}) => {
  const m = new Map(Object.entries(init).map(([k, v]) => [k, JSON.stringify(v)]));
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), read: (layout: string) => JSON.parse(m.get(dockStateKey(layout)) ?? 'null') };
};

interface Setup {
  layout?: DockLayoutName;
  linkage?: boolean;
  station?: boolean;
  reveals?: Record<string, number>;
}

const items = ({ linkage = false, station = false, reveals = {} }: Setup): DockItem[] => [
  { id: 'drainage', title: { zh: '排水管网', en: 'Drainage' }, element: <section className="panel" data-testid="drainage-panel" />, reveal: reveals.drainage },
  { id: 'cameras', title: { zh: '视频监控', en: 'Cameras' }, element: <LaunchedTool name="cam" />, launcher: 'cam-open', reveal: reveals.cameras },
  { id: 'linkage', title: { zh: '联动分析', en: 'Linkage' }, element: linkage && <section className="panel" data-testid="linkage-panel" />, opensFrom: { zh: '从告警或事件打开', en: 'from an alarm' } },
  { id: 'station', title: { zh: '站点详情', en: 'Station' }, listed: false, element: station && <section className="panel" data-testid="station-panel" />, reveal: reveals.station },
];

function setup(storage = memory(), first: Setup = {}) {
  const onInsets = vi.fn<(i: DockInsets) => void>();
  const ui = (s: Setup) => (
    <DockLayout
      layout={s.layout ?? 'operator'}
      locale="zh-CN"
      storage={storage}
      onInsets={onInsets}
      left={<section className="panel layer-panel" data-testid="layers" />}
      alarm={s.layout !== 'analyst' && <section className="panel alarm-center" data-testid="alarms" />}
      items={items(s)}
    />
  );
  const r = render(<main>{ui(first)}</main>);
  return { storage, onInsets, update: (s: Setup) => r.rerender(<main>{ui(s)}</main>) };
}

const tabs = () => screen.queryAllByRole('tab').map((t) => t.id.replace('dock-tab-', ''));
const shown = () => screen.getAllByRole('tabpanel', { hidden: true }).filter((p) => !(p as HTMLElement).hidden).map((p) => p.getAttribute('data-tool'));
const selected = () => screen.queryAllByRole('tab').filter((t) => t.getAttribute('aria-selected') === 'true').map((t) => t.id.replace('dock-tab-', ''));

describe('DockLayout', () => {
  it('docks the layer list and the tool list left, the alarm center and one tool tab right', async () => {
    setup();
    await waitFor(() => expect(tabs()).toEqual(['drainage']));
    expect(screen.getByTestId('dock-left').contains(screen.getByTestId('layers'))).toBe(true);
    expect(screen.getByTestId('dock-right').contains(screen.getByTestId('alarms'))).toBe(true);
    expect(shown()).toEqual(['drainage']);
    expect(selected()).toEqual(['drainage']);
    // Every tool stays mounted: the closed camera tool's launcher is in its (hidden) slot.
    expect(screen.getByTestId('cam-open').closest('.tool-slot')?.getAttribute('data-tool')).toBe('cameras');
    // The tool list: zh-CN first with English beside; a tool that opens from elsewhere says so and is disabled.
    expect(screen.getByTestId('dock-tool-cameras').textContent).toBe('视频监控Cameras');
    expect((screen.getByTestId('dock-tool-linkage') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('dock-tool-linkage').title).toBe('从告警或事件打开');
    expect(screen.queryByTestId('dock-tool-station')).toBeNull();
  });

  it('the tool list opens a closed tool through its own launcher, shows it alone and remembers it; closing returns', async () => {
    const { storage } = setup();
    await waitFor(() => expect(tabs()).toEqual(['drainage']));
    fireEvent.click(screen.getByTestId('dock-tool-cameras'));
    await waitFor(() => expect(selected()).toEqual(['cameras']));
    expect(tabs()).toEqual(['drainage', 'cameras']);
    expect(shown()).toEqual(['cameras']);
    expect(screen.getByTestId('dock-tool-cameras').getAttribute('aria-pressed')).toBe('true');
    expect(storage.read('operator').active).toBe('cameras');
    // A tab click switches; the other tool keeps its state (the camera panel stays open, only hidden).
    fireEvent.click(screen.getByRole('tab', { name: /排水管网/ }));
    expect(shown()).toEqual(['drainage']);
    expect(screen.getByTestId('cam-panel')).toBeTruthy();
    await waitFor(() => expect(storage.read('operator').active).toBe('drainage'));
    fireEvent.click(screen.getByTestId('dock-tool-cameras'));
    expect(shown()).toEqual(['cameras']);
    fireEvent.click(screen.getByTestId('cam-close'));
    await waitFor(() => expect(tabs()).toEqual(['drainage']));
    expect(shown()).toEqual(['drainage']);
    expect(storage.read('operator').active).toBe('drainage');
  });

  it('a panel that appears by itself comes forward; closed, the tab before comes back', async () => {
    const { update } = setup();
    await waitFor(() => expect(tabs()).toEqual(['drainage']));
    fireEvent.click(screen.getByTestId('dock-tool-cameras'));
    await waitFor(() => expect(selected()).toEqual(['cameras']));
    update({ linkage: true });
    await waitFor(() => expect(selected()).toEqual(['linkage']));
    expect(shown()).toEqual(['linkage']);
    update({ linkage: false });
    await waitFor(() => expect(selected()).toEqual(['cameras']));
  });

  it('reveal brings an open tool forward (a camera picked on the map), not on mount', async () => {
    const { update } = setup(memory(), { reveals: { cameras: 3 } });
    await waitFor(() => expect(tabs()).toEqual(['drainage']));
    fireEvent.click(screen.getByTestId('dock-tool-cameras'));
    await waitFor(() => expect(selected()).toEqual(['cameras']));
    fireEvent.click(screen.getByRole('tab', { name: /排水管网/ }));
    update({ reveals: { cameras: 3 } });
    expect(selected()).toEqual(['drainage']);
    update({ reveals: { cameras: 4 } });
    await waitFor(() => expect(selected()).toEqual(['cameras']));
    // A station chosen on the map: its panel appears and comes forward; a later station brings it forward again.
    update({ reveals: { cameras: 4 }, station: true });
    await waitFor(() => expect(selected()).toEqual(['station']));
    fireEvent.click(screen.getByRole('tab', { name: /视频监控/ }));
    update({ reveals: { cameras: 4, station: 1 }, station: true });
    await waitFor(() => expect(selected()).toEqual(['station']));
  });

  it('opens the remembered tool of the layout on mount, through its launcher', async () => {
    setup(memory({ [dockStateKey('operator')]: { active: 'cameras' } }));
    await waitFor(() => expect(screen.getByTestId('cam-panel')).toBeTruthy());
    await waitFor(() => expect(selected()).toEqual(['cameras']));
  });

  it('each layout has its own tab, width and collapse; the wall shows the alarm center only', async () => {
    const storage = memory({ [dockStateKey('analyst')]: { active: 'drainage', collapsed: true, widthRem: 40 } });
    const { update } = setup(storage);
    await waitFor(() => expect(tabs()).toEqual(['drainage']));
    fireEvent.click(screen.getByTestId('dock-tool-cameras'));
    await waitFor(() => expect(selected()).toEqual(['cameras']));
    expect(screen.getByTestId('dock-right').style.getPropertyValue('--dock-w')).toBe('32rem');

    update({ layout: 'analyst' });
    await waitFor(() => expect(selected()).toEqual(['drainage']));
    expect(screen.queryByTestId('alarms')).toBeNull();
    expect(screen.getByTestId('dock-right').style.getPropertyValue('--dock-w')).toBe('40rem');
    expect((document.getElementById('dock-body') as HTMLElement).hidden).toBe(true);
    expect(screen.getByTestId('dock-collapse').getAttribute('aria-expanded')).toBe('false');

    update({ layout: 'wall' });
    expect(screen.getByTestId('dock-left').dataset.layout).toBe('wall');
    expect(screen.getByTestId('alarms')).toBeTruthy();
    update({ layout: 'operator' });
    await waitFor(() => expect(selected()).toEqual(['cameras']));
    expect(screen.getByTestId('dock-right').style.getPropertyValue('--dock-w')).toBe('32rem');
    // Visiting a layout does not rewrite its memory.
    expect(storage.read('analyst')).toEqual({ active: 'drainage', collapsed: true, widthRem: 40 });
  });

  it('collapses to the tab bar and expands when a tab is chosen; the layer list folds', async () => {
    const { storage } = setup();
    await waitFor(() => expect(tabs()).toEqual(['drainage']));
    fireEvent.click(screen.getByTestId('dock-collapse'));
    expect((document.getElementById('dock-body') as HTMLElement).hidden).toBe(true);
    expect(storage.read('operator').collapsed).toBe(true);
    fireEvent.click(screen.getByRole('tab', { name: /排水管网/ }));
    expect((document.getElementById('dock-body') as HTMLElement).hidden).toBe(false);
    fireEvent.click(screen.getByTestId('dock-layers-fold'));
    expect(screen.getByTestId('dock-left').dataset.collapsed).toBe('true');
    expect(storage.read('operator').leftCollapsed).toBe(true);
  });

  it('resizes from the keyboard within limits and remembers the width', async () => {
    const { storage } = setup();
    const edge = screen.getByRole('separator');
    fireEvent.keyDown(edge, { key: 'ArrowLeft' });
    expect(edge.getAttribute('aria-valuenow')).toBe('34');
    expect(storage.read('operator').widthRem).toBe(34);
    fireEvent.keyDown(edge, { key: 'End' });
    fireEvent.keyDown(edge, { key: 'ArrowLeft' });
    expect(edge.getAttribute('aria-valuenow')).toBe('60');
    fireEvent.keyDown(edge, { key: 'Home' });
    fireEvent.keyDown(edge, { key: 'ArrowRight' });
    expect(screen.getByTestId('dock-right').style.getPropertyValue('--dock-w')).toBe('22rem');
  });

  it('resizes by dragging the left edge', async () => {
    const { storage } = setup();
    const dock = screen.getByTestId('dock-right');
    vi.spyOn(dock, 'getBoundingClientRect').mockReturnValue({ left: 1240, right: 1904, width: 664, top: 0, bottom: 900, height: 900, x: 1240, y: 0, toJSON: () => ({}) });
    const px = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    fireEvent(screen.getByRole('separator'), new MouseEvent('pointerdown', { bubbles: true, button: 0, clientX: 1240 }));
    act(() => {
      window.dispatchEvent(new MouseEvent('pointermove', { clientX: 1240 - 4 * px }));
    });
    expect(dock.style.getPropertyValue('--dock-w')).toBe(`${Math.round((664 / px + 4) * 10) / 10}rem`);
    act(() => {
      window.dispatchEvent(new MouseEvent('pointerup'));
    });
    expect(storage.read('operator').widthRem).toBe(Math.round((664 / px + 4) * 10) / 10);
  });

  it('arrow keys move between tabs', async () => {
    setup();
    await waitFor(() => expect(tabs()).toEqual(['drainage']));
    fireEvent.click(screen.getByTestId('dock-tool-cameras'));
    await waitFor(() => expect(selected()).toEqual(['cameras']));
    fireEvent.keyDown(screen.getByRole('tab', { name: /视频监控/ }), { key: 'ArrowRight' });
    expect(selected()).toEqual(['drainage']);
    expect(document.activeElement?.id).toBe('dock-tab-drainage');
  });

  it('reports what the docks cover of the map: the body only while shown, the columns always', async () => {
    const rect = (left: number, right: number) => ({ left, right, width: right - left, top: 0, bottom: 900, height: 900, x: left, y: 0, toJSON: () => ({}) });
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      if (this.tagName === 'MAIN') return rect(0, 1920);
      if (this.dataset.testid === 'dock-left') return rect(16, 470);
      if (this.dataset.testid === 'dock-right') return rect(1200, 1904);
      return rect(0, 0);
    });
    const { onInsets, update } = setup();
    await waitFor(() => expect(onInsets).toHaveBeenLastCalledWith({ left: 470, right: 720, leftColumn: 470, rightColumn: 720 }));
    fireEvent.click(screen.getByTestId('dock-collapse'));
    expect(onInsets).toHaveBeenLastCalledWith({ left: 470, right: 0, leftColumn: 470, rightColumn: 720 });
    fireEvent.click(screen.getByTestId('dock-layers-fold'));
    expect(onInsets).toHaveBeenLastCalledWith({ left: 0, right: 0, leftColumn: 470, rightColumn: 720 });
    update({ layout: 'wall' });
    await waitFor(() => expect(onInsets).toHaveBeenLastCalledWith({ left: 0, right: 0, leftColumn: 0, rightColumn: 720 }));
  });
});
