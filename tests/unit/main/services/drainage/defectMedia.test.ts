import { execFileSync } from 'node:child_process';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDefects } from '../../../../../main/services/drainage/defectImport';
import { defectMedia, imageMimeOf, MAX_DEFECT_MEDIA_BYTES, resolveDefectMediaPath } from '../../../../../main/services/drainage/defectMedia';
import { DrainageError } from '../../../../../main/services/drainage/drainageTypes';
import { tempStore, writeNetwork, type TestStore } from './drainageTestStore';

/** A real 3×2 PNG (red, green, blue / white, black, grey). */
function pngBytes(): Buffer {
  const png = new PNG({ width: 3, height: 2 });
  const px = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255], [0, 0, 0], [128, 128, 128]];
  px.forEach(([r, g, b], i) => png.data.set([r!, g!, b!, 255], i * 4));
  return PNG.sync.write(png);
}
/** A real baseline 1×1 JPEG (JFIF). */
const jpegBytes = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

let t: TestStore;
let csvDir: string;
beforeEach(() => {
  t = tempStore();
  writeNetwork(t.store, [{ id: 'A' }, { id: 'B' }], [{ id: 'W', up: 'A', down: 'B', d: 800, length: 90 }]);
  csvDir = join(t.dir, 'inspection');
  mkdirSync(join(csvDir, 'img'), { recursive: true });
});
afterEach(() => t.cleanup());

/** Imports one defect per media value (rows in order) and returns their ids. */
function importMedia(...media: string[]): number[] {
  const file = join(csvDir, 'cctv.csv');
  writeFileSync(file, `pipe_id,distance_m,code,grade,media\n${media.map((m, i) => `W,${i + 1},PL,2,"${m}"`).join('\n')}\n`);
  importDefects(t.store.db, file);
  return (t.store.db.prepare('SELECT id FROM drainage_defects ORDER BY distance_m').all() as { id: number }[]).map((r) => r.id);
}

