import { describe, expect, it } from 'vitest';
import { encodeSl651Report, Sl651EncodeError } from '../../../../../main/sources/sl651/encodeSl651Report';
import { parseSl651Frame } from '../../../../../main/sources/sl651/parseSl651Frame';

describe('encodeSl651Report', () => {
  it('round-trips through the parser: station, times in UTC+8, element values, CRC', () => {
    const observedAt = Date.parse('2026-07-01T08:05:00+08:00');
    const bytes = encodeSl651Report({ station: '0061100001', stationType: 'H', observedAt, serial: 7, elements: [{ id: 'Z', value: 231.47 }, { id: 'VT', value: 12.6 }] });
    const r = parseSl651Frame(bytes);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    const f = r.frame;
    expect(f.stationAddr).toBe('0061100001');
    expect(f.crcOk).toBe(true);
    expect(f.funcCode).toBe('32');
    const json = JSON.stringify(f);
    expect(json).toContain('231.47');
    expect(json).toContain('12.6');
    expect(json).toContain(new Date(observedAt).toISOString().replace('.000Z', 'Z'));
  });

  it('refuses values that do not fit and unknown elements, naming them', () => {
    expect(() => encodeSl651Report({ station: '0061100001', observedAt: 0, elements: [{ id: 'NOPE', value: 1 }] })).toThrow(/NOPE/);
    expect(() => encodeSl651Report({ station: '0061100001', observedAt: 0, elements: [{ id: 'VT', value: 1e9 }] })).toThrow(Sl651EncodeError);
    expect(() => encodeSl651Report({ station: 'XYZ', observedAt: 0, elements: [] })).toThrow(/station/);
  });
});
