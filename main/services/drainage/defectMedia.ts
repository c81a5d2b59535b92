import type Database from 'better-sqlite3';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { dirname, isAbsolute, resolve, sep, win32 } from 'node:path';
import { hasDefectsTable } from './pipeCondition';
import { DrainageError, type Localized } from './drainageTypes';

/** The photo formats the panel shows, recognised by their first bytes (never by the file name). */
export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif';

/** Why a defect's media is not shown. */
export type DefectMediaReason = 'no_media' | 'not_local' | 'video_frame' | 'not_found' | 'not_a_file' | 'unreadable' | 'too_large' | 'not_an_image';

export interface DefectMedia {
  defectId: number;
  mime: ImageMime | null;
  /** `data:<mime>;base64,…` when the media is a photo that may be shown. */
  dataUrl: string | null;
  /** Size of the file in bytes when it was reached. */
  bytes: number | null;
  reason: DefectMediaReason | null;
  message: Localized | null;
}

/** Photos larger than this are refused (a CCTV frame grab is 0.1–2 MB; base64 adds a third on the wire). */
export const MAX_DEFECT_MEDIA_BYTES = 8 * 1024 * 1024;

const reasonText: Record<DefectMediaReason, (path: string, extra?: string) => Localized> = {
  no_media: () => ({ zh: '该缺陷无照片或视频帧记录', en: 'no photo or video frame recorded for this defect' }),
  not_local: (p) => ({ zh: `影像为网络地址，主机不读取：${p}`, en: `the media is a network address, not a file on the host: ${p}` }),
  video_frame: (p) => ({ zh: `视频帧路径 — 请在播放器中打开：${p}`, en: `video frame path — open in a player: ${p}` }),
  not_found: (p) => ({ zh: `照片文件不存在：${p}`, en: `not found: ${p}` }),
  not_a_file: (p) => ({ zh: `不是普通文件：${p}`, en: `not a regular file: ${p}` }),
  unreadable: (p, e) => ({ zh: `无法读取照片文件（${e}）：${p}`, en: `cannot read the file (${e}): ${p}` }),
  too_large: (p, size) => ({ zh: `照片过大（${size}，上限 8 MB）：${p}`, en: `too large (${size}; the limit is 8 MB): ${p}` }),
  not_an_image: (p) => ({ zh: `不是图片（仅支持 JPEG、PNG、WebP、GIF）：${p}`, en: `not an image (JPEG, PNG, WebP or GIF only): ${p}` }),
};

/** A video file, optionally followed by a frame or time reference: `clip.mp4`, `clip.avi#t=12.5`, `clip.mp4@00:01:23`. */
const VIDEO_PATH = /\.(mp4|m4v|mov|avi|mkv|webm|wmv|flv|mpe?g|ts|m2ts|mts|3gp|asf|vob|dav|h264|264)(?:[#?@|,;\s].*)?$/i;
const REMOTE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Pure: the image type of a file by its first bytes, or null. */
export function imageMimeOf(head: Uint8Array): ImageMime | null {
  const at = (i: number, ...bytes: number[]) => bytes.every((b, k) => head[i + k] === b);
  const ascii = (i: number, s: string) => at(i, ...[...s].map((c) => c.charCodeAt(0)));
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  return null;
}

/** Pure: whether the first bytes are a video container (MP4/MOV, AVI, Matroska/WebM, MPEG-PS). */
export function looksLikeVideo(head: Uint8Array): boolean {
  const ascii = (i: number, s: string) => [...s].every((c, k) => head[i + k] === c.charCodeAt(0));
  if (ascii(4, 'ftyp')) {
    const brand = String.fromCharCode(...head.slice(8, 12));
    return !['heic', 'heix', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis'].includes(brand);
  }
  if (ascii(0, 'RIFF') && ascii(8, 'AVI ')) return true;
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return true;
  return head[0] === 0x00 && head[1] === 0x00 && head[2] === 0x01 && head[3] === 0xba;
}

/**
 * Where a defect's stored media path points. The import keeps the CSV cell as written and the CSV's own path
 * (source_file): an absolute media path is taken as it is, a relative one is relative to the folder of the CSV it came
 * from (inspection reports ship as a CSV next to a photo folder). Windows separators in a relative path are accepted.
 */
export function resolveDefectMediaPath(media: string, sourceFile: string): string {
  const m = media.trim();
  if (isAbsolute(m) || win32.isAbsolute(m)) return m;
  const rel = sep === '/' ? m.replace(/\\/g, '/') : m;
  return resolve(dirname(resolve(sourceFile)), rel);
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * The photo of one stored defect, for the inspection panel. SECURITY: the file read is only the path stored with that
 * defect record by the import (the caller gives a defect id, never a path); it must be a regular file of at most
 * `maxBytes` whose first bytes are JPEG, PNG, WebP or GIF. Anything else is answered with a reason, not an error;
 * an unknown defect id is NOT_FOUND. Messages name the media as recorded, not the resolved host path. Writes nothing.
 */
export function defectMedia(db: Database.Database, defectId: number, opts: { maxBytes?: number } = {}): DefectMedia {
  const maxBytes = opts.maxBytes ?? MAX_DEFECT_MEDIA_BYTES;
  const row = hasDefectsTable(db)
    ? (db.prepare(`SELECT id, media, source_file FROM drainage_defects WHERE id = ?`).get(defectId) as { id: number; media: string | null; source_file: string } | undefined)
    : undefined;
  if (!row) throw new DrainageError('NOT_FOUND', `缺陷 ${defectId} 不存在 / no defect ${defectId} in drainage_defects`);
  const refuse = (reason: DefectMediaReason, path = '', extra?: string, bytes: number | null = null): DefectMedia => ({
    defectId,
    mime: null,
    dataUrl: null,
    bytes,
    reason,
    message: reasonText[reason](path, extra),
  });
  const media = row.media?.trim() ?? '';
  if (!media) return refuse('no_media');
  if (REMOTE.test(media)) return refuse('not_local', media);
  if (VIDEO_PATH.test(media)) return refuse('video_frame', media);
  const path = resolveDefectMediaPath(media, row.source_file);

  let fd: number;
  try {
    // Non-blocking: a FIFO named in the CSV must not hang the host; fstat below refuses it.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return refuse('not_found', media);
    if (code === 'EISDIR') return refuse('not_a_file', media);
    return refuse('unreadable', media, code ?? (e as Error).message);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return refuse('not_a_file', media);
    if (st.size > maxBytes) return refuse('too_large', media, mb(st.size), st.size);
    // Read at most maxBytes + 1: a file that grew since fstat is still caught.
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, n);
      if (got === 0) break;
      n += got;
      if (n === buf.length) break;
    }
    if (n > maxBytes) return refuse('too_large', media, `> ${mb(maxBytes)}`, n);
    const bytes = buf.subarray(0, n);
    const mime = imageMimeOf(bytes);
    if (!mime) return looksLikeVideo(bytes) ? refuse('video_frame', media, undefined, n) : refuse('not_an_image', media, undefined, n);
    return { defectId, mime, dataUrl: `data:${mime};base64,${bytes.toString('base64')}`, bytes: n, reason: null, message: null };
  } catch (e) {
    return refuse('unreadable', media, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
  } finally {
    closeSync(fd);
  }
}
