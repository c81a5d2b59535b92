import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cameraAdminMethods, type CameraCreateInput } from '../../../../../preload/contract/cameraAdminMethods';
import type { TopicName } from '../../../../../preload/contract';
import { CameraAdmin } from '../../../../../main/services/cameras/cameraAdmin';
import { verifyAudit } from '../../../../../main/services/audit/verifyAudit';
import { checkStore } from '../../../../../main/store/checkStore';
import { refreshContentsExtent } from '../../../../../main/store/featureTables';
import { decodeGpkgGeometry, encodeGpkgGeometry } from '../../../../../main/store/gpkgGeometry';
import { layerSchema } from '../../../../../main/store/layerSchemas';
import { LayerWriter } from '../../../../../main/store/layerWriter';
import { auditCount, commandTestStore, T0, type CommandTestStore } from '../auth/commandTestStore';

let t: CommandTestStore;
let admin: CameraAdmin;
let events: { topic: TopicName; payload: unknown }[];

/** A district boundary around Maojian (the sane extent is it grown by 0.5°: 110.2…111.5, 32.0…33.2). */
function writeBoundary(): void {
  const ring = [[110.7, 32.5], [111.0, 32.5], [111.0, 32.7], [110.7, 32.7], [110.7, 32.5]];
  t.store.db.prepare(`INSERT INTO boundary (name, source, geom) VALUES ('茅箭区', 'test', ?)`).run(encodeGpkgGeometry({ type: 'MultiPolygon', coordinates: [[ring]] }));
  refreshContentsExtent(t.store.db, 'boundary');
}

beforeEach(() => {
  t = commandTestStore({ plans: false });
  writeBoundary();
  events = [];
  admin = new CameraAdmin(t.store.db, t.audit, { now: () => t.clock.now, bus: { emit: (topic, payload) => events.push({ topic, payload }) } });
});
afterEach(() => t.cleanup());

const cam: CameraCreateInput = {
  externalId: 'CAM-A1',
  name: '人民北路口球机',
  camType: 'dome',
  status: 'online',
  lon: 110.8,
  lat: 32.61,
  heightM: 6.5,
  heading: 90,
  tilt: 20,
  hfov: 60,
  rangeM: 120,
  department: '公安茅箭分局',
  streamUrl: 'rtsp://admin:s3cret@10.0.0.7:554/h264/ch1/main',
  subStreamUrl: 'http://media.local/live/cam-a1.m3u8',
  lastSeen: new Date(T0 - 60_000).toISOString(),
};

/** Everything a camera change touches: the rows, their R-tree entries, the layer's extent and the audit log size. */
function state(): string {
  const db = t.store.db;
  return JSON.stringify([
    db.prepare(`SELECT * FROM cameras ORDER BY fid`).all(),
    db.prepare(`SELECT * FROM rtree_cameras_geom ORDER BY id`).all(),
    db.prepare(`SELECT min_x, min_y, max_x, max_y, last_change FROM gpkg_contents WHERE table_name = 'cameras'`).get(),
    auditCount(t.store),
  ]);
}

const rtreeOf = (fid: number) => t.store.db.prepare(`SELECT minx, maxx, miny, maxy FROM rtree_cameras_geom WHERE id = ?`).get(fid) as { minx: number; maxx: number; miny: number; maxy: number } | undefined;
const rowOf = (id: string) => t.store.db.prepare(`SELECT * FROM cameras WHERE external_id = ?`).get(id) as Record<string, unknown> | undefined;
const codeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    return `${(err as { code?: string }).code}: ${(err as Error).message}`;
  }
  throw new Error('expected a refusal');
};

