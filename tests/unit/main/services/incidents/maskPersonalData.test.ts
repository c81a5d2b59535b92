import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPersonalData, maskPhone, seesPersonalData } from '../../../../../main/services/incidents/maskPersonalData';

describe('maskPersonalData (数据脱敏)', () => {
  it('names keep the first character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('John Smith')).toBe('J*** *****');
    expect(maskName('李')).toBe('李');
    expect(maskName('')).toBe('');
  });

  it('phones keep the first 3 and last 4 digits, separators and +86 stay', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('+86 138-****-5678');
    expect(maskPhone('0719-8123456')).toBe('071*-***3456');
    expect(maskPhone('8123456')).toBe('***3456');
    expect(maskPhone('110')).toBe('***');
  });

  it('ID numbers keep the first 4 and last 4 characters', () => {
    expect(maskIdNumber('420302199001011234')).toBe('4203**********1234');
    expect(maskIdNumber('42030219900101X')).toBe('4203*******101X');
    expect(maskIdNumber('42030219900101123X')).toBe('4203**********123X');
  });

  it('masks for viewer and analyst, not for the roles that call reporters back', () => {
    const data = { name: '张三', phone: '13812345678', idNumber: '420302199001011234' };
    expect(maskPersonalData(data, 'viewer')).toEqual({ name: '张*', phone: '138****5678', idNumber: '4203**********1234', unmasked: false });
    expect(maskPersonalData(data, 'analyst').unmasked).toBe(false);
    for (const role of ['operator', 'commander', 'admin'] as const) {
      expect(maskPersonalData(data, role)).toEqual({ ...data, unmasked: true });
      expect(seesPersonalData(role)).toBe(true);
    }
    expect(maskPersonalData({ name: null, phone: null, idNumber: null }, 'viewer')).toEqual({ name: null, phone: null, idNumber: null, unmasked: false });
  });
});
