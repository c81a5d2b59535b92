import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RpcError, type Client, type Feature, type LayerInfo, type UserInfo } from '../../../../../preload/contract';
import { cameraAdminMethods, cameraMessages, type CameraAdminRecord } from '../../../../../preload/contract/cameraAdminMethods';
import type { MapClick, ToolContext } from '../../../../../renderer/app/toolContext';
import { CameraEditForm } from '../../../../../renderer/panels/cameras/CameraEditForm';
import { CameraTool } from '../../../../../renderer/panels/cameras/CameraTool';
import { emptyWallLayout } from '../../../../../renderer/panels/video/wallLayout';

afterEach(cleanup);

const NOW = Date.UTC(2026, 6, 20, 1, 30);
const district: [number, number, number, number] = [110.7, 32.5, 111.0, 32.7];
const feature: Feature = {
  type: 'Feature',
  id: 'CAM7',
  geometry: { type: 'Point', coordinates: [110.81, 32.62] },
  properties: { external_id: 'CAM7', name: '人民路球机', cam_type: 'dome', status: 'online', heading: 90, tilt: 15, hfov: 60, range_m: 120, height_m: 6, department: '公安茅箭分局', stream_url: 'http://media.local/cam7.m3u8', demo: false },
};
const record = (patch: Partial<CameraAdminRecord> = {}): CameraAdminRecord => ({
  fid: 7, externalId: 'CAM7', name: '人民路球机', camType: 'dome', status: 'online', lon: 110.81, lat: 32.62, heightM: 6, heading: 90, tilt: 15, hfov: 60, rangeM: 120,
  department: '公安茅箭分局', streamUrl: 'http://media.local/cam7.m3u8', subStreamUrl: null, lastSeen: null, demo: false, ...patch,
});

type Handler = (input: Record<string, unknown>) => unknown;
/**
 * A client as it is once the camera admin methods are in the contract: the input is validated against the
 * contract before it leaves (a refusal as BAD_INPUT), the host's refusal comes back as an RpcError.
 */
function fakeClient(handlers: Record<string, Handler>) {
  const calls: { method: string; input: Record<string, unknown> }[] = [];
  const client = {
    call: async (method: string, input: Record<string, unknown>) => {
      const spec = (cameraAdminMethods as Record<string, { input: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } } }>)[method];
      if (spec) {
        const r = spec.input.safeParse(input);
        if (!r.success) throw new RpcError({ code: 'BAD_INPUT', message: `${method}: ${r.error!.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ')}` });
      }
      calls.push({ method, input });
      const h = handlers[method];
      if (!h) throw new RpcError({ code: 'UNKNOWN_METHOD', message: method });
      return h(input);
    },
    subscribe: () => () => {},
    setSession: () => {},
  } as unknown as Client;
  return { client, calls };
}

function form(props: { feature?: Feature | null; handlers?: Record<string, Handler>; mapClick?: MapClick | null; locale?: 'zh-CN' | 'en' } = {}) {
  const h = fakeClient(props.handlers ?? {});
  const onSaved = vi.fn();
  const onDeleted = vi.fn();
  const onCancel = vi.fn();
  const el = (mapClick: MapClick | null) => (
    <CameraEditForm client={h.client} locale={props.locale ?? 'zh-CN'} feature={props.feature ?? null} district={district} mapClick={mapClick} onSaved={onSaved} onDeleted={onDeleted} onCancel={onCancel} now={() => NOW} />
  );
  const view = render(el(props.mapClick ?? null));
  return { ...h, onSaved, onDeleted, onCancel, rerender: (c: MapClick | null) => view.rerender(el(c)) };
}

const input = (field: string) => screen.getByTestId(`camera-edit-${field}`) as HTMLInputElement;
const type = (field: string, value: string) => fireEvent.change(input(field), { target: { value } });
const errorAt = (field: string) => screen.queryByTestId(`camera-edit-error-${field}`)?.textContent ?? null;

