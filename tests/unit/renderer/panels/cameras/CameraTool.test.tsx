import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient, type Feature, type LayerInfo } from '../../../../../preload/contract';
import type { MapClick, MapPick, ToolContext } from '../../../../../renderer/app/toolContext';
import type { CamerasLive } from '../../../../../renderer/layers/cameras/camerasLive';
import { CameraTool } from '../../../../../renderer/panels/cameras/CameraTool';
import { emptyWallLayout, type WallLayout, type WallLayoutStore } from '../../../../../renderer/panels/video/wallLayout';

afterEach(cleanup);

const cam = (id: string, props: Record<string, unknown>, lon = 110.8, lat = 32.6): Feature => ({
  type: 'Feature',
  id: Number(id.replace(/\D/g, '')),
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { external_id: id, name: `摄像机 ${id}`, cam_type: 'dome', status: 'online', department: '公安茅箭分局', heading: 90, hfov: 60, range_m: 100, ...props },
});
const features = [
  cam('CAM1', { stream_url: 'http://127.0.0.1:9/1.m3u8' }),
  cam('CAM2', { stream_url: 'http://127.0.0.1:9/2.m3u8', status: 'fault', cam_type: 'ptz', department: '区城管执法局' }),
  cam('CAM3', { status: 'offline', cam_type: 'bullet' }, 110.81, 32.61),
];
const layer: LayerInfo = { id: 'cameras', title: { zh: '视频监控', en: 'Cameras' }, kind: 'cameras', geometryType: 'POINT', featureCount: 3, bbox: null, source: 'test', demo: true, caption: null, lastChange: '2024-01-01T00:00:00Z' };
const counts = (total: number, online: number) => ({ total, online, offline: total - online, fault: 0, unknown: 0, onlinePct: total ? Math.round((online / total) * 1000) / 10 : null });
const polygon = { type: 'Polygon' as const, coordinates: [[[110.8, 32.6], [110.801, 32.6], [110.801, 32.601], [110.8, 32.6]]] };

function host(overrides: Record<string, (input: Record<string, unknown>) => unknown> = {}) {
  const calls: { method: string; input: Record<string, unknown> }[] = [];
  const handlers: Record<string, (input: Record<string, unknown>) => unknown> = {
    'features.query': (i) => ({ type: 'FeatureCollection', layerId: i.layerId, features, total: features.length, truncated: false }),
    'cameras.health': () => ({ totals: counts(3, 1), byDepartment: [{ department: '公安茅箭分局', ...counts(2, 1) }, { department: '区城管执法局', ...counts(1, 0) }], byArea: [] }),
    'cameras.seeing': (i) => ({
      point: { lon: i.lon, lat: i.lat, height: 1.5 },
      terrain: true,
      searchRadiusM: 300,
      candidates: 2,
      cameras: [
        { cameraId: 'CAM2', fid: 2, name: '摄像机 CAM2', camType: 'ptz', status: 'fault', department: null, lon: 110.8, lat: 32.6, distanceM: 180.4, bearing: 45, inFov: true, terrainChecked: true, occludedBy: null, sees: true },
        { cameraId: 'CAM1', fid: 1, name: '摄像机 CAM1', camType: 'dome', status: 'online', department: null, lon: 110.8, lat: 32.6, distanceM: 42.2, bearing: 270, inFov: true, terrainChecked: true, occludedBy: null, sees: true },
      ],
      skipped: [],
    }),
    'cameras.coverage': (i) => ({ cameraId: String(i.cameraId), name: '摄像机 CAM1', camType: 'dome', status: 'online', lon: 110.8, lat: 32.6, rangeM: 100, allRound: false, heading: 90, widthDeg: 60, rays: 30, occludedRays: 4, terrain: true, areaM2: 5236, polygon }),
    ...overrides,
  };
  const client = createClient({
    call: async (method, input) => {
      calls.push({ method, input: input as Record<string, unknown> });
      const h = handlers[method];
      if (!h) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: method } };
      try {
        return { ok: true, value: h(input as Record<string, unknown>) };
      } catch (err) {
        return { ok: false, error: { code: 'BAD_INPUT', message: (err as Error).message } };
      }
    },
    subscribe: () => () => {},
  });
  return { client, calls };
}

