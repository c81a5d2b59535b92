import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { PackError } from './tileSource';

/** Refuses anything that is not a SQLite file before SQLite sees it. */
export function inspectSqliteHeader(path: string): void {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new PackError(`${path}: no such file`);
  }
  if (size < 100) throw new PackError(`${path}: too small to be a SQLite file (${size} bytes)`);
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(16);
  try {
    readSync(fd, buf, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (buf.toString('latin1') !== 'SQLite format 3\0') throw new PackError(`${path}: not a SQLite file (bytes 0–15 are not the SQLite header)`);
}
