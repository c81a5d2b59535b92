/** The dataTransfer type a camera is dragged with (from the map, a camera list or another wall cell). */
export const CAMERA_DRAG_TYPE = 'application/x-cityops-camera';

/** What a wall cell plays: the JSON carried by CAMERA_DRAG_TYPE. */
export interface WallCamera {
  id: string;
  name: string;
  url: string;
}

export type WallSize = 1 | 4 | 9;
export const wallSizes: readonly WallSize[] = [1, 4, 9];

/** A saved wall: how many cells show, and what each of the 9 cells holds (hidden cells keep their camera). */
export interface WallLayout {
  size: WallSize;
  cells: Array<WallCamera | null>;
}

/** Where layouts are kept (localStorage by default, the store in the app). */
export interface WallLayoutStore {
  load(): Promise<WallLayout | null>;
  save(layout: WallLayout): Promise<void>;
}

export const MAX_CELLS = 9;

export function emptyWallLayout(size: WallSize = 4): WallLayout {
  return { size, cells: Array.from({ length: MAX_CELLS }, () => null) };
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Pure: checks a camera object; the error names the field (prefixed by `where`). */
export function parseWallCamera(v: unknown, where = 'camera'): Parsed<WallCamera> {
  if (!isRecord(v)) return { ok: false, error: `${where}: 应为对象 expected an object {id, name, url}` };
  for (const field of ['id', 'name', 'url'] as const) {
    const x = v[field];
    if (field === 'id' && typeof x === 'number' && Number.isFinite(x)) continue;
    if (typeof x !== 'string') return { ok: false, error: `${where}.${field}: 应为字符串 expected a string, got ${x === undefined ? 'nothing' : JSON.stringify(x)}` };
    if (field !== 'name' && !x.trim()) return { ok: false, error: `${where}.${field}: 不能为空 must not be empty` };
    if (x.length > 2048) return { ok: false, error: `${where}.${field}: 过长 longer than 2048 characters` };
  }
  return { ok: true, value: { id: String(v.id), name: String(v.name), url: String(v.url).trim() } };
}

/** Pure: checks a saved layout (e.g. from localStorage); the error names the field. */
export function parseWallLayout(v: unknown): Parsed<WallLayout> {
  if (!isRecord(v)) return { ok: false, error: 'layout: 应为对象 expected an object {size, cells}' };
  if (!wallSizes.includes(v.size as WallSize)) return { ok: false, error: `layout.size: 应为 1、4 或 9 expected 1, 4 or 9, got ${JSON.stringify(v.size)}` };
  if (!Array.isArray(v.cells)) return { ok: false, error: 'layout.cells: 应为数组 expected an array' };
  if (v.cells.length > MAX_CELLS) return { ok: false, error: `layout.cells: 最多 ${MAX_CELLS} 个 at most ${MAX_CELLS} cells, got ${v.cells.length}` };
  const cells: Array<WallCamera | null> = [];
  for (let i = 0; i < MAX_CELLS; i++) {
    const c: unknown = v.cells[i] ?? null;
    if (c === null) {
      cells.push(null);
      continue;
    }
    const p = parseWallCamera(c, `layout.cells[${i}]`);
    if (!p.ok) return p;
    cells.push(p.value);
  }
  return { ok: true, value: { size: v.size as WallSize, cells } };
}

/** Pure: the camera carried by a drop, from the CAMERA_DRAG_TYPE payload; the error says what is wrong. */
export function parseCameraDrop(payload: string): Parsed<WallCamera> {
  if (!payload) return { ok: false, error: `${CAMERA_DRAG_TYPE}: 无数据 empty payload` };
  let v: unknown;
  try {
    v = JSON.parse(payload);
  } catch {
    return { ok: false, error: `${CAMERA_DRAG_TYPE}: 不是 JSON not JSON: ${payload.slice(0, 80)}` };
  }
  return parseWallCamera(v, CAMERA_DRAG_TYPE);
}

/** Puts a camera on a drag (call from a dragstart handler: map picking, camera lists, wall cells). */
export function setCameraDragData(dt: DataTransfer, camera: WallCamera): void {
  dt.setData(CAMERA_DRAG_TYPE, JSON.stringify({ id: camera.id, name: camera.name, url: camera.url }));
  dt.setData('text/plain', `${camera.name} (${camera.id})`);
  dt.effectAllowed = 'copyMove';
}

/** Pure: a layout with one cell set (null clears it). */
export function withCell(layout: WallLayout, index: number, camera: WallCamera | null): WallLayout {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_CELLS) throw new RangeError(`wall cell index ${index}: expected 0..${MAX_CELLS - 1}`);
  const cells = layout.cells.slice();
  cells[index] = camera;
  return { ...layout, cells };
}

/** Pure: where a click-to-assign goes: the selected visible cell, else the first empty visible cell, else the first. */
export function assignTarget(layout: WallLayout, selected: number | null): number {
  if (selected !== null && selected >= 0 && selected < layout.size) return selected;
  const empty = layout.cells.slice(0, layout.size).findIndex((c) => c === null);
  return empty >= 0 ? empty : 0;
}