describe('CameraEditForm: a new camera', () => {
  it('labels zh-CN first with English beside, units beside the numbers', () => {
    form();
    const heading = input('heading').closest('.camera-edit-field') as HTMLElement;
    expect(heading.querySelector('label')!.textContent).toBe('朝向 Heading');
    expect(heading.querySelector('.camera-edit-unit')!.textContent).toBe('°');
    expect((input('rangeM').closest('.camera-edit-field') as HTMLElement).textContent).toContain('可视距离 Range');
    expect((input('rangeM').closest('.camera-edit-field') as HTMLElement).querySelector('.camera-edit-unit')!.textContent).toBe('m');
    expect(input('heightM').type).toBe('number');
    expect(screen.getByTestId('camera-edit-save').textContent).toBe('保存 Save');
    expect(screen.getByTestId('camera-edit-cancel').textContent).toBe('取消 Cancel');
    expect(screen.queryByTestId('camera-edit-delete')).toBeNull();
    expect(within(screen.getByTestId('camera-edit-camType')).getAllByRole('option').map((o) => o.textContent)).toEqual(['枪机 Bullet', '球机 Dome', '云台 PTZ']);
  });

  it("checks the host's rules before sending, with the host's messages at their fields; nothing is sent", () => {
    const f = form({ handlers: { 'cameras.create': () => ({ camera: record(), auditSeq: 1 }) } });
    type('externalId', 'CAM9');
    type('lon', '116.4');
    type('lat', '32.6');
    type('heading', '400');
    type('tilt', '-95');
    type('hfov', '0');
    type('rangeM', '6000');
    type('streamUrl', 'ftp://h/a.mp4');
    type('lastSeen', new Date(NOW + 3600_000).toISOString());
    fireEvent.click(screen.getByTestId('camera-edit-save'));
    expect(errorAt('name')).toBe(cameraMessages.name);
    expect(errorAt('heading')).toBe(cameraMessages.heading);
    expect(errorAt('tilt')).toBe(cameraMessages.tilt);
    expect(errorAt('hfov')).toBe(cameraMessages.hfov);
    expect(errorAt('rangeM')).toBe(cameraMessages.rangeM);
    expect(errorAt('streamUrl')).toBe(cameraMessages.streamUrl);
    expect(errorAt('lon')).toMatch(/^经度 116\.4 超出合理范围 110\.2…111\.5/);
    expect(errorAt('lastSeen')).toBe(cameraMessages.lastSeenFuture);
    expect(input('heading').getAttribute('aria-invalid')).toBe('true');
    expect(f.calls).toEqual([]);
    // Typing in a field clears its message.
    type('heading', '45');
    expect(errorAt('heading')).toBeNull();
  });

  it('saves with cameras.create: numbers as numbers, empty optional fields left out', async () => {
    const f = form({ handlers: { 'cameras.create': (i) => ({ camera: record({ externalId: String(i.externalId) }), auditSeq: 3 }) } });
    type('externalId', 'CAM9');
    type('name', '新球机');
    fireEvent.change(screen.getByTestId('camera-edit-camType'), { target: { value: 'ptz' } });
    type('lon', '110.85');
    type('lat', '32.64');
    type('heading', '180');
    type('rangeM', '250');
    fireEvent.click(screen.getByTestId('camera-edit-now'));
    fireEvent.click(screen.getByTestId('camera-edit-save'));
    await waitFor(() => expect(f.onSaved).toHaveBeenCalledTimes(1));
    expect(f.calls).toEqual([
      { method: 'cameras.create', input: { externalId: 'CAM9', name: '新球机', camType: 'ptz', status: 'online', lon: 110.85, lat: 32.64, heading: 180, rangeM: 250, lastSeen: new Date(NOW).toISOString() } },
    ]);
    expect((f.onSaved.mock.calls[0] as [CameraAdminRecord])[0].externalId).toBe('CAM9');
  });

  it("shows the host's refusal at its field (a duplicate id only the host can know)", async () => {
    const f = form({
      handlers: {
        'cameras.create': () => {
          throw new RpcError({ code: 'BAD_INPUT', message: 'cameras.create: externalId: 编号 CAM7 已存在 / id CAM7 already exists' });
        },
      },
    });
    type('externalId', 'CAM7');
    type('name', '重复');
    type('lon', '110.8');
    type('lat', '32.6');
    fireEvent.click(screen.getByTestId('camera-edit-save'));
    await waitFor(() => expect(errorAt('externalId')).toBe('编号 CAM7 已存在 / id CAM7 already exists'));
    expect(f.onSaved).not.toHaveBeenCalled();
    expect(screen.queryByTestId('camera-edit-error')).toBeNull();
  });

  it('a refusal that names no field is shown above the buttons', async () => {
    form({
      handlers: {
        'cameras.create': () => {
          throw new RpcError({ code: 'UNAUTHORIZED', message: "分析员无权执行 / cameras.create: role 'analyst' may not call it (allowed: admin)" });
        },
      },
    });
    type('externalId', 'CAM9');
    type('name', 'x');
    type('lon', '110.8');
    type('lat', '32.6');
    fireEvent.click(screen.getByTestId('camera-edit-save'));
    await waitFor(() => expect(screen.getByTestId('camera-edit-error').textContent).toMatch(/^UNAUTHORIZED: 分析员无权执行/));
  });
});

