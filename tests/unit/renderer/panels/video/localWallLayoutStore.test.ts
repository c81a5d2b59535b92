import { beforeEach, describe, expect, it } from 'vitest';
import { localWallLayoutStore, WALL_LAYOUT_KEY } from '../../../../../renderer/panels/video/localWallLayoutStore';
import { emptyWallLayout, withCell, type WallLayout } from '../../../../../renderer/panels/video/wallLayout';

beforeEach(() => window.localStorage.clear());

describe('localWallLayoutStore', () => {
  it('returns null when nothing is saved, and round-trips a layout through localStorage', async () => {
    const store = localWallLayoutStore();
    expect(await store.load()).toBeNull();
    const layout = withCell(emptyWallLayout(9), 4, { id: 'CAM-0042', name: '东岳路口', url: 'http://h/42.flv' });
    await store.save(layout);
    expect(JSON.parse(window.localStorage.getItem(WALL_LAYOUT_KEY)!)).toEqual(layout);
    expect(await localWallLayoutStore().load()).toEqual(layout);
  });

  it('a corrupt entry is an error naming the key and field', async () => {
    window.localStorage.setItem(WALL_LAYOUT_KEY, '{"size":4,');
    await expect(localWallLayoutStore().load()).rejects.toThrow(`localStorage ${WALL_LAYOUT_KEY}: 不是 JSON not JSON`);
    window.localStorage.setItem(WALL_LAYOUT_KEY, JSON.stringify({ size: 4, cells: [null, { id: 'a', name: 'n', url: '' }] }));
    await expect(localWallLayoutStore().load()).rejects.toThrow(/layout\.cells\[1\]\.url: .*must not be empty/);
  });

  it('refuses to save an invalid layout and leaves the saved one as it was', async () => {
    const store = localWallLayoutStore(window.localStorage, 'wall-test');
    const good = emptyWallLayout(1);
    await store.save(good);
    await expect(store.save({ size: 5, cells: [] } as unknown as WallLayout)).rejects.toThrow(/wall-test: layout\.size/);
    expect(await store.load()).toEqual(good);
  });
});
