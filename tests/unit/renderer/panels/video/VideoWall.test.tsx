import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../../../../../renderer/panels/video/attachStream';
import { VideoWall } from '../../../../../renderer/panels/video/VideoWall';
import { CAMERA_DRAG_TYPE, emptyWallLayout, withCell, type WallCamera, type WallLayout, type WallLayoutStore } from '../../../../../renderer/panels/video/wallLayout';

afterEach(cleanup);

const cam = (id: string, url = `http://127.0.0.1:9/${id}.m3u8`): WallCamera => ({ id, name: `摄像机 ${id}`, url });

/** A layout store in memory that records saves; `loadWith` decides what load() does. */
function memoryStore(loadWith: () => Promise<WallLayout | null> = async () => null) {
  const saves: WallLayout[] = [];
  const store: WallLayoutStore = { load: vi.fn(loadWith), save: vi.fn(async (l: WallLayout) => void saves.push(l)) };
  return { store, saves };
}

/** Engines that only record what they were given and let the test emit media events. */
function engines() {
  const emits = new Map<string, (e: EngineEvent) => void>();
  const attach = vi.fn((s: { url: string }, _v: HTMLVideoElement, emit: (e: EngineEvent) => void) => {
    emits.set(s.url, emit);
    return { destroy: () => emits.delete(s.url) };
  });
  return { attach, emits };
}

/** A drag payload as the browser would deliver it. */
const dragData = (payload: Record<string, string>) => ({ types: Object.keys(payload), getData: (t: string) => payload[t] ?? '', dropEffect: 'none' });

const cells = () => screen.getAllByTestId(/^wall-cell-\d$/);
const ready = () => waitFor(() => expect(screen.getByTestId('video-wall').dataset.loaded).toBe('true'));