describe('CameraEditForm: an existing camera', () => {
  it('prefills from the feature; sends only what changed; the map pick sets lon and lat', async () => {
    const f = form({ feature, mapClick: { lon: 1, lat: 1, seq: 4 }, handlers: { 'cameras.update': (i) => ({ camera: record({ heading: Number(i.heading) }), changed: ['heading'], auditSeq: 9 }) } });
    expect(screen.getByTestId('camera-edit-form').dataset.mode).toBe('edit');
    expect(input('externalId').value).toBe('CAM7');
    expect(input('lon').value).toBe('110.81');
    expect(input('heading').value).toBe('90');
    expect((screen.getByTestId('camera-edit-camType') as HTMLSelectElement).value).toBe('dome');
    type('heading', '135.5');
    type('department', '');
    fireEvent.click(screen.getByTestId('camera-edit-pick'));
    expect(screen.getByTestId('camera-edit-picking').textContent).toMatch(/请在地图上点击/);
    f.rerender({ lon: 110.8234567, lat: 32.6345678, seq: 5 });
    expect(input('lon').value).toBe('110.823457');
    expect(input('lat').value).toBe('32.634568');
    expect(screen.queryByTestId('camera-edit-picking')).toBeNull();
    fireEvent.click(screen.getByTestId('camera-edit-save'));
    await waitFor(() => expect(f.onSaved).toHaveBeenCalledTimes(1));
    expect(f.calls).toEqual([{ method: 'cameras.update', input: { id: 'CAM7', lon: 110.823457, lat: 32.634568, heading: 135.5, department: null } }]);
  });

  it('nothing changed: the host is not asked, the form says so', () => {
    const f = form({ feature });
    fireEvent.click(screen.getByTestId('camera-edit-save'));
    expect(screen.getByTestId('camera-edit-error').textContent).toContain(cameraMessages.nothing);
    expect(f.calls).toEqual([]);
  });

  it('删除 asks first; 取消 keeps the camera; confirming deletes with the reason', async () => {
    const f = form({ feature, handlers: { 'cameras.delete': (i) => ({ deleted: { fid: 7, externalId: String(i.id) }, auditSeq: 12 }) } });
    fireEvent.click(screen.getByTestId('camera-edit-delete'));
    expect(screen.getByTestId('camera-edit-confirm').textContent).toContain('确定删除摄像机 人民路球机？');
    fireEvent.click(screen.getByTestId('camera-edit-delete-cancel'));
    expect(screen.queryByTestId('camera-edit-confirm')).toBeNull();
    expect(f.calls).toEqual([]);
    fireEvent.click(screen.getByTestId('camera-edit-delete'));
    fireEvent.change(screen.getByTestId('camera-edit-reason'), { target: { value: '设备拆除' } });
    fireEvent.click(screen.getByTestId('camera-edit-delete-confirm'));
    await waitFor(() => expect(f.onDeleted).toHaveBeenCalledWith('CAM7'));
    expect(f.calls).toEqual([{ method: 'cameras.delete', input: { id: 'CAM7', reason: '设备拆除' } }]);
  });

  it('English: the English label first, the Chinese beside it', () => {
    form({ feature, locale: 'en' });
    expect((input('tilt').closest('.camera-edit-field') as HTMLElement).querySelector('label')!.textContent).toBe('Tilt 俯仰');
    expect(screen.getByTestId('camera-edit-delete').textContent).toBe('Delete 删除');
  });
});

