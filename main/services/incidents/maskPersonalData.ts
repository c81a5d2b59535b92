import type { Role } from '../../../preload/contract/commandMethods';

/** Roles whose work needs a reporter's contact (call back, verify on site). The others see it masked (数据脱敏). */
export const rolesSeeingPersonalData: readonly Role[] = ['operator', 'commander', 'admin'];

export function seesPersonalData(role: Role): boolean {
  return rolesSeeingPersonalData.includes(role);
}

/** 张三 → 张*, 欧阳娜娜 → 欧***, John Smith → J*** *****: the first character stays, spaces stay. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + chars.slice(1).map((c) => (/\s/.test(c) ? c : '*')).join('');
}

/**
 * 13812345678 → 138****5678; +86 138-1234-5678 → +86 138-****-5678; 0719-8123456 → 071*-***3456.
 * Digits only are masked (separators stay): the first 3 and last 4 digits stay when the number has at least 11, the
 * last 4 when it has 7–10, none when shorter. A leading +86 country code is kept as is.
 */
export function maskPhone(phone: string): string {
  const trimmed = phone.trim();
  const prefix = /^\+86\s?/.exec(trimmed)?.[0] ?? '';
  const rest = trimmed.slice(prefix.length);
  const digits = rest.replace(/\D/g, '').length;
  const head = digits >= 11 ? 3 : 0;
  const tail = digits >= 7 ? 4 : 0;
  let i = 0;
  return prefix + rest.replace(/\d/g, (d) => (i++ < head || i > digits - tail ? d : '*'));
}

/** 420302199001011234 → 4203**********1234 (18 characters), 15-digit numbers → 4203*******1234; others keep 2 + 2. */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  const keep = s.length >= 15 ? 4 : s.length >= 6 ? 2 : 0;
  if (keep === 0) return '*'.repeat(s.length);
  return s.slice(0, keep) + '*'.repeat(s.length - 2 * keep) + s.slice(-keep);
}

export interface PersonalData {
  name: string | null;
  phone: string | null;
  idNumber: string | null;
}

/** The reporter fields as `role` may see them, with `unmasked` telling the UI which it got. */
export function maskPersonalData(data: PersonalData, role: Role): PersonalData & { unmasked: boolean } {
  if (seesPersonalData(role)) return { ...data, unmasked: true };
  return {
    name: data.name === null ? null : maskName(data.name),
    phone: data.phone === null ? null : maskPhone(data.phone),
    idNumber: data.idNumber === null ? null : maskIdNumber(data.idNumber),
    unmasked: false,
  };
}
