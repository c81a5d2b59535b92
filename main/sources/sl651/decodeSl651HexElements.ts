import { sl651BcdDigits, sl651BcdNumber } from './sl651Bcd';
import { sl651DecodeText } from './sl651DecodeText';
import { sl651ElementByGuide, type Sl651ElementDef } from './sl651ElementTable';
import { sl651Hex, sl651HexByte } from './sl651Hex';
import { sl651StatusBits } from './sl651StatusBits';
import { sl651Time } from './sl651Time';
import { sl651Fail, type Sl651Element, type Sl651Error, type Sl651Time } from './sl651Types';

export interface Sl651HexElements {
  elements: Sl651Element[];
  /** F1F1 station address (10 hex chars) and station type (letter, or 2 hex chars when not a printable character). */
  station: { addr: string; type: string } | null;
}

export interface Sl651HexElementOptions {
  /** 31H/38H uniform-period bodies: after a time-step code (04H) each BCD element carries N values of its width. */
  uniformPeriod: boolean;
}

const at = (b: Uint8Array, i: number): number => b[i] ?? 0;
const overrun = (what: string, p: number, count: number, end: number) =>
  sl651Fail('bad-body', `${what} at offset ${p} needs ${count} bytes but the body ends at offset ${end}`, p);
const names = (d: Sl651ElementDef) => ({ id: d.id, nameZh: d.nameZh, nameEn: d.nameEn, unit: d.unit });

type Out = { ok: true; value: Sl651HexElements } | { ok: false; error: Sl651Error };

const hex2 = (b: number): string => sl651HexByte[b & 0xff]!;

/**
 * Decodes the element part of a HEX/BCD body, bytes[start, end): F0F0 groups, F1F1 station, F2F2 text, F3F3 picture,
 * F4/F5–FC 5-minute arrays, ZT, time-step codes, BCD elements, FFxx user elements and unknown guides (kept raw).
 */
