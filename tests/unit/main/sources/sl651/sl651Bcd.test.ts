import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sl651BcdDigits, sl651BcdNumber, sl651DigitsToNumber } from '../../../../../main/sources/sl651/sl651Bcd';

const bcdByte = fc.integer({ min: 0, max: 99 }).map((n) => (Math.floor(n / 10) << 4) | n % 10);

describe('sl651BcdNumber', () => {
  it('reads values, implied decimals and the FF negative marker', () => {
    expect(sl651BcdNumber(Uint8Array.of(0x02, 0x30, 0x12), 0, 3, 2)).toEqual({ ok: true, value: 230.12 });
    expect(sl651BcdNumber(Uint8Array.of(0xff, 0x01, 0x23), 0, 3, 2)).toEqual({ ok: true, value: -1.23 });
    expect(sl651BcdNumber(Uint8Array.of(0xff, 0x00), 0, 2, 1)).toEqual({ ok: true, value: 0 });
    expect(sl651BcdNumber(Uint8Array.of(0x12, 0x3a), 0, 2, 0)).toEqual({ ok: false, badAt: 1 });
    expect(sl651BcdNumber(Uint8Array.of(0x12), 0, 3, 0)).toEqual({ ok: false, badAt: 1 });
  });

  it('the arithmetic path gives the same double as parsing the decimal text, for every width and decimals', () => {
    fc.assert(
      fc.property(fc.array(bcdByte, { minLength: 1, maxLength: 9 }), fc.integer({ min: 0, max: 9 }), fc.boolean(), (body, decimals, negative) => {
        const bytes = Uint8Array.from(negative ? [0xff, ...body] : body);
        const digits = sl651BcdDigits(bytes, negative ? 1 : 0, body.length);
        if (!digits.ok) throw new Error('generator made a non-BCD byte');
        const r = sl651BcdNumber(bytes, 0, bytes.length, decimals);
        expect(r).toEqual({ ok: true, value: sl651DigitsToNumber(digits.digits, decimals, negative) });
      }),
      { numRuns: 20_000 },
    );
  });
});
