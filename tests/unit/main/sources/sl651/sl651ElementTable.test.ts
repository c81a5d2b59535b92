import { describe, expect, it } from 'vitest';
import { sl651ElementByAsciiId, sl651ElementByGuide, sl651ElementTable } from '../../../../../main/sources/sl651/sl651ElementTable';

describe('sl651ElementTable', () => {
  it('covers the elements of NOTES §1.5 with their ASCII ids', () => {
    const expected: [number, string][] = [
      [0xf0, 'TT'], [0xf1, 'ST'], [0xf2, 'RGZS'], [0xf4, 'DRP'], [0x1a, 'P1'], [0x1b, 'P2'], [0x1c, 'P3'], [0x1d, 'P6'], [0x1e, 'P12'],
      [0x1f, 'PD'], [0x20, 'PJ'], [0x21, 'PN01'], [0x22, 'PN05'], [0x23, 'PN10'], [0x24, 'PN30'], [0x25, 'PR'], [0x26, 'PT'], [0x27, 'Q'],
      [0x36, 'VA'], [0x37, 'VJ'], [0x38, 'VT'], [0x39, 'Z'], [0x3a, 'ZB'], [0x3b, 'ZU'], [0x45, 'ZT'], [0x02, 'AI'], [0x03, 'C'],
      [0x0e, 'H'],
      [0x18, 'MST'], [0x46, 'pH'], [0x47, 'DO'], [0x48, 'COND'], [0x49, 'TURB'], [0x4c, 'NH4N'], [0x57, 'CHLA'], [0x04, 'DR'],
    ];
    for (let i = 1; i <= 8; i++) expected.push([0xf4 + i, `DRZ${i}`], [0x57 + i, `WP${i}`]);
    ['M10', 'M20', 'M30', 'M40', 'M50', 'M60', 'M80', 'M100'].forEach((id, i) => expected.push([0x10 + i, id]));
    for (let g = 0x70; g <= 0x75; g++) expect(sl651ElementByGuide(g)?.unit).toMatch(/^[VA]$/);
    for (const [guide, id] of expected) {
      expect(sl651ElementByGuide(guide)?.id, guide.toString(16)).toBe(id);
      expect(sl651ElementByAsciiId(id)?.guide).toBe(guide);
    }
  });

  it('gives every entry both names and the default decimals of N(D,d)', () => {
    for (const d of sl651ElementTable.values()) {
      expect(d.nameZh.length).toBeGreaterThan(0);
      expect(d.nameEn.length).toBeGreaterThan(0);
      if (d.encoding === 'bcd') expect(d.decimals).not.toBeNull();
    }
    expect(sl651ElementByGuide(0x26)).toMatchObject({ id: 'PT', unit: 'mm', digits: 6, decimals: 1 });
    expect(sl651ElementByGuide(0x39)).toMatchObject({ id: 'Z', unit: 'm', digits: 7, decimals: 3 });
    expect(sl651ElementByGuide(0x38)).toMatchObject({ id: 'VT', unit: 'V', digits: 4, decimals: 2 });
    expect(sl651ElementByAsciiId('PH')?.id).toBe('pH');
    expect(sl651ElementByGuide(0x99)).toBeUndefined();
  });
});
