import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Client } from '../../../../../preload/contract';
import type { ToolContext } from '../../../../../renderer/app/toolContext';

// ECharts needs a real canvas; the chart's option is tested on its own (profileChartOption.test.ts).
vi.mock('../../../../../renderer/panels/drainage/ProfileChart', () => ({
  ProfileChart: ({ option }: { option: { series: unknown[] } }) => <div data-testid="profile-chart" data-series={option.series.length} />,
}));
const { DrainageTool } = await import('../../../../../renderer/panels/drainage/DrainageTool');

afterEach(cleanup);

const pipeProps = { name: '雨水管 J1→J2', network: 'rain', up_node: 'J1', down_node: 'J2', diameter_mm: 600, material: '钢筋混凝土', up_invert: 197, down_invert: 196.8, length_m: 50, install_year: 2001, demo: true };
const station = (id: string, c: number, pos: [number, number]) => ({ nodeId: id, nodeType: 'manhole', chainageM: c, groundElev: 200, invertElev: 197, position: pos });
const profile = {
  method: 'pipes' as const,
  stations: [station('J1', 0, [110.8, 32.6]), station('J2', 50, [110.8005, 32.6])],
  segments: [{ pipeId: 'P1', fromNode: 'J1', toNode: 'J2', reversed: false, startChainageM: 0, endChainageM: 50, lengthM: 50, diameterMm: 600, startInvert: 197, endInvert: 196.8, startCrown: 197.6, endCrown: 197.4, slopePermille: 4 }],
  totalLengthM: 50,
  missing: [],
  warnings: [],
};
const condIndex = { count: 1, mean: 2, max: 5, value: 5, grade: 'III' as const, density: 0.1, densityClass: 'local' as const, gradeLabel: { zh: '严重缺陷', en: 'Serious' }, densityLabel: { zh: '局部', en: 'Local' } };

const neighboursOf = (input: { id: string }) =>
  input.id === 'J2' ? { kind: 'node', id: 'J2', upNodes: ['J1'], downNodes: [], upPipes: ['P1'], downPipes: [] } : { kind: 'pipe', id: 'P1', upNodes: ['J1'], downNodes: ['J2'], upPipes: ['P0'], downPipes: ['P2'] };

function fakeClient(overrides: Record<string, (input: never) => unknown> = {}) {
  const handlers: Record<string, (input: never) => unknown> = {
    'drainage.profile': () => profile,
    'features.query': (input: { layerId: string }) => ({ type: 'FeatureCollection', layerId: input.layerId, total: 2, truncated: false, features: [{ type: 'Feature', id: 'P0', geometry: null, properties: {} }, { type: 'Feature', id: 'P1', geometry: null, properties: pipeProps }] }),
    'drainage.neighbours': neighboursOf,
    'drainage.condition': () => ({
      pipeId: 'P1', lengthM: 50, diameterMm: 600, area: 'road', soil: 'general',
      defects: [{ id: 1, distanceM: 12.5, code: 'PL', name: { zh: '破裂', en: 'Fracture' }, defectClass: 'structural', grade: 3, score: 5, lengthM: null, media: '/photos/p1-12.jpg', remarks: null, inspectedAt: null }],
      structural: condIndex, functional: { ...condIndex, value: 0, grade: 'I' },
      repair: { RI: 4.2, K: 0.3, E: 0, T: 10, grade: 'III', label: { zh: '尽快修复', en: 'Repair soon' } },
      maintenance: { MI: 0.5, K: 0.3, E: 0, grade: 'I', label: { zh: '不需养护', en: 'None needed' } },
      assumptions: [],
    }),
    'drainage.trace': (input: { direction: 'down' | 'up' | 'connected' }) => ({
      start: { kind: 'pipe', id: 'P1' }, direction: input.direction, nodeIds: ['J2', 'OUT1'], pipeIds: ['P1', 'P2'], pipeCount: 2, totalLengthM: 1234.5,
      outfalls: ['OUT1'], plants: [], pumps: [], storages: [], stoppedAt: [],
      warnings: [{ kind: 'missing_length', ids: ['P2'], message: { zh: '管段 P2 缺少管长', en: 'P2 has no length' } }],
    }),
    'drainage.check': () => ({ pipeCount: 2, nodeCount: 3, counts: {}, exported: {}, findings: [{ kind: 'reverse_slope', severity: 'warning', pipeId: 'P9', nodeId: null, message: { zh: '倒坡', en: 'Reverse slope' }, location: [110.81, 32.61] }] }),
    'drainage.worstPipes': () => ({ pipes: [] }),
    ...overrides,
  };
  const call = vi.fn(async (method: string, input: unknown) => {
    const h = handlers[method];
    if (!h) throw new Error(`unexpected ${method}`);
    return h(input as never);
  });
  return { client: { call, subscribe: () => () => {} } as unknown as Client, call };
}