describe('defect photos (drainage.defectMedia)', () => {
  it('a PNG next to the CSV (relative path) comes back as a data URL of exactly its bytes', () => {
    const png = pngBytes();
    writeFileSync(join(csvDir, 'img', 'w-1.png'), png);
    const [id] = importMedia('img/w-1.png');
    const m = defectMedia(t.store.db, id!);
    expect(m).toMatchObject({ defectId: id, mime: 'image/png', bytes: png.length, reason: null, message: null });
    const back = Buffer.from(m.dataUrl!.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(back.equals(png)).toBe(true);
    expect(PNG.sync.read(back)).toMatchObject({ width: 3, height: 2 });
  });

  it('a JPEG by absolute path and one by a Windows-style relative path', () => {
    writeFileSync(join(csvDir, 'img', 'w-2.jpg'), jpegBytes);
    const abs = join(csvDir, 'img', 'w-2.jpg');
    const [a, b] = importMedia(abs, 'img\\w-2.jpg');
    expect(defectMedia(t.store.db, a!)).toMatchObject({ mime: 'image/jpeg', bytes: jpegBytes.length, reason: null });
    expect(defectMedia(t.store.db, b!).dataUrl).toBe(`data:image/jpeg;base64,${jpegBytes.toString('base64')}`);
  });

  it('the type comes from the magic bytes, not the name: a text file called .jpg is not an image', () => {
    writeFileSync(join(csvDir, 'img', 'fake.jpg'), 'this is a note, not a photo');
    writeFileSync(join(csvDir, 'img', 'real.dat'), pngBytes());
    const [fake, real] = importMedia('img/fake.jpg', 'img/real.dat');
    expect(defectMedia(t.store.db, fake!)).toMatchObject({ mime: null, dataUrl: null, reason: 'not_an_image', message: { en: 'not an image (JPEG, PNG, WebP or GIF only): img/fake.jpg' } });
    expect(defectMedia(t.store.db, real!).mime).toBe('image/png');
  });

  it('missing file, directory, no media, network address and video paths answer a reason', () => {
    mkdirSync(join(csvDir, 'img', 'folder.png'));
    const ids = importMedia('img/missing.png', 'img/folder.png', '', 'http://192.168.1.20/w.jpg', 'video/W.mp4#t=12.5', 'video/W.avi@00:01:23');
    const reasons = ids.map((id) => defectMedia(t.store.db, id));
    expect(reasons.map((r) => r.reason)).toEqual(['not_found', 'not_a_file', 'no_media', 'not_local', 'video_frame', 'video_frame']);
    expect(reasons.every((r) => r.dataUrl === null && r.mime === null && r.message !== null)).toBe(true);
    expect(reasons[0]!.message).toEqual({ zh: '照片文件不存在：img/missing.png', en: 'not found: img/missing.png' });
    expect(reasons[4]!.message!.en).toBe('video frame path — open in a player: video/W.mp4#t=12.5');
  });

  it('a video container saved under an image name is refused as a video frame', () => {
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(32)]);
    writeFileSync(join(csvDir, 'img', 'grab.jpg'), mp4);
    const [id] = importMedia('img/grab.jpg');
    expect(defectMedia(t.store.db, id!).reason).toBe('video_frame');
  });

  it('refuses files over the cap (default 8 MB) without reading them whole', () => {
    const big = join(csvDir, 'img', 'big.png');
    writeFileSync(big, pngBytes());
    truncateSync(big, MAX_DEFECT_MEDIA_BYTES + 1);
    writeFileSync(join(csvDir, 'img', 'small.png'), pngBytes());
    const [a, b] = importMedia('img/big.png', 'img/small.png');
    expect(defectMedia(t.store.db, a!)).toMatchObject({ reason: 'too_large', bytes: MAX_DEFECT_MEDIA_BYTES + 1, dataUrl: null });
    expect(defectMedia(t.store.db, a!).message!.en).toMatch(/^too large \(8\.0 MB; the limit is 8 MB\)/);
    expect(defectMedia(t.store.db, b!, { maxBytes: 20 }).reason).toBe('too_large');
    expect(defectMedia(t.store.db, b!).reason).toBeNull();
  });

  it.skipIf(process.platform === 'win32')('a FIFO named in the CSV is refused at once (never blocks the host)', () => {
    execFileSync('mkfifo', [join(csvDir, 'img', 'pipe.png')]);
    const [id] = importMedia('img/pipe.png');
    expect(defectMedia(t.store.db, id!).reason).toBe('not_a_file');
  });

  it('reads only what the record says: a path escaping the folder is still checked as an image and leaks nothing', () => {
    writeFileSync(join(t.dir, 'secret.txt'), 'password=hunter2');
    const [id] = importMedia('../secret.txt');
    const m = defectMedia(t.store.db, id!);
    expect(m).toMatchObject({ reason: 'not_an_image', dataUrl: null });
    expect(JSON.stringify(m)).not.toMatch(/hunter2/);
  });

  it('an unknown defect id is NOT_FOUND; a store without the defects table too', () => {
    importMedia('');
    expect(() => defectMedia(t.store.db, 9999)).toThrow(DrainageError);
    expect(() => defectMedia(t.store.db, 9999)).toThrow(/no defect 9999 in drainage_defects/);
    t.store.db.exec('DROP TABLE drainage_defects');
    expect(() => defectMedia(t.store.db, 1)).toThrow(/no defect 1/);
  });
});

describe('resolveDefectMediaPath and imageMimeOf', () => {
  it('relative to the folder of the CSV the defect came from; absolute as it is', () => {
    expect(resolveDefectMediaPath('img/a.jpg', '/data/cctv/2024/report.csv')).toBe('/data/cctv/2024/img/a.jpg');
    expect(resolveDefectMediaPath(' ../photos/a.jpg ', '/data/cctv/2024/report.csv')).toBe('/data/cctv/photos/a.jpg');
    expect(resolveDefectMediaPath('/srv/a.png', '/data/report.csv')).toBe('/srv/a.png');
    expect(resolveDefectMediaPath('D:\\cctv\\a.png', '/data/report.csv')).toBe('D:\\cctv\\a.png');
  });

  it('recognises JPEG, PNG, GIF and WebP headers and nothing else', () => {
    expect(imageMimeOf(jpegBytes)).toBe('image/jpeg');
    expect(imageMimeOf(pngBytes())).toBe('image/png');
    expect(imageMimeOf(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toBe('image/gif');
    expect(imageMimeOf(Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(imageMimeOf(Buffer.from('RIFF\x24\x00\x00\x00AVI LIST', 'latin1'))).toBeNull();
    expect(imageMimeOf(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(imageMimeOf(new Uint8Array(0))).toBeNull();
  });
});