function memoryStore(initial: WallLayout | null = null): WallLayoutStore & { saved: WallLayout | null } {
  const s = {
    saved: initial,
    load: async () => s.saved,
    save: async (l: WallLayout) => {
      s.saved = l;
    },
  };
  return s;
}

function setup(patch: Partial<ToolContext> = {}, h = host(), store = memoryStore()) {
  const live: CamerasLive[] = [];
  const focus = vi.fn();
  const ctx: ToolContext = {
    client: h.client,
    locale: 'zh-CN',
    user: null,
    layers: [layer],
    pick: null,
    mapClick: null,
    setLayerLive: (kind, data) => {
      if (kind === 'cameras') live.push(data as CamerasLive);
    },
    focus,
    underground: { enabled: false, alpha: 0.35 },
    setUnderground: () => {},
    ...patch,
  };
  const attach = vi.fn(() => ({ destroy() {} }));
  const view = render(<CameraTool ctx={ctx} wallStore={store} player={{ attach }} />);
  const update = (p: Partial<ToolContext>) => {
    Object.assign(ctx, p);
    view.rerender(<CameraTool ctx={{ ...ctx }} wallStore={store} player={{ attach }} />);
  };
  return { ctx, live, focus, update, calls: h.calls, store, attach };
}

const pickOf = (featureId: string, seq: number, kind = 'cameras'): MapPick => ({ layerId: kind === 'cameras' ? 'cameras' : 'x', kind, featureId, seq });

