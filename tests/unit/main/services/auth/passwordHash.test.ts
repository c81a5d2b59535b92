import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, parsePasswordHash, verifyPassword } from '../../../../../main/services/auth/passwordHash';
import { testScrypt } from './commandTestStore';

describe('passwordHash (scrypt)', () => {
  it('round-trips: the right password verifies, a wrong one does not', () => {
    const stored = hashPassword('正确的马 battery staple', testScrypt);
    expect(verifyPassword('正确的马 battery staple', stored)).toBe(true);
    expect(verifyPassword('正确的马 battery stapLe', stored)).toBe(false);
    expect(verifyPassword('', stored)).toBe(false);
  });

  it('stores the parameters and a random salt with the hash', () => {
    const a = hashPassword('same password', testScrypt);
    const b = hashPassword('same password', testScrypt);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(parsePasswordHash(a).params).toEqual(testScrypt);
    expect(verifyPassword('same password', b)).toBe(true);
  });

  it('verifies with the parameters of the stored hash and asks for a rehash when they are weaker', () => {
    const weak = hashPassword('pw-0123456789', { N: 2 ** 4, r: 8, p: 1 });
    expect(verifyPassword('pw-0123456789', weak)).toBe(true);
    expect(needsRehash(weak, testScrypt)).toBe(true);
    expect(needsRehash(hashPassword('x', testScrypt), testScrypt)).toBe(false);
  });

  it('a tampered or malformed stored hash verifies nothing', () => {
    const stored = hashPassword('pw-0123456789', testScrypt);
    const parts = stored.split('$');
    const flipped = parts[5]!.startsWith('A') ? 'B' + parts[5]!.slice(1) : 'A' + parts[5]!.slice(1);
    expect(verifyPassword('pw-0123456789', [...parts.slice(0, 5), flipped].join('$'))).toBe(false);
    expect(verifyPassword('pw-0123456789', 'plain:pw-0123456789')).toBe(false);
    expect(verifyPassword('pw-0123456789', stored.replace('$1024$', '$1000$'))).toBe(false);
    expect(() => parsePasswordHash(stored.replace('$1024$', `$${2 ** 22}$`))).toThrow(/N=4194304 is not a power of two ≤ 2\^20/);
  });
});
