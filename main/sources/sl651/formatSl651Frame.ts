import { sl651FormatLocal } from './sl651Time';
import type { Sl651Element, Sl651Frame, Sl651Time } from './sl651Types';

const fmtTime = (t: Sl651Time) => `${sl651FormatLocal(t.local)} UTC+8 (${t.utc})`;
const fmtNumber = (v: number | null, decimals: number | null) => (v === null ? '—' : decimals === null ? String(v) : v.toFixed(decimals));
const withUnit = (text: string, unit: string) => (unit ? `${text} ${unit}` : text);

function elementValue(e: Sl651Element): string {
  switch (e.kind) {
    case 'time':
      return fmtTime(e.time);
    case 'number':
      return withUnit(fmtNumber(e.value, e.decimals), e.unit);
    case 'series': {
      const every = e.stepMinutes === null ? '' : ` (every ${e.stepMinutes} min)`;
      return `${withUnit(e.values.map((v) => fmtNumber(v, e.decimals)).join(' '), e.unit)}${every}`;
    }
    case 'status': {
      const set = e.bits.filter((b) => b.set).map((b) => `bit ${b.bit} ${b.nameZh}=${b.stateZh} / ${b.nameEn}: ${b.stateEn}`);
      const reserved: number[] = [];
      for (let bit = 12; bit < 32; bit++) if (Math.floor(e.value / 2 ** bit) % 2 === 1) reserved.push(bit);
      const parts = [...set, ...(reserved.length ? [`reserved bits set: ${reserved.join(', ')}`] : [])];
      return `${e.raw}${parts.length ? ` — ${parts.join('; ')}` : ' — all clear'}`;
    }
    case 'timeStep':
      return `${e.value} (ddhhmm) = ${e.minutes} min`;
    case 'text':
      return JSON.stringify(e.value);
    case 'raw':
      return `raw ${e.raw || '(none)'}${e.value === null ? '' : ` (tentative ${fmtNumber(e.value, e.decimals)})`}`;
  }
}

/** A human-readable report of a decoded frame (header, CRC, times in UTC+8, elements with names, values and units). */
export function formatSl651Frame(f: Sl651Frame): string[] {
  const lines: string[] = [];
  const way = f.direction === 'up' ? 'up (station → center)' : 'down (center → station)';
  lines.push(`SL651 ${f.format.toUpperCase()} frame: function ${f.funcCode}H ${f.funcNameZh} / ${f.funcNameEn}, ${way}`);
  const row = (label: string, value: string) => lines.push(`  ${label.padEnd(16)} ${value}`);
  row('center address', String(f.centerAddr));
  row('station address', f.stationAddr);
  row('password', f.password);
  const unit = f.format === 'hex' ? 'bytes' : 'characters';
  row('body length', `${f.bodyLength} ${unit}, ${f.startChar} … ${f.endCharName} (${f.endChar})`);
  if (f.packet) row('packet', `${f.packet.seq} of ${f.packet.total}`);
  row('CRC', `${f.crc} ${f.crcOk ? 'ok' : `BAD (computed ${f.crcComputed})`}`);
  const trailing = f.trailing ? `, ${f.trailing} trailing ${f.format === 'hex' ? 'byte(s)' : 'character(s)'} ignored` : '';
  row('frame size', `${f.consumed} ${unit}${trailing}`);
  if (f.serial !== null) row('serial', String(f.serial));
  if (f.sendTime) row('send time', fmtTime(f.sendTime));
  if (f.bodyStationAddr !== null) {
    const type = f.stationTypeNameZh ? ` ${f.stationTypeNameZh} / ${f.stationTypeNameEn ?? ''}` : '';
    row('station (ST)', `${f.bodyStationAddr}, type ${f.stationType ?? '?'}${type}`);
  }
  if (f.elements.length) {
    lines.push('elements:');
    const idWidth = Math.max(4, ...f.elements.map((e) => e.id.length));
    for (const e of f.elements) lines.push(`  ${e.id.padEnd(idWidth)}  ${e.nameZh} / ${e.nameEn}: ${elementValue(e)}`);
  }
  if (f.undecoded) lines.push(`undecoded body at offset ${f.undecoded.offset}: ${f.undecoded.hex}`);
  return lines;
}