export function decodeSl651HexElements(b: Uint8Array, start: number, end: number, opts: Sl651HexElementOptions): Out {
  const elements: Sl651Element[] = [];
  let station: Sl651HexElements['station'] = null;
  let tt: Sl651Time | null = null;
  let stepMinutes: number | null = null;

  let p = start;
  while (p < end) {
    const g = at(b, p);
    if (p + 1 >= end) return overrun(`element ${hex2(g)}`, p, 2, end);
    const g2 = at(b, p + 1);
    const known = sl651ElementByGuide(g);

    if (g === 0xf0 && g2 === 0xf0 && known) {
      if (p + 7 > end) return overrun('observation time (TT)', p, 7, end);
      const d = sl651BcdDigits(b, p + 2, 5);
      if (!d.ok) return sl651Fail('bad-bcd', `observation time (TT): byte ${hex2(at(b, d.badAt))} at offset ${d.badAt} is not BCD`, d.badAt);
      const time = sl651Time(d.digits);
      if (!time) return sl651Fail('bad-time', `observation time (TT) '${d.digits}' at offset ${p + 2} is not a valid date and time`, p + 2);
      tt = time;
      stepMinutes = null;
      elements.push({
        kind: 'time',
        id: known.id,
        nameZh: known.nameZh,
        nameEn: known.nameEn,
        unit: known.unit,
        guide: 'F0F0',
        def: null,
        raw: sl651Hex(b, p + 2, p + 7),
        offset: p,
        observationTime: time,
        value: time.local,
        time,
      });
      p += 7;
      continue;
    }
    if (g === 0xf1 && g2 === 0xf1) {
      if (p + 8 > end) return overrun('station code (ST)', p, 8, end);
      if (station) return sl651Fail('bad-body', `second station code (F1F1) at offset ${p}`, p);
      const t = at(b, p + 7);
      station = { addr: sl651Hex(b, p + 2, p + 7), type: t >= 0x21 && t <= 0x7e ? String.fromCharCode(t) : hex2(t) };
      p += 8;
      continue;
    }
    const base = { def: null, offset: p, observationTime: tt };
    if (g === 0xf2 && g2 === 0xf2 && known) {
      const text = sl651DecodeText(b.subarray(p + 2, end));
      elements.push({ kind: 'text', ...names(known), ...base, guide: 'F2F2', raw: sl651Hex(b, p + 2, end), value: text });
      p = end;
      continue;
    }
    if (g === 0xf3 && g2 === 0xf3 && known) {
      elements.push({ kind: 'raw', ...names(known), ...base, guide: 'F3F3', raw: sl651Hex(b, p + 2, end), value: null, decimals: null });
      p = end;
      continue;
    }
    if (g === 0xff) {
      // User-defined element: FF xx + definition byte + value. Its encoding is not standardised: keep it raw.
      if (p + 3 > end) return overrun(`user element FF${hex2(g2)}`, p, 3, end);
      const def = at(b, p + 2);
      const n = def >> 3;
      if (p + 3 + n > end) return overrun(`user element FF${hex2(g2)}`, p, 3 + n, end);
      const v = n > 0 ? sl651BcdNumber(b, p + 3, n, def & 7) : null;
      elements.push({
        kind: 'raw',
        id: `FF${hex2(g2)}`,
        guide: `FF${hex2(g2)}`,
        def: hex2(def),
        nameZh: '用户自定义要素',
        nameEn: 'user-defined element',
        unit: '',
        raw: sl651Hex(b, p + 3, p + 3 + n),
        offset: p,
        observationTime: tt,
        value: v?.ok ? v.value : null,
        decimals: def & 7,
      });
      p += 3 + n;
      continue;
    }

    const withDef = { def: hex2(g2), offset: p, observationTime: tt, guide: hex2(g) };
    const n = g2 >> 3;
    const decimals = g2 & 7;
    const encoding = known?.encoding;
    if (!known || encoding === 'time' || encoding === 'station' || encoding === 'text' || encoding === 'picture') {
      // A guide byte this table does not define: keep it, reading its length from the definition byte.
      if (p + 2 + n > end) return overrun(`element ${hex2(g)}`, p, 2 + n, end);
      const v = n > 0 ? sl651BcdNumber(b, p + 2, n, decimals) : null;
      elements.push({
        kind: 'raw',
        id: `X${hex2(g)}`,
        nameZh: '未知要素',
        nameEn: 'unknown element',
        unit: '',
        ...withDef,
        raw: sl651Hex(b, p + 2, p + 2 + n),
        value: v?.ok ? v.value : null,
        decimals,
      });
      p += 2 + n;
      continue;
    }
    if (encoding === 'drp' || encoding === 'drz') {
      // Fixed 12 values regardless of the definition byte (Fujian frames send F5 5C with 24 bytes):
      // DRP 1 byte each in 0.1 mm (FF invalid), DRZ 2 bytes each in 0.01 m (FFFF invalid). 0000 is kept as 0.
      const width = encoding === 'drp' ? 1 : 2;
      if (p + 2 + 12 * width > end) return overrun(known.id, p, 2 + 12 * width, end);
      const values: (number | null)[] = [];
      for (let i = 0; i < 12; i++) {
        const q = p + 2 + i * width;
        if (width === 1) values.push(at(b, q) === 0xff ? null : at(b, q) / 10);
        else {
          const v = at(b, q) * 256 + at(b, q + 1);
          values.push(v === 0xffff ? null : v / 100);
        }
      }
      const raw = sl651Hex(b, p + 2, p + 2 + 12 * width);
      elements.push({ kind: 'series', ...names(known), ...withDef, raw, values, decimals: encoding === 'drp' ? 1 : 2, stepMinutes: 5 });
      p += 2 + 12 * width;
      continue;
    }
    if (n === 0) return sl651Fail('bad-value', `${known.id} at offset ${p}: definition byte ${hex2(g2)} gives 0 value bytes`, p + 1);
    if (p + 2 + n > end) return overrun(known.id, p, 2 + n, end);
    if (encoding === 'status') {
      let value = 0;
      for (let i = 0; i < n; i++) value = value * 256 + at(b, p + 2 + i);
      elements.push({ kind: 'status', ...names(known), ...withDef, raw: sl651Hex(b, p + 2, p + 2 + n), value, bits: sl651StatusBits(value) });
      p += 2 + n;
      continue;
    }
    if (encoding === 'timeStep') {
      if (n !== 3) {
        return sl651Fail('bad-value', `time-step code at offset ${p}: definition byte ${hex2(g2)} gives ${n} bytes, not 3`, p + 1);
      }
      const d = sl651BcdDigits(b, p + 2, 3);
      if (!d.ok) return sl651Fail('bad-bcd', `time-step code: byte ${hex2(at(b, d.badAt))} at offset ${d.badAt} is not BCD`, d.badAt);
      const minutes = Number(d.digits.slice(0, 2)) * 1440 + Number(d.digits.slice(2, 4)) * 60 + Number(d.digits.slice(4, 6));
      stepMinutes = minutes;
      elements.push({ kind: 'timeStep', ...names(known), ...withDef, raw: d.digits, value: d.digits, minutes });
      p += 5;
      continue;
    }
    // BCD number, or a uniform-period series of them.
    if (opts.uniformPeriod && stepMinutes !== null) {
      const values: (number | null)[] = [];
      let q = p + 2;
      while (q < end && !(at(b, q) === 0xf0 && at(b, q + 1) === 0xf0)) {
        if (q + n > end) return overrun(`${known.id} series value`, q, n, end);
        let allFF = true;
        for (let i = 0; i < n; i++) if (at(b, q + i) !== 0xff) allFF = false;
        if (allFF) values.push(null);
        else {
          const v = sl651BcdNumber(b, q, n, decimals);
          if (!v.ok) {
            return sl651Fail(
              'bad-bcd',
              `${known.id} series value at offset ${q}: byte ${hex2(at(b, v.badAt))} at offset ${v.badAt} is not BCD`,
              v.badAt,
            );
          }
          values.push(v.value);
        }
        q += n;
      }
      if (values.length === 0) return sl651Fail('bad-body', `${known.id} series at offset ${p} has no values`, p);
      elements.push({ kind: 'series', ...names(known), ...withDef, raw: sl651Hex(b, p + 2, q), values, decimals, stepMinutes });
      p = q;
      continue;
    }
    const v = sl651BcdNumber(b, p + 2, n, decimals);
    if (!v.ok) {
      return sl651Fail('bad-bcd', `${known.id} at offset ${p}: byte ${hex2(at(b, v.badAt))} at offset ${v.badAt} is not BCD`, v.badAt);
    }
    elements.push({
      kind: 'number',
      id: known.id,
      nameZh: known.nameZh,
      nameEn: known.nameEn,
      unit: known.unit,
      def: withDef.def,
      offset: p,
      observationTime: tt,
      guide: withDef.guide,
      raw: sl651Hex(b, p + 2, p + 2 + n),
      value: v.value,
      decimals,
    });
    p += 2 + n;
  }
  return { ok: true, value: { elements, station } };
}
