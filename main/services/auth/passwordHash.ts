import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** 2^15 × 8 × 128 B = 32 MiB and ~0.1 s per hash on the wall PCs; stored with each hash so it can be raised later. */
export const defaultScryptParams: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** A stored hash asking for more than this is refused rather than letting a crafted row exhaust memory. */
const MAX_N = 2 ** 20;

const derive = (password: string, salt: Buffer, { N, r, p }: ScryptParams, keyLength: number) =>
  scryptSync(password.normalize('NFC'), salt, keyLength, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });

/** `scrypt$N$r$p$salt$hash` (salt and hash base64url) with a fresh random salt. */
export function hashPassword(password: string, params: ScryptParams = defaultScryptParams): string {
  const salt = randomBytes(SALT_LENGTH);
  const hash = derive(password, salt, params, KEY_LENGTH);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Parses a stored hash; throws naming what is wrong. */
export function parsePasswordHash(stored: string): { params: ScryptParams; salt: Buffer; hash: Buffer } {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') throw new Error('password hash: not in the scrypt$N$r$p$salt$hash format');
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (!Number.isInteger(N) || N < 2 || N > MAX_N || (N & (N - 1)) !== 0) throw new Error(`password hash: N=${parts[1]} is not a power of two ≤ 2^20`);
  if (!Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) throw new Error('password hash: r or p out of range');
  const salt = Buffer.from(parts[4]!, 'base64url');
  const hash = Buffer.from(parts[5]!, 'base64url');
  if (salt.length < 8 || hash.length < 16) throw new Error('password hash: salt or hash too short');
  return { params: { N, r, p }, salt, hash };
}

/** Recomputes with the stored parameters and compares in constant time. A malformed stored hash verifies nothing. */
export function verifyPassword(password: string, stored: string): boolean {
  let parsed;
  try {
    parsed = parsePasswordHash(stored);
  } catch {
    return false;
  }
  const candidate = derive(password, parsed.salt, parsed.params, parsed.hash.length);
  return timingSafeEqual(candidate, parsed.hash);
}

/** True when a stored hash was made with weaker parameters than `params` (re-hash at the next login). */
export function needsRehash(stored: string, params: ScryptParams = defaultScryptParams): boolean {
  try {
    const p = parsePasswordHash(stored).params;
    return p.N < params.N || p.r < params.r || p.p < params.p;
  } catch {
    return true;
  }
}
