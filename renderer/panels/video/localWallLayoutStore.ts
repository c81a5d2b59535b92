import { parseWallLayout, type WallLayout, type WallLayoutStore } from './wallLayout';

export const WALL_LAYOUT_KEY = 'cityops.videoWall.layout';

/**
 * The default wall layout store: one JSON entry in localStorage (per browser profile). A corrupt entry is an
 * error naming the key and the field, never a silently empty wall; an invalid layout is refused, not written.
 */
export function localWallLayoutStore(storage: Storage = window.localStorage, key: string = WALL_LAYOUT_KEY): WallLayoutStore {
  return {
    async load(): Promise<WallLayout | null> {
      const raw = storage.getItem(key);
      if (raw === null) return null;
      let v: unknown;
      try {
        v = JSON.parse(raw);
      } catch {
        throw new Error(`localStorage ${key}: 不是 JSON not JSON`);
      }
      const p = parseWallLayout(v);
      if (!p.ok) throw new Error(`localStorage ${key}: ${p.error}`);
      return p.value;
    },
    async save(layout: WallLayout): Promise<void> {
      const p = parseWallLayout(layout);
      if (!p.ok) throw new Error(`localStorage ${key}: ${p.error}`);
      storage.setItem(key, JSON.stringify(p.value));
    },
  };
}
