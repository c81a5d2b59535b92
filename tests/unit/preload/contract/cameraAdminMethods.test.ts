import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cameraAdminMethods,
  cameraCreateInput,
  cameraDeleteInput,
  cameraExtent,
  cameraFieldErrors,
  cameraFields,
  cameraMessages,
  cameraPlaceIssues,
  cameraUpdateInput,
  isStreamReference,
  lastSeenInFuture,
} from '../../../../preload/contract/cameraAdminMethods';

const base = { externalId: 'CAM1', name: '球机', camType: 'dome', status: 'online', lon: 110.8, lat: 32.6 };
const issuesOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`);

describe('cameraAdminMethods: schemas', () => {
  it('create: required fields, strict, every rule with its own message', () => {
    expect(cameraCreateInput.parse(base)).toEqual(base);
    expect(issuesOf(cameraCreateInput.safeParse({}))).toEqual([
      `externalId: ${cameraMessages.externalId}`,
      `name: ${cameraMessages.name}`,
      `camType: ${cameraMessages.camType}`,
      `status: ${cameraMessages.status}`,
      `lon: ${cameraMessages.lon}`,
      `lat: ${cameraMessages.lat}`,
    ]);
    expect(issuesOf(cameraCreateInput.safeParse({ ...base, fid: 3 }))).toEqual(['(input): Unrecognized key: "fid"']);
    const bad = { heading: 360.01, tilt: -91, hfov: 0.99, rangeM: 0, heightM: -1, department: 'x'.repeat(61), streamUrl: 'ftp://a/b.mp4', lastSeen: 'yesterday' };
    expect(issuesOf(cameraCreateInput.safeParse({ ...base, ...bad }))).toEqual(
      (['heightM', 'heading', 'tilt', 'hfov', 'rangeM', 'department', 'streamUrl', 'lastSeen'] as const).map((f) => `${f}: ${cameraMessages[f]}`),
    );
  });

  it("create: text is trimmed; '' clears an optional text to null", () => {
    expect(cameraCreateInput.parse({ ...base, externalId: ' CAM1 ', department: '  ', streamUrl: '', lastSeen: '' })).toMatchObject({ externalId: 'CAM1', department: null, streamUrl: null, lastSeen: null });
  });

  it('update: the id plus any fields; lon and lat together; something to change', () => {
    expect(cameraUpdateInput.parse({ id: 'CAM1', heading: null })).toEqual({ id: 'CAM1', heading: null });
    expect(issuesOf(cameraUpdateInput.safeParse({ id: 'CAM1', lat: 32.6 }))).toEqual([`lon: ${cameraMessages.lonLatPair}`]);
    expect(issuesOf(cameraUpdateInput.safeParse({ id: 'CAM1' }))).toEqual([`(input): ${cameraMessages.nothing}`]);
    expect(issuesOf(cameraUpdateInput.safeParse({ id: 'CAM1', name: null }))).toEqual([`name: ${cameraMessages.name}`]);
    expect(issuesOf(cameraUpdateInput.safeParse({ id: '', camType: 'ptz' }))).toEqual([`id: ${cameraMessages.id}`]);
  });

  it('delete: id and an optional reason, strict', () => {
    expect(cameraDeleteInput.parse({ id: 'CAM1', reason: ' 拆除 ' })).toEqual({ id: 'CAM1', reason: '拆除' });
    expect(cameraDeleteInput.safeParse({ id: 'CAM1', force: true }).success).toBe(false);
  });

  it('numeric limits: inside accepted, outside refused (heading, tilt, hfov, range, height)', () => {
    const cases: [string, (v: number) => boolean][] = [
      ['heading', (v) => v >= 0 && v <= 360],
      ['tilt', (v) => v >= -90 && v <= 90],
      ['hfov', (v) => v >= 1 && v <= 180],
      ['rangeM', (v) => v > 0 && v <= 5000],
      ['heightM', (v) => v >= 0 && v <= 1000],
    ];
    for (const [field, valid] of cases) {
      fc.assert(
        fc.property(fc.oneof(fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.constantFrom(0, -0, 1, 90, 180, 360, 5000, -90)), (v) => {
          const ok = cameraUpdateInput.safeParse({ id: 'C', [field]: v }).success;
          return ok === valid(v);
        }),
        { numRuns: 300 },
      );
    }
    expect(cameraUpdateInput.safeParse({ id: 'C', heading: Number.NaN }).success).toBe(false);
    expect(cameraUpdateInput.safeParse({ id: 'C', rangeM: Infinity }).success).toBe(false);
  });

  it('method table: three admin methods, each input .strict()', () => {
    expect(Object.keys(cameraAdminMethods)).toEqual(['cameras.create', 'cameras.update', 'cameras.delete']);
    for (const [name, spec] of Object.entries(cameraAdminMethods)) {
      expect(spec.input.safeParse({ ...(name === 'cameras.create' ? base : { id: 'C', name: 'n' }), extra: 1 }).success, name).toBe(false);
    }
  });
});

describe('cameraAdminMethods: helpers shared by host and form', () => {
  it('stream references: http(s), rtsp(s), ws(s) URLs and relative media file names', () => {
    for (const ok of ['http://10.0.0.1/a.m3u8', 'https://media.local:8443/live?stream=a.flv', 'rtsp://admin:pw@10.0.0.7:554/ch1', 'rtsps://h/x', 'ws://h/live/a.flv', 'cam01.mp4', 'media/茅箭 01.mp4']) {
      expect(isStreamReference(ok), ok).toBe(true);
    }
    for (const bad of ['ftp://h/a.mp4', 'javascript:alert(1)', '/etc/passwd', '../a.mp4', 'media/../a.mp4', './a.mp4', 'C:\\v\\a.mp4', 'noextension', 'http://', 'http:// spaced/a', 'file:///etc/passwd']) {
      expect(isStreamReference(bad), bad).toBe(false);
    }
  });

  it('the sane extent: the district grown by 0.5° (to 0.01°), else China', () => {
    expect(cameraExtent([110.69999694824219, 32.5, 111.00000762939453, 32.70000076293945])).toEqual([110.2, 32, 111.5, 33.2]);
    expect(cameraExtent(null)).toEqual([73, 3, 136, 54]);
    expect(cameraPlaceIssues(110.8, 32.6, [110.2, 32, 111.5, 33.2])).toEqual([]);
    expect(cameraPlaceIssues(32.6, 110.8, [73, 3, 136, 54]).map((i) => i.field)).toEqual(['lon', 'lat']);
  });

  it('lastSeen in the future beyond 5 minutes of clock slack', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(lastSeenInFuture(new Date(now + 4 * 60_000).toISOString(), now)).toBe(false);
    expect(lastSeenInFuture(new Date(now + 6 * 60_000).toISOString(), now)).toBe(true);
  });

  it('an error message splits back into its fields (with or without the RPC code in front)', () => {
    const r = cameraCreateInput.safeParse({ ...base, heading: 400, tilt: 100, colour: 1 });
    const message = `BAD_INPUT: cameras.create: ${issuesOf(r).join('; ')}`;
    expect(cameraFieldErrors(message)).toEqual({ fields: { heading: cameraMessages.heading, tilt: cameraMessages.tilt }, other: ['(input): Unrecognized key: "colour"'] });
    expect(cameraFieldErrors('NOT_FOUND: id: 没有编号为 X 的摄像机 / no camera with id X')).toEqual({ fields: {}, other: ['id: 没有编号为 X 的摄像机 / no camera with id X'] });
    // No message holds the separator itself, so splitting is safe.
    for (const m of Object.values(cameraMessages)) expect(m).not.toContain('; ');
    expect(cameraFields).toHaveLength(15);
  });
});