describe('VideoWall', () => {
  it('restores the saved layout (size and cells) without saving it back', async () => {
    const saved = withCell(withCell(emptyWallLayout(9), 4, cam('CAM-4')), 8, cam('CAM-8', 'http://127.0.0.1:9/8.flv'));
    const { store, saves } = memoryStore(async () => saved);
    const e = engines();
    render(<VideoWall locale="zh-CN" layoutStore={store} player={{ attach: e.attach }} />);
    await ready();
    expect(cells()).toHaveLength(9);
    expect(screen.getByTestId('video-wall').dataset.size).toBe('9');
    expect(screen.getByTestId('wall-cell-4-name').textContent).toBe('摄像机 CAM-4');
    expect(screen.getByTestId('wall-cell-0-empty').textContent).toBe('拖入摄像机或从列表选择');
    expect(screen.getByTestId('wall-player-8').dataset.kind).toBe('flv');
    expect(screen.getByTestId('wall-layout-9').getAttribute('aria-pressed')).toBe('true');
    // The players start in their effects, after the restored layout is drawn.
    await waitFor(() => expect(e.attach).toHaveBeenCalledTimes(2));
    expect(saves).toEqual([]);
  });

  it('switches between 1, 4 and 9 cells, keeping hidden cells, and saves each change', async () => {
    const { store, saves } = memoryStore();
    render(<VideoWall locale="en" layoutStore={store} player={{ attach: engines().attach }} />);
    await ready();
    expect(cells()).toHaveLength(4);
    fireEvent.click(screen.getByTestId('wall-layout-9'));
    expect(cells()).toHaveLength(9);
    expect(screen.getByTestId('video-wall-grid').style.gridTemplateColumns).toBe('repeat(3, 1fr)');
    fireEvent.drop(screen.getByTestId('wall-cell-7'), { dataTransfer: dragData({ [CAMERA_DRAG_TYPE]: JSON.stringify(cam('X')) }) });
    fireEvent.click(screen.getByTestId('wall-layout-1'));
    expect(cells()).toHaveLength(1);
    expect(screen.queryByTestId('wall-player-7')).toBeNull();
    fireEvent.click(screen.getByTestId('wall-layout-9'));
    expect(screen.getByTestId('wall-cell-7-name').textContent).toBe('摄像机 X');
    await waitFor(() => expect(saves.map((l) => l.size)).toEqual([9, 9, 1, 9]));
    expect(saves[3]!.cells[7]).toEqual(cam('X'));
    expect(screen.getByTestId('video-wall-message').textContent).toBe('Layout saved');
  });

  it('assigns by click: the selected cell, else the first empty one', async () => {
    const { store, saves } = memoryStore();
    render(<VideoWall locale="zh-CN" layoutStore={store} cameras={[cam('A'), cam('B'), cam('C')]} player={{ attach: engines().attach }} />);
    await ready();
    fireEvent.click(screen.getByTestId('wall-assign-A'));
    expect(screen.getByTestId('wall-cell-0').dataset.camera).toBe('A');
    fireEvent.click(screen.getByTestId('wall-cell-3'));
    expect(screen.getByTestId('wall-cell-3').dataset.selected).toBe('true');
    fireEvent.click(screen.getByTestId('wall-assign-B'));
    expect(screen.getByTestId('wall-cell-3').dataset.camera).toBe('B');
    fireEvent.click(screen.getByTestId('wall-assign-C'));
    expect(screen.getByTestId('wall-cell-3').dataset.camera).toBe('C');
    await waitFor(() => expect(saves).toHaveLength(3));
    expect(saves[2]!.cells.slice(0, 4).map((c) => c?.id ?? null)).toEqual(['A', null, null, 'C']);
  });

  it('accepts a camera dropped from the map or a list, moves a cell dragged onto another, and clears a cell', async () => {
    const { store, saves } = memoryStore();
    const e = engines();
    render(<VideoWall locale="zh-CN" layoutStore={store} player={{ attach: e.attach }} />);
    await ready();
    const target = screen.getByTestId('wall-cell-2');
    const dt = dragData({ [CAMERA_DRAG_TYPE]: JSON.stringify({ id: 'CAM-7', name: '武当路', url: 'http://127.0.0.1:9/7.m3u8' }) });
    const over = fireEvent.dragOver(target, { dataTransfer: dt });
    expect(over).toBe(false); // preventDefault: the cell accepts the drop
    expect(target.dataset.dropTarget).toBe('true');
    fireEvent.drop(target, { dataTransfer: dt });
    expect(target.dataset.camera).toBe('CAM-7');
    expect(target.dataset.dropTarget).toBe('false');
    expect(screen.getByTestId('wall-player-2').dataset.state).toBe('connecting');
    expect([...e.emits.keys()]).toEqual(['http://127.0.0.1:9/7.m3u8']);

    // Other drags (files, text) are not accepted.
    expect(fireEvent.dragOver(screen.getByTestId('wall-cell-1'), { dataTransfer: dragData({ 'text/plain': 'x' }) })).toBe(true);

    // Dragging cell 2 onto cell 0 moves it (the cells swap).
    fireEvent.drop(screen.getByTestId('wall-cell-0'), { dataTransfer: dragData({ [CAMERA_DRAG_TYPE]: JSON.stringify({ id: 'CAM-7', name: '武当路', url: 'http://127.0.0.1:9/7.m3u8' }), 'application/x-cityops-wall-cell': '2' }) });
    expect(screen.getByTestId('wall-cell-0').dataset.camera).toBe('CAM-7');
    expect(screen.getByTestId('wall-cell-2').dataset.camera).toBe('');

    fireEvent.click(screen.getByTestId('wall-cell-0-clear'));
    expect(screen.getByTestId('wall-cell-0').dataset.camera).toBe('');
    expect(e.emits.size).toBe(0);
    await waitFor(() => expect(saves).toHaveLength(3));
    expect(saves[2]!.cells.every((c) => c === null)).toBe(true);
  });

  it('a bad drop changes nothing and says what is wrong', async () => {
    const { store, saves } = memoryStore();
    render(<VideoWall locale="en" layoutStore={store} player={{ attach: engines().attach }} />);
    await ready();
    fireEvent.drop(screen.getByTestId('wall-cell-1'), { dataTransfer: dragData({ [CAMERA_DRAG_TYPE]: JSON.stringify({ id: 'CAM-1', name: 'x' }) }) });
    expect(screen.getByRole('alert').textContent).toMatch(/^Invalid drop data: application\/x-cityops-camera\.url: .*got nothing/);
    expect(screen.getByTestId('wall-cell-1').dataset.camera).toBe('');
    expect(saves).toEqual([]);
    expect(store.save).not.toHaveBeenCalled();
  });

  it('shows a load failure, starts from the default layout, and a save failure is reported', async () => {
    const store: WallLayoutStore = { load: async () => Promise.reject(new Error('localStorage k: layout.size: expected 1, 4 or 9, got 6')), save: async () => Promise.reject(new Error('QuotaExceededError')) };
    render(<VideoWall locale="zh-CN" layoutStore={store} player={{ attach: engines().attach }} />);
    await ready();
    expect(screen.getByRole('alert').textContent).toBe('布局读取失败: localStorage k: layout.size: expected 1, 4 or 9, got 6');
    expect(cells()).toHaveLength(4);
    fireEvent.click(screen.getByTestId('wall-layout-1'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('布局保存失败: QuotaExceededError'));
  });

  it('shows each cell’s stream state over its video', async () => {
    const saved = withCell(withCell(emptyWallLayout(4), 0, cam('A')), 1, { id: 'R', name: 'rtsp', url: 'rtsp://10.0.0.9/1' });
    const e = engines();
    render(<VideoWall locale="zh-CN" layoutStore={memoryStore(async () => saved).store} player={{ attach: e.attach }} />);
    await ready();
    const state = (i: number) => [screen.getByTestId(`wall-player-${i}`).dataset.state, screen.queryByTestId(`wall-player-${i}-overlay`)?.querySelector('.video-state')?.textContent ?? null];
    await waitFor(() => expect(state(0)).toEqual(['connecting', '连接中']));
    expect(state(1)).toEqual(['failed', '失败：不支持的视频流']);
    await waitFor(() => expect(e.emits.has('http://127.0.0.1:9/A.m3u8')).toBe(true));
    act(() => e.emits.get('http://127.0.0.1:9/A.m3u8')!({ type: 'timeupdate', currentTime: 0.4 }));
    expect(state(0)).toEqual(['playing', null]);
    expect(screen.getByTestId('wall-player-0').dataset.currentTime).toBe('0.40');
  });
});