describe('CameraAdmin.create', () => {
  it('writes the row, its GeoPackage geometry, R-tree entry and extent; audits the new camera; tells the windows', () => {
    const r = admin.create(t.actors.admin, cam);
    expect(cameraAdminMethods['cameras.create'].output.parse(r)).toEqual(r);
    expect(r.camera).toMatchObject({ externalId: 'CAM-A1', name: '人民北路口球机', camType: 'dome', status: 'online', lon: 110.8, lat: 32.61, heightM: 6.5, heading: 90, tilt: 20, hfov: 60, rangeM: 120, demo: false });
    const row = rowOf('CAM-A1')!;
    expect(decodeGpkgGeometry(row.geom as Uint8Array)).toEqual({ type: 'Point', coordinates: [110.8, 32.61] });
    expect(row).toMatchObject({ cam_type: 'dome', height_m: 6.5, range_m: 120, stream_url: cam.streamUrl, last_seen: cam.lastSeen, demo: 0 });
    expect(JSON.parse(row.props as string)).toEqual({ sub_stream_url: cam.subStreamUrl });
    // the R-tree keeps float32 bounds (rounded outward)
    expect(rtreeOf(r.camera.fid)).toEqual({ minx: expect.closeTo(110.8, 4), maxx: expect.closeTo(110.8, 4), miny: expect.closeTo(32.61, 4), maxy: expect.closeTo(32.61, 4) });
    const contents = t.store.db.prepare(`SELECT min_x, max_y FROM gpkg_contents WHERE table_name = 'cameras'`).get() as { min_x: number; max_y: number };
    expect(contents.min_x).toBeCloseTo(110.8, 4);
    expect(contents.max_y).toBeCloseTo(32.61, 4);

    const a = t.audit.list().at(-1)!;
    expect(a).toMatchObject({ seq: r.auditSeq, action: 'cameras.create', user: 'admin1', role: 'admin', target: 'camera:CAM-A1' });
    expect(a.details).toMatchObject({ fid: r.camera.fid, before: null, after: { externalId: 'CAM-A1', heading: 90, lon: 110.8 } });
    // the append-only log never holds the stream password
    expect((a.details.after as Record<string, unknown>).streamUrl).toBe('rtsp://admin:***@10.0.0.7:554/h264/ch1/main');
    expect(JSON.stringify(a.details)).not.toContain('s3cret');
    expect(events).toEqual([{ topic: 'store.changed', payload: { layerIds: ['cameras'], reason: 'cameras.create', at: new Date(T0).toISOString() } }]);
  });

  it('only the required fields: the rest stays empty', () => {
    const r = admin.create(t.actors.admin, { externalId: 'CAM-B', name: '简单枪机', camType: 'bullet', status: 'offline', lon: 110.9, lat: 32.55 });
    expect(r.camera).toMatchObject({ heightM: null, heading: null, tilt: null, hfov: null, rangeM: null, department: null, streamUrl: null, subStreamUrl: null, lastSeen: null });
    expect(rowOf('CAM-B')!.props).toBeNull();
  });

  const refusals: [string, Record<string, unknown>, RegExp][] = [
    ['heading above 360', { heading: 361 }, /^BAD_INPUT: cameras\.create: heading: 朝向须在 0–360° 之间/],
    ['heading below 0', { heading: -1 }, /heading: 朝向须在 0–360°/],
    ['heading as text', { heading: '90' }, /heading: 朝向须在 0–360°/],
    ['tilt beyond 90', { tilt: 91 }, /tilt: 俯仰须在 −90…90°/],
    ['tilt below -90', { tilt: -90.5 }, /tilt: 俯仰须在 −90…90°/],
    ['hfov below 1', { hfov: 0.5 }, /hfov: 水平视场角须在 1–180°/],
    ['hfov above 180', { hfov: 181 }, /hfov: 水平视场角须在 1–180°/],
    ['range 0', { rangeM: 0 }, /rangeM: 可视距离须大于 0 且不超过 5000 m/],
    ['range above 5000 m', { rangeM: 5000.1 }, /rangeM: 可视距离须大于 0/],
    ['negative height', { heightM: -0.1 }, /heightM: 安装高度须 ≥ 0 m/],
    ['unknown type', { camType: 'fisheye' }, /camType: 类型须为 枪机 bullet、球机 dome 或 云台 ptz/],
    ['unknown status', { status: 'broken' }, /status: 状态须为 在线 online、离线 offline 或 故障 fault/],
    ['empty name', { name: '  ' }, /name: 名称不能为空/],
    ['empty id', { externalId: '' }, /externalId: 编号须为 1–64 个字符/],
    ['id with a newline', { externalId: 'CAM\n1' }, /externalId: 编号须为/],
    ['ftp stream', { streamUrl: 'ftp://host/a.mp4' }, /streamUrl: 视频流地址须为 http\(s\):\/\/、rtsp:\/\//],
    ['absolute path stream', { streamUrl: '/etc/passwd' }, /streamUrl: 视频流地址/],
    ['parent-folder stream', { subStreamUrl: '../secret/a.mp4' }, /subStreamUrl: 视频流地址/],
    ['script stream', { streamUrl: 'javascript:alert(1)' }, /streamUrl: 视频流地址/],
    ['lon outside the district', { lon: 116.4 }, /lon: 经度 116\.4 超出合理范围 110\.2…111\.5/],
    ['lon and lat swapped', { lon: 32.61, lat: 110.8 }, /cameras\.create: lat: 纬度须为 −90…90 之间的数 \/ lat must be a number from −90 to 90$/],
    ['lon in the wrong hemisphere', { lon: -110.8 }, /lon: 经度 -110\.8 超出合理范围 110\.2…111\.5（经纬度是否颠倒？）/],
    ['lat 0', { lat: 0 }, /lat: 纬度 0 超出合理范围 32…33\.2/],
    ['lon beyond 180', { lon: 200 }, /lon: 经度须为 −180…180/],
    ['last seen without zone', { lastSeen: '2026-07-20 09:00' }, /lastSeen: 最后在线须为带时区的 ISO 8601/],
    ['last seen in the future', { lastSeen: new Date(T0 + 3600_000).toISOString() }, /lastSeen: 最后在线不能晚于当前时间/],
    ['unknown field', { colour: 'red' }, /\(input\): Unrecognized key/],
  ];
  it.each(refusals)('refuses %s naming the field, and changes nothing', (_what, patch, message) => {
    admin.create(t.actors.admin, { ...cam, externalId: 'CAM-OK' });
    const before = state();
    const n = events.length;
    expect(codeOf(() => admin.create(t.actors.admin, { ...cam, ...patch }))).toMatch(message);
    expect(state()).toBe(before);
    expect(events).toHaveLength(n);
  });

  it('names every bad field at once', () => {
    const msg = codeOf(() => admin.create(t.actors.admin, { ...cam, heading: 400, tilt: -100, hfov: 0, rangeM: -5 }));
    expect(msg).toMatch(/heading: .*; tilt: .*; hfov: .*; rangeM: /);
  });

  it('accepts the edges and every stream form: http(s), rtsp, ws and relative file names', () => {
    const ok = [
      { heading: 0, tilt: -90, hfov: 1, rangeM: 0.1, heightM: 0, streamUrl: 'https://media.local/a.flv', subStreamUrl: 'media/cam 01.mp4' },
      { heading: 360, tilt: 90, hfov: 180, rangeM: 5000, heightM: 1000, streamUrl: 'wss://media.local/live/a.flv', subStreamUrl: 'cam01.m3u8' },
    ];
    ok.forEach((patch, i) => expect(admin.create(t.actors.admin, { ...cam, ...patch, externalId: `EDGE${i}` }).camera).toMatchObject(patch));
  });

  it('refuses an id that exists (the store keeps ids unique)', () => {
    admin.create(t.actors.admin, cam);
    const before = state();
    expect(codeOf(() => admin.create(t.actors.admin, { ...cam, name: '另一个' }))).toMatch(/^BAD_INPUT: cameras\.create: externalId: 编号 CAM-A1 已存在 \/ id CAM-A1 already exists/);
    expect(codeOf(() => admin.create(t.actors.admin, { ...cam, externalId: '  CAM-A1 ' }))).toMatch(/externalId: 编号 CAM-A1 已存在/);
    expect(state()).toBe(before);
  });

  it('without a district boundary the sane extent is China', () => {
    t.store.db.prepare(`UPDATE gpkg_contents SET min_x = NULL, min_y = NULL, max_x = NULL, max_y = NULL WHERE table_name = 'boundary'`).run();
    expect(admin.extent()).toEqual([73, 3, 136, 54]);
    expect(admin.create(t.actors.admin, { ...cam, lon: 116.4, lat: 39.9 }).camera.lon).toBe(116.4);
    expect(codeOf(() => admin.create(t.actors.admin, { ...cam, externalId: 'X', lon: 0, lat: 0 }))).toMatch(/lon: 经度 0 超出合理范围 73…136.*; lat: 纬度 0 超出合理范围 3…54/);
  });
});

describe('CameraAdmin.update', () => {
  it('changes only the given fields; audits before/after of those; moves the geometry and its R-tree entry', () => {
    const { camera } = admin.create(t.actors.admin, cam);
    t.clock.now += 1000;
    events.length = 0;
    const r = admin.update(t.actors.admin, { id: 'CAM-A1', heading: 180.5, status: 'fault', lon: 110.85, lat: 32.65 });
    expect(cameraAdminMethods['cameras.update'].output.parse(r)).toEqual(r);
    expect(r.changed).toEqual(['status', 'lon', 'lat', 'heading']);
    expect(r.camera).toMatchObject({ ...camera, heading: 180.5, status: 'fault', lon: 110.85, lat: 32.65 });
    expect(decodeGpkgGeometry(rowOf('CAM-A1')!.geom as Uint8Array)).toEqual({ type: 'Point', coordinates: [110.85, 32.65] });
    expect(rtreeOf(camera.fid)!.minx).toBeCloseTo(110.85, 4);
    expect(rtreeOf(camera.fid)!.maxy).toBeCloseTo(32.65, 4);
    const a = t.audit.list().at(-1)!;
    expect(a).toMatchObject({ seq: r.auditSeq, action: 'cameras.update', target: 'camera:CAM-A1', user: 'admin1' });
    expect(a.details).toEqual({ fid: camera.fid, before: { heading: 90, status: 'online', lon: 110.8, lat: 32.61 }, after: { heading: 180.5, status: 'fault', lon: 110.85, lat: 32.65 } });
    expect(events).toMatchObject([{ topic: 'store.changed', payload: { layerIds: ['cameras'], reason: 'cameras.update' } }]);
  });

  it('null clears a field; the same values are no change: no audit record, no event', () => {
    admin.create(t.actors.admin, cam);
    const cleared = admin.update(t.actors.admin, { id: 'CAM-A1', heading: null, department: '', subStreamUrl: null });
    expect(cleared.camera).toMatchObject({ heading: null, department: null, subStreamUrl: null });
    expect(rowOf('CAM-A1')!.props).toBeNull();
    const before = state();
    events.length = 0;
    const same = admin.update(t.actors.admin, { id: 'CAM-A1', name: cam.name, tilt: 20, lon: 110.8, lat: 32.61 });
    expect(same).toMatchObject({ changed: [], auditSeq: null });
    expect(state()).toBe(before);
    expect(events).toEqual([]);
  });

  it('edits an imported camera: its other source attributes (props) stay', () => {
    const writer = new LayerWriter(t.store.db, layerSchema('cameras')!);
    t.store.db.transaction(() => {
      writer.write({ external_id: 'IMP-7', name: '导入的摄像机', geometry: { type: 'Point', coordinates: [110.81, 32.62] }, columns: { cam_type: 'ptz', status: 'online' }, props: { 建设年份: 2019 }, demo: false }, { inserted: 0, updated: 0 });
    })();
    const r = admin.update(t.actors.admin, { id: 'IMP-7', subStreamUrl: 'http://media.local/imp7-sub.m3u8', rangeM: 250 });
    expect(r.camera).toMatchObject({ camType: 'ptz', rangeM: 250, subStreamUrl: 'http://media.local/imp7-sub.m3u8', lon: 110.81 });
    expect(JSON.parse(rowOf('IMP-7')!.props as string)).toEqual({ 建设年份: 2019, sub_stream_url: 'http://media.local/imp7-sub.m3u8' });
  });

  it('renames to a free id (the audit says from what); refuses a taken one', () => {
    admin.create(t.actors.admin, cam);
    admin.create(t.actors.admin, { ...cam, externalId: 'CAM-B2', name: 'B2' });
    const before = state();
    expect(codeOf(() => admin.update(t.actors.admin, { id: 'CAM-A1', externalId: 'CAM-B2' }))).toMatch(/^BAD_INPUT: cameras\.update: externalId: 编号 CAM-B2 已存在/);
    expect(state()).toBe(before);
    const r = admin.update(t.actors.admin, { id: 'CAM-A1', externalId: 'CAM-A9' });
    expect(r.camera.externalId).toBe('CAM-A9');
    expect(rowOf('CAM-A1')).toBeUndefined();
    expect(t.audit.list().at(-1)).toMatchObject({ target: 'camera:CAM-A9', details: { renamedFrom: 'CAM-A1', before: { externalId: 'CAM-A1' }, after: { externalId: 'CAM-A9' } } });
  });

  it('refuses bad fields, a lone lon, an empty patch and an unknown camera; changes nothing', () => {
    admin.create(t.actors.admin, cam);
    const before = state();
    expect(codeOf(() => admin.update(t.actors.admin, { id: 'CAM-A1', tilt: 120, hfov: 0 }))).toMatch(/^BAD_INPUT: cameras\.update: tilt: 俯仰.*; hfov: 水平视场角/);
    expect(codeOf(() => admin.update(t.actors.admin, { id: 'CAM-A1', lon: 110.9 }))).toMatch(/lat: 经度和纬度须同时给出/);
    expect(codeOf(() => admin.update(t.actors.admin, { id: 'CAM-A1', lon: 120, lat: 32.6 }))).toMatch(/lon: 经度 120 超出合理范围/);
    expect(codeOf(() => admin.update(t.actors.admin, { id: 'CAM-A1' }))).toMatch(/\(input\): 没有要修改的字段/);
    expect(codeOf(() => admin.update(t.actors.admin, { id: 'NOPE', heading: 10 }))).toBe('NOT_FOUND: id: 没有编号为 NOPE 的摄像机 / no camera with id NOPE');
    expect(state()).toBe(before);
  });
});

describe('CameraAdmin.delete', () => {
  it('removes the row and its R-tree entry; the audit trail stays, holding the whole camera', () => {
    const { camera } = admin.create(t.actors.admin, cam);
    admin.update(t.actors.admin, { id: 'CAM-A1', status: 'fault' });
    events.length = 0;
    const r = admin.delete(t.actors.admin, { id: 'CAM-A1', reason: '设备拆除' });
    expect(cameraAdminMethods['cameras.delete'].output.parse(r)).toEqual(r);
    expect(r.deleted).toEqual({ fid: camera.fid, externalId: 'CAM-A1' });
    expect(rowOf('CAM-A1')).toBeUndefined();
    expect(rtreeOf(camera.fid)).toBeUndefined();
    expect(t.store.db.prepare(`SELECT min_x FROM gpkg_contents WHERE table_name = 'cameras'`).get()).toEqual({ min_x: null });
    const trail = t.audit.list({ target: 'camera:CAM-A1' });
    expect(trail.map((e) => e.action)).toEqual(['cameras.create', 'cameras.update', 'cameras.delete']);
    expect(trail[2]!.details).toMatchObject({ fid: camera.fid, after: null, reason: '设备拆除', before: { ...camera, status: 'fault', streamUrl: 'rtsp://admin:***@10.0.0.7:554/h264/ch1/main' } });
    expect(verifyAudit(t.store.db).ok).toBe(true);
    expect(events).toMatchObject([{ payload: { layerIds: ['cameras'], reason: 'cameras.delete' } }]);
    expect(codeOf(() => admin.delete(t.actors.admin, { id: 'CAM-A1' }))).toMatch(/^NOT_FOUND: id: 没有编号为 CAM-A1/);
  });

  it('after creates, moves and deletes the store is still a consistent GeoPackage (R-tree = geometries)', () => {
    for (let i = 0; i < 5; i++) admin.create(t.actors.admin, { ...cam, externalId: `G${i}`, lon: 110.75 + i * 0.01 });
    admin.update(t.actors.admin, { id: 'G1', lon: 110.9, lat: 32.66 });
    admin.delete(t.actors.admin, { id: 'G3' });
    const layer = checkStore(t.store.path).find((r) => r.name === 'layer cameras');
    expect(layer).toEqual({ name: 'layer cameras', ok: true, detail: 'table, geometry column and R-tree consistent' });
    const inBox = t.store.db.prepare(`SELECT c.external_id FROM rtree_cameras_geom r JOIN cameras c ON c.fid = r.id WHERE r.maxx >= 110.89 AND r.minx <= 110.91 ORDER BY 1`).all();
    expect(inBox).toEqual([{ external_id: 'G1' }]);
  });
});

describe('CameraAdmin: who and all-or-nothing', () => {
  it('only the administrator: other roles are refused, the refusal audited, nothing else changed', () => {
    admin.create(t.actors.admin, cam);
    const before = state();
    for (const role of ['operator', 'commander', 'analyst', 'viewer'] as const) {
      expect(codeOf(() => admin.update(t.actors[role], { id: 'CAM-A1', heading: 1 }))).toMatch(new RegExp(`^UNAUTHORIZED: .*无权执行 / cameras\\.update: role '${role}' may not call it \\(allowed: admin\\)`));
    }
    expect(codeOf(() => admin.create(t.actors.operator, { ...cam, externalId: 'X' }))).toMatch(/^UNAUTHORIZED/);
    expect(codeOf(() => admin.delete(t.actors.viewer, { id: 'CAM-A1' }))).toMatch(/^UNAUTHORIZED/);
    const denied = t.audit.list().slice(-6);
    expect(denied.map((e) => [e.action, e.target, e.details.method])).toEqual([
      ['denied', 'camera:CAM-A1', 'cameras.update'],
      ['denied', 'camera:CAM-A1', 'cameras.update'],
      ['denied', 'camera:CAM-A1', 'cameras.update'],
      ['denied', 'camera:CAM-A1', 'cameras.update'],
      ['denied', 'camera:X', 'cameras.create'],
      ['denied', 'camera:CAM-A1', 'cameras.delete'],
    ]);
    expect(JSON.parse(state()).slice(0, 3)).toEqual(JSON.parse(before).slice(0, 3));
  });

  it('when the audit record cannot be written the change rolls back: row, R-tree and extent as before, no event', () => {
    admin.create(t.actors.admin, cam);
    t.store.db.exec(`CREATE TRIGGER test_audit_down BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit down'); END`);
    const before = state();
    events.length = 0;
    expect(() => admin.create(t.actors.admin, { ...cam, externalId: 'CAM-NEW', lon: 110.9 })).toThrow(/audit down/);
    expect(() => admin.update(t.actors.admin, { id: 'CAM-A1', lon: 110.95, lat: 32.68, heading: 10 })).toThrow(/audit down/);
    expect(() => admin.delete(t.actors.admin, { id: 'CAM-A1' })).toThrow(/audit down/);
    expect(state()).toBe(before);
    expect(events).toEqual([]);
  });
});
