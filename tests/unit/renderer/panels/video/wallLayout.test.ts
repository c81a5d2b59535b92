import { describe, expect, it } from 'vitest';
import { assignTarget, CAMERA_DRAG_TYPE, emptyWallLayout, parseCameraDrop, parseWallLayout, setCameraDragData, withCell } from '../../../../../renderer/panels/video/wallLayout';

const cam = (id: string) => ({ id, name: `摄像机${id}`, url: `http://h/${id}.m3u8` });

describe('wallLayout', () => {
  it('parses a camera drop and names what is wrong with a bad one', () => {
    expect(parseCameraDrop(JSON.stringify({ id: 'CAM-1', name: '人民公园东门', url: ' http://h/1.m3u8 ' }))).toEqual({ ok: true, value: { id: 'CAM-1', name: '人民公园东门', url: 'http://h/1.m3u8' } });
    expect(parseCameraDrop(JSON.stringify({ id: 17, name: '', url: 'http://h/1.flv' }))).toEqual({ ok: true, value: { id: '17', name: '', url: 'http://h/1.flv' } });
    const bad: Array<[string, RegExp]> = [
      ['', /empty payload/],
      ['{id:', /not JSON/],
      ['[1,2]', /expected an object/],
      [JSON.stringify({ name: 'x', url: 'http://h/a.m3u8' }), /x-cityops-camera\.id: .*got nothing/],
      [JSON.stringify({ id: 'a', name: 'x', url: '  ' }), /\.url: .*must not be empty/],
      [JSON.stringify({ id: 'a', name: 3, url: 'http://h' }), /\.name: .*got 3/],
    ];
    for (const [payload, message] of bad) {
      const p = parseCameraDrop(payload);
      expect(p.ok, payload).toBe(false);
      if (!p.ok) expect(p.error).toMatch(message);
    }
  });

  it('parses a saved layout, padding to 9 cells, and names the bad field', () => {
    expect(parseWallLayout({ size: 4, cells: [null, cam('a')] })).toEqual({ ok: true, value: { size: 4, cells: [null, cam('a'), null, null, null, null, null, null, null] } });
    const bad: Array<[unknown, RegExp]> = [
      [null, /layout: /],
      [{ size: 6, cells: [] }, /layout\.size: .*got 6/],
      [{ size: 4, cells: {} }, /layout\.cells: .*array/],
      [{ size: 9, cells: Array(10).fill(null) }, /at most 9 cells, got 10/],
      [{ size: 9, cells: [null, null, { id: 'a', name: 'n' }] }, /layout\.cells\[2\]\.url/],
    ];
    for (const [v, message] of bad) {
      const p = parseWallLayout(v);
      expect(p.ok).toBe(false);
      if (!p.ok) expect(p.error).toMatch(message);
    }
  });

  it('sets cells without touching the original and picks click-to-assign targets', () => {
    const l = emptyWallLayout(4);
    const one = withCell(l, 2, cam('a'));
    expect(l.cells[2]).toBeNull();
    expect(one.cells[2]).toEqual(cam('a'));
    expect(() => withCell(l, 9, cam('a'))).toThrow(/index 9/);
    expect(assignTarget(one, 3)).toBe(3);
    expect(assignTarget(one, null)).toBe(0);
    expect(assignTarget(withCell(one, 0, cam('b')), null)).toBe(1);
    // A selected cell hidden by a smaller layout does not count; a full wall reuses the first cell.
    expect(assignTarget({ ...one, size: 1 }, 3)).toBe(0);
    const full = [0, 1, 2, 3].reduce((acc, i) => withCell(acc, i, cam(String(i))), l);
    expect(assignTarget(full, null)).toBe(0);
  });

  it('puts a camera on a drag as JSON under its own type', () => {
    const data: Record<string, string> = {};
    const dt = { setData: (t: string, v: string) => (data[t] = v), effectAllowed: 'none' } as unknown as DataTransfer;
    setCameraDragData(dt, cam('a'));
    expect(JSON.parse(data[CAMERA_DRAG_TYPE]!)).toEqual(cam('a'));
    expect(data['text/plain']).toBe('摄像机a (a)');
    expect(dt.effectAllowed).toBe('copyMove');
  });
});