function ctxWith(client: Client, patch: Partial<ToolContext> = {}): ToolContext {
  return {
    client,
    locale: 'zh-CN',
    user: null,
    layers: [{ id: 'drainage_pipes', kind: 'drainagePipes' }, { id: 'drainage_nodes', kind: 'drainageNodes' }] as ToolContext['layers'],
    pick: null,
    setLayerLive: vi.fn(),
    focus: vi.fn(),
    underground: { enabled: false, alpha: 0.35 },
    setUnderground: vi.fn(),
    ...patch,
  };
}

describe('DrainageTool', () => {
  it('toggles underground mode and its alpha through the context', () => {
    const { client } = fakeClient();
    const ctx = ctxWith(client);
    const { rerender } = render(<DrainageTool ctx={ctx} />);
    expect((screen.getByTestId('underground-alpha') as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('underground-toggle'));
    expect(ctx.setUnderground).toHaveBeenCalledWith({ enabled: true, alpha: 0.35 });
    const on = { ...ctx, underground: { enabled: true, alpha: 0.35 } };
    rerender(<DrainageTool ctx={on} />);
    fireEvent.change(screen.getByTestId('underground-alpha'), { target: { value: '0.6' } });
    expect(ctx.setUnderground).toHaveBeenLastCalledWith({ enabled: true, alpha: 0.6 });
  });

  it('a picked pipe: labelled attributes with units, neighbours, condition with defect marks; trace highlights and sums up', async () => {
    const { client, call } = fakeClient();
    const ctx = ctxWith(client, { pick: { layerId: 'drainage_pipes', kind: 'drainagePipes', featureId: 'P1', seq: 1 } });
    render(<DrainageTool ctx={ctx} />);
    await waitFor(() => expect(screen.getByTestId('drainage-attributes')).toBeTruthy());
    const attrs = screen.getByTestId('drainage-attributes');
    expect(attrs.querySelector('[data-field=diameter_mm]')!.textContent).toBe('管径 (mm)600');
    expect(attrs.querySelector('[data-field=network]')!.textContent).toBe('管线类型雨水');
    expect(attrs.querySelector('[data-field=up_invert]')!.textContent).toBe('起点管底高程 (m)197');
    expect(call).toHaveBeenCalledWith('features.query', expect.objectContaining({ layerId: 'drainage_pipes', bbox: expect.any(Array) }));
    await waitFor(() => expect(screen.getByTestId('pipe-condition')).toBeTruthy());
    expect(screen.getAllByTestId('defect-mark')).toHaveLength(1);
    expect(screen.getByTestId('pipe-condition').textContent).toContain('/photos/p1-12.jpg');
    expect(screen.getByTestId('pipe-condition').textContent).toContain('尽快修复');

    fireEvent.click(screen.getByTestId('trace-down'));
    await waitFor(() => expect(screen.getByTestId('trace-summary')).toBeTruthy());
    expect(screen.getByTestId('trace-length').textContent).toBe('1.23 km');
    expect(screen.getByTestId('trace-pipes').textContent).toBe('2');
    expect(screen.getByTestId('trace-outfalls').textContent).toBe('OUT1');
    expect(screen.getByTestId('trace-warnings').textContent).toContain('缺少管长');
    expect(ctx.setLayerLive).toHaveBeenLastCalledWith('drainageNodes', { highlight: { pipeIds: ['P1', 'P2'], nodeIds: ['J2', 'OUT1'], colour: '#fff200' } });
    expect(ctx.setLayerLive).toHaveBeenCalledWith('drainagePipes', expect.objectContaining({ colourBy: 'network', highlight: expect.objectContaining({ pipeIds: ['P1', 'P2'] }) }));
    fireEvent.click(screen.getByTestId('trace-clear'));
    expect(ctx.setLayerLive).toHaveBeenLastCalledWith('drainageNodes', { highlight: null });
  });

  it('a neighbour is clickable: it becomes the selection and the map flies there', async () => {
    const { client } = fakeClient();
    const ctx = ctxWith(client, { pick: { layerId: 'drainage_pipes', kind: 'drainagePipes', featureId: 'P1', seq: 1 } });
    render(<DrainageTool ctx={ctx} />);
    await waitFor(() => expect(screen.getByTestId('neighbour-P0')).toBeTruthy());
    fireEvent.click(screen.getByTestId('neighbour-P0'));
    await waitFor(() => expect(screen.getByTestId('drainage-selected-id').textContent).toBe('P0'));
    await waitFor(() => expect(ctx.focus).toHaveBeenCalledWith(expect.objectContaining({ layerKind: 'drainagePipes', featureId: 'P0' })));
  });

  it('profile: the chart is drawn from drainage.profile; a profile error is shown, not swallowed', async () => {
    const { client } = fakeClient();
    render(<DrainageTool ctx={ctxWith(client, { pick: { layerId: 'drainage_nodes', kind: 'drainageNodes', featureId: 'J1', seq: 1 } })} />);
    fireEvent.click(screen.getByTestId('profile-run'));
    await waitFor(() => expect(screen.getByTestId('profile-chart').dataset.series).toBe('5'));
    cleanup();
    const bad = fakeClient({ 'drainage.trace': () => Promise.reject(new Error('节点 X 不存在')) });
    render(<DrainageTool ctx={ctxWith(bad.client, { pick: { layerId: 'drainage_nodes', kind: 'drainageNodes', featureId: 'J1', seq: 1 } })} />);
    fireEvent.click(screen.getByTestId('trace-up'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('节点 X 不存在'));
  });

  it('profile between two manholes: start chosen on one, run from another; the path is highlighted; the start can be cancelled', async () => {
    const { client, call } = fakeClient();
    const ctx = ctxWith(client, { pick: { layerId: 'drainage_nodes', kind: 'drainageNodes', featureId: 'J1', seq: 1 } });
    const { rerender } = render(<DrainageTool ctx={ctx} />);
    // No start yet: only "from here", nothing to run between.
    expect(screen.queryByTestId('profile-between')).toBeNull();
    fireEvent.click(screen.getByTestId('profile-set-start'));
    expect(screen.getByTestId('profile-start').dataset.id).toBe('J1');
    // On the start itself: no "to here", and no "from here" again.
    expect(screen.queryByTestId('profile-between')).toBeNull();
    expect(screen.queryByTestId('profile-set-start')).toBeNull();
    // The start survives another pick (a pipe shows it but offers nothing between).
    rerender(<DrainageTool ctx={{ ...ctx, pick: { layerId: 'drainage_pipes', kind: 'drainagePipes', featureId: 'P1', seq: 2 } }} />);
    await waitFor(() => expect(screen.getByTestId('drainage-selected-id').textContent).toBe('P1'));
    expect(screen.getByTestId('profile-start').dataset.id).toBe('J1');
    expect(screen.queryByTestId('profile-between')).toBeNull();
    rerender(<DrainageTool ctx={{ ...ctx, pick: { layerId: 'drainage_nodes', kind: 'drainageNodes', featureId: 'J2', seq: 3 } }} />);
    await waitFor(() => expect(screen.getByTestId('drainage-selected-id').textContent).toBe('J2'));
    fireEvent.click(screen.getByTestId('profile-between'));
    // An end with nothing downstream says so once.
    await waitFor(() => expect(screen.getByTestId('neighbours-down').textContent).toBe('无'));
    await waitFor(() => expect(screen.getByTestId('profile-chart')).toBeTruthy());
    expect(call).toHaveBeenCalledWith('drainage.profile', { from: 'J1', to: 'J2' });
    expect(ctx.setLayerLive).toHaveBeenCalledWith('drainagePipes', expect.objectContaining({ highlight: expect.objectContaining({ pipeIds: ['P1'], colour: '#00e5ff' }) }));
    fireEvent.click(screen.getByTestId('profile-start-clear'));
    expect(screen.queryByTestId('profile-start')).toBeNull();
    expect(screen.queryByTestId('profile-between')).toBeNull();
    expect(screen.getByTestId('profile-set-start')).toBeTruthy();
  });

  it('other layers\' picks are ignored; colour-by reaches the pipes layer', () => {
    const { client } = fakeClient();
    const ctx = ctxWith(client, { pick: { layerId: 'cameras', kind: 'cameras', featureId: 'C1', seq: 1 } });
    render(<DrainageTool ctx={ctx} />);
    expect(screen.queryByTestId('drainage-selection')).toBeNull();
    fireEvent.change(screen.getByTestId('colour-by'), { target: { value: 'diameter' } });
    expect(ctx.setLayerLive).toHaveBeenLastCalledWith('drainageNodes', { highlight: null });
    expect(ctx.setLayerLive).toHaveBeenCalledWith('drainagePipes', { colourBy: 'diameter', grades: {}, highlight: null });
    expect(screen.getByTestId('colour-legend').textContent).toContain('DN600–DN900');
  });

  it('topology check: a finding focuses the map on it and highlights it', async () => {
    const { client } = fakeClient();
    const ctx = ctxWith(client);
    render(<DrainageTool ctx={ctx} />);
    fireEvent.click(screen.getByTestId('check-run'));
    await waitFor(() => expect(screen.getByTestId('finding-0')).toBeTruthy());
    fireEvent.click(screen.getByTestId('finding-0'));
    expect(ctx.focus).toHaveBeenCalledWith({ lon: 110.81, lat: 32.61, height: 800, layerKind: 'drainagePipes', featureId: 'P9' });
    expect(ctx.setLayerLive).toHaveBeenCalledWith('drainagePipes', expect.objectContaining({ highlight: { pipeIds: ['P9'], nodeIds: [], colour: '#ff3b30' } }));
  });
});

describe('DrainageTool: CCTV defects on the map and their photos', () => {
  const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
  const line = { type: 'LineString' as const, coordinates: [[110.8, 32.6], [110.8005, 32.6]] };
  const setup = () => {
    const defects = [
      { id: 1, distanceM: 12.5, code: 'PL', name: { zh: '破裂', en: 'Fracture' }, defectClass: 'structural', grade: 3, score: 5, lengthM: null, media: 'photos/p1-12.png', remarks: '管顶破裂', inspectedAt: null },
      { id: 2, distanceM: 40, code: 'CJ', name: { zh: '沉积', en: 'Deposits' }, defectClass: 'functional', grade: 2, score: 2, lengthM: 3, media: 'video/run.mp4#t=40', remarks: null, inspectedAt: null },
    ];
    // The default condition of P1 with two defects instead of one.
    const condition = fakeClient().client.call('drainage.condition', { pipeId: 'P1' }).then((c) => ({ ...(c as object), defects }));
    return fakeClient({
      'features.query': (input: { layerId: string }) => ({ type: 'FeatureCollection', layerId: input.layerId, total: 1, truncated: false, features: [{ type: 'Feature', id: 'P1', geometry: line, properties: pipeProps }] }),
      'drainage.condition': () => condition,
      'drainage.defectMedia': (input: { defectId: number }) =>
        input.defectId === 1
          ? { defectId: 1, mime: 'image/png', dataUrl: png, bytes: 70, reason: null, message: null }
          : { defectId: 2, mime: null, dataUrl: null, bytes: null, reason: 'video_frame', message: { zh: '视频帧路径 — 请在播放器中打开：video/run.mp4#t=40', en: 'video frame path — open in a player: video/run.mp4#t=40' } },
    });
  };
  const lastDefectsLive = (ctx: ToolContext) =>
    (ctx.setLayerLive as ReturnType<typeof vi.fn>).mock.calls.filter((c) => c[0] === 'drainageDefects').at(-1)?.[1] as { pipeId: string; marks: { id: number; lon: number; invert: number | null; colour: string }[]; selectedId: number | null; onPlaced?(p: unknown[]): void } | null | undefined;

  it('the pipe’s defects go to the map as marks along it; clicking a row shows its photo, highlights it and flies there', async () => {
    const { client, call } = setup();
    const ctx = ctxWith(client, { pick: { layerId: 'drainage_pipes', kind: 'drainagePipes', featureId: 'P1', seq: 1 } });
    render(<DrainageTool ctx={ctx} />);
    await waitFor(() => expect(lastDefectsLive(ctx)?.marks).toHaveLength(2));
    const live = lastDefectsLive(ctx)!;
    expect(live).toMatchObject({ pipeId: 'P1', selectedId: null });
    expect(live.marks.map((m) => m.id)).toEqual([1, 2]);
    // 12.5 m of a 50 m pipe: a quarter of the way east; the invert falls from 197 towards 196.8.
    expect(live.marks[0]!.lon).toBeCloseTo(110.8 + 0.0005 / 4, 7);
    expect(live.marks[0]!.invert).toBeCloseTo(196.95, 3);
    expect(live.marks[0]!.colour).toBe('#ff922b');
    expect(screen.queryByTestId('defect-photo')).toBeNull();

    // The overlay reports where it drew the marks; the camera goes above the chosen one.
    live.onPlaced?.([{ id: 1, lon: live.marks[0]!.lon, lat: 32.6, height: 300.5, atDepth: true }]);
    fireEvent.click(screen.getAllByTestId('defect-row')[0]!);
    const img = (await screen.findByTestId('defect-photo-img')) as HTMLImageElement;
    expect(img.src).toBe(png);
    expect(call).toHaveBeenCalledWith('drainage.defectMedia', { defectId: 1 });
    const photo = screen.getByTestId('defect-photo');
    expect(photo.textContent).toContain('PL');
    expect(photo.textContent).toContain('破裂');
    expect(photo.textContent).toContain('Ⅲ级');
    expect(screen.getByTestId('defect-photo-chainage').textContent).toBe('12.5 m');
    expect(photo.textContent).toContain('管顶破裂');
    expect(screen.getAllByTestId('defect-row')[0]!.getAttribute('aria-selected')).toBe('true');
    expect(screen.getAllByTestId('defect-row')[1]!.getAttribute('aria-selected')).toBe('false');
    expect(document.querySelector('[data-testid=defect-mark][data-defect-id="1"]')!.getAttribute('data-selected')).toBe('true');
    expect(lastDefectsLive(ctx)!.selectedId).toBe(1);
    expect(ctx.focus).toHaveBeenLastCalledWith({ lon: live.marks[0]!.lon, lat: 32.6, height: 360.5 });
  });

  it('a mark picked on the map selects its defect (no fly); a video frame shows why there is no photo; closing removes the marks', async () => {
    const { client } = setup();
    const ctx = ctxWith(client, { pick: { layerId: 'drainage_pipes', kind: 'drainagePipes', featureId: 'P1', seq: 1 } });
    const { rerender } = render(<DrainageTool ctx={ctx} />);
    await waitFor(() => expect(lastDefectsLive(ctx)?.marks).toHaveLength(2));
    const focusCalls = (ctx.focus as ReturnType<typeof vi.fn>).mock.calls.length;
    rerender(<DrainageTool ctx={{ ...ctx, pick: { layerId: 'overlay_drainagedefects', kind: '', featureId: '2', seq: 2 } }} />);
    const reason = await screen.findByTestId('defect-photo-reason');
    expect(reason.dataset.reason).toBe('video_frame');
    expect(reason.textContent).toBe('视频帧路径 — 请在播放器中打开：video/run.mp4#t=40');
    expect(screen.queryByTestId('defect-photo-img')).toBeNull();
    expect(screen.getByTestId('drainage-selected-id').textContent).toBe('P1');
    expect(lastDefectsLive(ctx)!.selectedId).toBe(2);
    expect((ctx.focus as ReturnType<typeof vi.fn>).mock.calls.length).toBe(focusCalls);

    fireEvent.click(screen.getByTestId('drainage-selection-close'));
    await waitFor(() => expect(lastDefectsLive(ctx)).toBeNull());
  });
});