describe('CameraTool: 新增 / 编辑 for administrators only', () => {
  const layer: LayerInfo = { id: 'cameras', title: { zh: '视频监控', en: 'Cameras' }, kind: 'cameras', geometryType: 'POINT', featureCount: 1, bbox: null, source: 'test', demo: false, caption: null, lastChange: '2026-07-20T00:00:00Z' };
  const user = (role: UserInfo['role']): UserInfo => ({ username: `${role}1`, displayName: null, role, disabled: false }) as unknown as UserInfo;
  function tool(u: UserInfo | null) {
    const h = fakeClient({
      'features.query': () => ({ type: 'FeatureCollection', layerId: 'cameras', features: [feature], total: 1, truncated: false }),
      'cameras.health': () => ({ totals: { total: 1, online: 1, offline: 0, fault: 0, unknown: 0, onlinePct: 100 }, byDepartment: [], byArea: [] }),
      'cameras.update': () => ({ camera: record({ name: '改名' }), changed: ['name'], auditSeq: 2 }),
    });
    const ctx: ToolContext = { client: h.client, locale: 'zh-CN', user: u, layers: [layer], pick: null, mapClick: null, setLayerLive: () => {}, focus: () => {}, underground: { enabled: false, alpha: 0.35 }, setUnderground: () => {} };
    render(<CameraTool ctx={ctx} wallStore={{ load: async () => emptyWallLayout(), save: async () => {} }} player={{ attach: () => ({ destroy() {} }) }} />);
    fireEvent.click(screen.getByTestId('camera-tool-open'));
    return h;
  }

  it('not for an operator or a visitor', async () => {
    for (const u of [user('operator'), null]) {
      tool(u);
      await waitFor(() => expect(screen.getByTestId('camera-filter-count').textContent).toMatch(/^1 \/ 1/));
      expect(screen.queryByTestId('camera-add')).toBeNull();
      fireEvent.click(screen.getByText(/人民路球机/));
      expect(screen.queryByTestId('camera-edit')).toBeNull();
      cleanup();
    }
  });

  it('an admin adds (empty form) and edits the selected camera; saving closes the form', async () => {
    const h = tool(user('admin'));
    await waitFor(() => expect(screen.getByTestId('camera-filter-count').textContent).toMatch(/^1 \/ 1/));
    expect(screen.queryByTestId('camera-edit')).toBeNull();
    fireEvent.click(screen.getByTestId('camera-add'));
    expect(screen.getByTestId('camera-edit-form').dataset.mode).toBe('new');
    fireEvent.click(screen.getByTestId('camera-edit-cancel'));
    expect(screen.queryByTestId('camera-edit-form')).toBeNull();
    fireEvent.click(screen.getByText(/人民路球机/));
    fireEvent.click(screen.getByTestId('camera-edit'));
    expect(input('name').value).toBe('人民路球机');
    type('name', '改名');
    fireEvent.click(screen.getByTestId('camera-edit-save'));
    await waitFor(() => expect(screen.queryByTestId('camera-edit-form')).toBeNull());
    expect(h.calls.filter((c) => c.method === 'cameras.update')).toEqual([{ method: 'cameras.update', input: { id: 'CAM7', name: '改名' } }]);
  });
});
