import iconv from 'iconv-lite';
import { isAscii as bufferIsAscii, isUtf8 } from 'node:buffer';

export type TextEncoding = 'utf-8' | 'gbk' | string;

/** Normalise a .cpg / option value: 'UTF8', '65001' → 'utf-8'; 'CP936', '936', 'GB2312' → 'gbk'. */
export function normaliseEncoding(name: string): TextEncoding | undefined {
  const n = name.trim().toLowerCase().replace(/[\s_]/g, '');
  if (!n) return undefined;
  if (['utf-8', 'utf8', '65001', 'utf'].includes(n)) return 'utf-8';
  if (['gbk', 'cp936', '936', 'gb2312', 'ansi936', 'windows-936', 'ms936', 'euc-cn'].includes(n)) return 'gbk';
  if (n === 'gb18030' || n === '54936') return 'gb18030';
  return iconv.encodingExists(n) ? n : undefined;
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  return isUtf8(bytes);
}

export function isAscii(bytes: Uint8Array): boolean {
  return bufferIsAscii(bytes);
}

export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  if (encoding === 'utf-8') return new TextDecoder('utf-8').decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

/** UTF-8 when the bytes are valid UTF-8, else GBK (the usual encoding of Chinese survey files). */
export function detectEncoding(bytes: Uint8Array): { encoding: TextEncoding; ascii: boolean } {
  if (isAscii(bytes)) return { encoding: 'utf-8', ascii: true };
  return { encoding: isValidUtf8(bytes) ? 'utf-8' : 'gbk', ascii: false };
}