describe('CameraTool', () => {
  it('collapsed until opened; a camera pick opens its video panel with the stream from the feature', async () => {
    const t = setup();
    expect(screen.queryByTestId('camera-tool')).toBeNull();
    await waitFor(() => expect(t.calls.some((c) => c.method === 'features.query' && c.input.layerId === 'cameras')).toBe(true));
    t.update({ pick: pickOf('CAM2', 1) });
    await waitFor(() => expect(screen.getByTestId('video-panel').dataset.camera).toBe('CAM2'));
    expect(screen.getByTestId('video-panel-status').textContent).toBe('故障');
    expect(t.attach).toHaveBeenCalledTimes(1);
    expect((t.attach.mock.calls[0] as unknown[])[0]).toMatchObject({ url: 'http://127.0.0.1:9/2.m3u8' });
    expect(t.live.at(-1)).toMatchObject({ selected: 'CAM2', coverage: null });
    // A pick on another layer is not ours.
    t.update({ pick: pickOf('P1', 2, 'drainagePipes') });
    expect(screen.getByTestId('video-panel').dataset.camera).toBe('CAM2');
  });

  it('filters go to the map and the list; health shows the online rate per department', async () => {
    const s = setup();
    fireEvent.click(screen.getByTestId('camera-tool-open'));
    await waitFor(() => expect(screen.getByTestId('camera-filter-count').textContent).toMatch(/^3 \/ 3/));
    expect(screen.getByTestId('camera-list-count').textContent).toBe('3');
    fireEvent.click(screen.getByTestId('filter-statuses-fault'));
    expect(s.live.at(-1)!.filter).toEqual({ statuses: ['offline', 'online'] });
    expect(screen.getByTestId('camera-list-count').textContent).toBe('2');
    expect(screen.queryByTestId('camera-row-CAM2')).toBeNull();
    fireEvent.click(screen.getByTestId('filter-departments-区城管执法局'));
    fireEvent.click(screen.getByTestId('filter-statuses-fault'));
    expect(s.live.at(-1)!.filter).toEqual({ departments: ['公安茅箭分局'] });
    expect(screen.getByTestId('camera-list-count').textContent).toBe('2');
    await waitFor(() => expect(screen.getByTestId('camera-health-__all').textContent).toContain('33.3%'));
    expect(screen.getByTestId('camera-health-区城管执法局').textContent).toContain('0.0%');
  });

  it('视域查询: armed, the next ground click asks cameras.seeing; the list is nearest first and opens a camera', async () => {
    const t = setup({ mapClick: { lon: 110.7, lat: 32.5, seq: 4 } });
    fireEvent.click(screen.getByTestId('camera-tool-open'));
    await waitFor(() => expect(screen.getByTestId('camera-list-count').textContent).toBe('3'));
    fireEvent.click(screen.getByTestId('seeing-arm'));
    expect(screen.getByTestId('seeing-armed')).toBeTruthy();
    const click: MapClick = { lon: 110.8012, lat: 32.6034, seq: 5 };
    t.update({ mapClick: click, pick: pickOf('CAM3', 1) });
    await waitFor(() => expect(screen.getByTestId('camera-seeing')).toBeTruthy());
    expect(t.calls.find((c) => c.method === 'cameras.seeing')!.input).toMatchObject({ lon: 110.8012, lat: 32.6034 });
    // The camera picked by the same click does not open while armed.
    expect(screen.queryByTestId('video-panel')).toBeNull();
    const rows = within(screen.getByTestId('camera-seeing')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.dataset.testid)).toEqual(['camera-seeing-CAM1', 'camera-seeing-CAM2']);
    expect(rows[0]!.textContent).toContain('42 m');
    expect(rows[0]!.textContent).toContain('西 W 270°');
    fireEvent.click(rows[1]!);
    await waitFor(() => expect(screen.getByTestId('video-panel').dataset.camera).toBe('CAM2'));
  });

  it('覆盖范围 draws the selected camera coverage through the layer; errors are shown and change nothing', async () => {
    const bad = host({ 'cameras.coverage': () => { throw new Error('camera CAM1 has no heading'); } });
    const t = setup({}, bad);
    await waitFor(() => expect(t.calls.some((c) => c.method === 'features.query')).toBe(true));
    t.update({ pick: pickOf('CAM1', 1) });
    await waitFor(() => screen.getByTestId('coverage-show'));
    fireEvent.click(screen.getByTestId('coverage-show'));
    await waitFor(() => expect(screen.getByTestId('camera-tool-error').textContent).toContain('CAM1 has no heading'));
    expect(t.live.every((l) => l.coverage === null)).toBe(true);
    cleanup();
    const ok = setup();
    await waitFor(() => expect(ok.calls.some((c) => c.method === 'features.query')).toBe(true));
    ok.update({ pick: pickOf('CAM1', 1) });
    await waitFor(() => screen.getByTestId('coverage-show'));
    fireEvent.click(screen.getByTestId('coverage-show'));
    await waitFor(() => expect(ok.live.at(-1)!.coverage).toEqual(polygon));
    expect(screen.getByTestId('coverage-facts').textContent).toContain('4/30');
    fireEvent.click(screen.getByTestId('coverage-clear'));
    expect(ok.live.at(-1)!.coverage).toBeNull();
  });

  it('上墙 puts the camera in the first empty wall cell and opens the wall; the wall lists cameras with streams', async () => {
    const store = memoryStore({ ...emptyWallLayout(4), cells: [{ id: 'X', name: 'X', url: 'http://127.0.0.1:9/x.m3u8' }, ...Array.from({ length: 8 }, () => null)] });
    const t = setup({}, host(), store);
    await waitFor(() => expect(t.calls.some((c) => c.method === 'features.query')).toBe(true));
    t.update({ pick: pickOf('CAM1', 1) });
    await waitFor(() => screen.getByTestId('video-panel-to-wall'));
    await act(async () => fireEvent.click(screen.getByTestId('video-panel-to-wall')));
    await waitFor(() => expect(screen.getByTestId('video-wall').dataset.loaded).toBe('true'));
    expect(store.saved!.cells[1]).toEqual({ id: 'CAM1', name: '摄像机 CAM1', url: 'http://127.0.0.1:9/1.m3u8' });
    expect(screen.getByTestId('wall-cell-1').dataset.camera).toBe('CAM1');
    // Only cameras with a stream are offered; click-to-assign fills the next empty cell.
    expect(screen.getByTestId('wall-camera-list').children).toHaveLength(2);
    fireEvent.click(screen.getByTestId('wall-assign-CAM2'));
    expect(screen.getByTestId('wall-cell-2').dataset.camera).toBe('CAM2');
    fireEvent.click(screen.getByTestId('open-video-wall'));
    expect(screen.queryByTestId('video-wall')).toBeNull();
  });
});
