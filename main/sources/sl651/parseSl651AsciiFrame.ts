import { sl651EndChars } from './sl651ControlChars';
import { sl651CrcHex } from './sl651Crc';
import { sl651ElementByAsciiId, type Sl651ElementDef } from './sl651ElementTable';
import { sl651FunctionCode } from './sl651FunctionCodes';
import { sl651Hex, sl651HexByte } from './sl651Hex';
import { sl651StationTypes } from './sl651StationTypes';
import { sl651StatusBits } from './sl651StatusBits';
import { sl651Time } from './sl651Time';
import { sl651Fail, type Sl651Direction, type Sl651Element, type Sl651Frame, type Sl651Result, type Sl651Time } from './sl651Types';

const SOH = '\x01';
const STX = '\x02';
const SYN = '\x16';
const hex2 = (b: number): string => sl651HexByte[b & 0xff]!;
const isHex = (t: string, n: number) => t.length === n && /^[0-9A-Fa-f]+$/.test(t);
const numberText = /^[+-]?\d+(\.\d+)?$/;
/** A decimal text as a number, without negative zero. */
const num = (t: string) => Number(t) || 0;

const elementFunctions = new Set([0x2f, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x46, 0x51]);
const uniformPeriodFunctions = new Set([0x31, 0x38]);

/**
 * Parses one SL 651-2014 ASCII frame (表16–19): SOH, header fields as ASCII hex, STX (or SYN + 6-char packet field),
 * body of "identifier SPACE value SPACE" groups, ETX/ETB (up) or ENQ/ACK/NAK/EOT/ESC (down), then the CRC as 4 ASCII hex
 * characters over SOH..end char. Accepts the frame as text (control characters as characters) or as bytes. Never throws.
 * Offsets in errors and elements are character (= byte) offsets from the SOH.
 */
export function parseSl651AsciiFrame(input: string | Uint8Array): Sl651Result {
  try {
    let s: string;
    if (typeof input === 'string') s = input;
    else if (input instanceof Uint8Array) {
      s = '';
      for (const b of input) s += String.fromCharCode(b);
    } else return sl651Fail('bad-input', 'input is neither text nor bytes', 0);
    return parse(s);
  } catch (e) {
    return sl651Fail('internal', `internal parser error: ${e instanceof Error ? e.message : String(e)}`, 0);
  }
}

function parse(s: string): Sl651Result {
  const len = s.length;
  if (len === 0) return sl651Fail('empty', 'empty input', 0);
  if (s[0] !== SOH) return sl651Fail('bad-start', `expected SOH (01) at offset 0, found ${hex2(s.charCodeAt(0) & 0xff)}`, 0);
  if (len < 24) return sl651Fail('truncated', `frame ends after ${len} characters, inside the 24-character header`, len);
  const field = (from: number, n: number, what: string) =>
    isHex(s.slice(from, from + n), n) ? null : sl651Fail('bad-header', `${what} at offset ${from} is not ${n} ASCII hex characters`, from);

  const dirChar = s[19];
  if (dirChar !== '0' && dirChar !== '8') {
    return sl651Fail('bad-direction', `direction character at offset 19 is neither '0' (up) nor '8' (down)`, 19);
  }
  const direction: Sl651Direction = dirChar === '0' ? 'up' : 'down';
  const up = direction === 'up';
  const bad =
    (up
      ? (field(1, 2, 'center address') ?? field(3, 10, 'station address'))
      : (field(1, 10, 'station address') ?? field(11, 2, 'center address'))) ??
    field(13, 4, 'password') ??
    field(17, 2, 'function code') ??
    field(20, 3, 'body length');
  if (bad) return bad;
  const bodyLength = parseInt(s.slice(20, 23), 16);
  const startChar = s[23];
  if (startChar !== STX && startChar !== SYN) {
    return sl651Fail('bad-start-char', `expected STX (02) or SYN (16) at offset 23, found ${hex2(s.charCodeAt(23) & 0xff)}`, 23);
  }
  const multi = startChar === SYN;
  if (multi && bodyLength < 6) {
    return sl651Fail('bad-length', `length field ${bodyLength} at offset 20 is shorter than the 6-character packet field`, 20);
  }
  const endAt = 24 + bodyLength;
  const total = endAt + 5;
  if (len < total) {
    return sl651Fail('truncated', `frame needs ${total} characters (body length ${bodyLength} from offset 20) but has ${len}`, len);
  }

  const bytes = new Uint8Array(endAt + 1);
  for (let i = 0; i <= endAt; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return sl651Fail('bad-input', `character at offset ${i} is not a single byte`, i);
    bytes[i] = c;
  }
  const endByte = bytes[endAt] ?? 0;
  const endName = sl651EndChars[direction].get(endByte);
  if (!endName) {
    const allowed = up ? 'ETX (03) or ETB (17)' : 'ENQ/ACK/NAK/EOT/ESC';
    return sl651Fail(
      'bad-end-char',
      `expected ${allowed} at offset ${endAt} (body length ${bodyLength} from the length field), found ${hex2(endByte)}`,
      endAt,
    );
  }
  const crcText = s.slice(endAt + 1, endAt + 5);
  const crcComputed = sl651CrcHex(bytes);
  if (!isHex(crcText, 4)) return sl651Fail('bad-crc', `CRC at offset ${endAt + 1} is not 4 ASCII hex characters`, endAt + 1);
  const crc = crcText.toUpperCase();
  if (crc !== crcComputed) {
    return sl651Fail('bad-crc', `CRC mismatch at offset ${endAt + 1}: frame has ${crc}, computed ${crcComputed}`, endAt + 1);
  }

  const funcByte = parseInt(s.slice(17, 19), 16);
  const func = sl651FunctionCode(funcByte);
  if (!func) return sl651Fail('unknown-function', `unknown function code ${hex2(funcByte)} at offset 17`, 17);

  const frame: Sl651Frame = {
    format: 'ascii',
    direction,
    centerAddr: parseInt(up ? s.slice(1, 3) : s.slice(11, 13), 16),
    stationAddr: (up ? s.slice(3, 13) : s.slice(1, 11)).toUpperCase(),
    password: s.slice(13, 17).toUpperCase(),
    funcCode: hex2(funcByte),
    funcNameZh: func.nameZh,
    funcNameEn: func.nameEn,
    bodyLength,
    startChar: multi ? 'SYN' : 'STX',
    packet: null,
    endChar: hex2(endByte),
    endCharName: endName,
    crc,
    crcComputed,
    crcOk: true,
    consumed: total,
    trailing: len - total,
    serial: null,
    sendTime: null,
    bodyStationAddr: null,
    stationType: null,
    stationTypeNameZh: null,
    stationTypeNameEn: null,
    elements: [],
    undecoded: null,
  };

  if (multi) {
    const packetText = s.slice(24, 30);
    if (!isHex(packetText, 6)) return sl651Fail('bad-packet', `packet field at offset 24 is not 6 ASCII hex characters`, 24);
    const packet = { total: parseInt(packetText.slice(0, 3), 16), seq: parseInt(packetText.slice(3), 16) };
    if (packet.total < 1 || packet.seq < 1 || packet.seq > packet.total) {
      return sl651Fail('bad-packet', `packet field at offset 24: packet ${packet.seq} of ${packet.total}`, 24);
    }
    frame.packet = packet;
    if (endAt > 30) frame.undecoded = { offset: 30, hex: sl651Hex(bytes, 30, endAt) };
    return { ok: true, frame };
  }

  if (bodyLength < 16) return sl651Fail('bad-body', `body of ${bodyLength} characters is shorter than serial number + send time (16)`, 24);
  const serialText = s.slice(24, 28);
  if (!isHex(serialText, 4)) return sl651Fail('bad-body', `serial number at offset 24 is not 4 ASCII hex characters`, 24);
  frame.serial = parseInt(serialText, 16);
  const sendText = s.slice(28, 40);
  if (!/^\d{12}$/.test(sendText)) return sl651Fail('bad-bcd', `send time at offset 28 is not 12 decimal digits`, 28);
  const sendTime = sl651Time(sendText);
  if (!sendTime) return sl651Fail('bad-time', `send time '${sendText}' at offset 28 is not a valid date and time`, 28);
  frame.sendTime = sendTime;

  const body = decodeBody(s, 40, endAt, funcByte, up && elementFunctions.has(funcByte));
  if (!body.ok) return body;
  frame.elements = body.elements;
  if (body.undecodedFrom < endAt) frame.undecoded = { offset: body.undecodedFrom, hex: sl651Hex(bytes, body.undecodedFrom, endAt) };
  if (body.station) {
    const type = sl651StationTypes.get(body.station.type);
    frame.bodyStationAddr = body.station.addr;
    frame.stationType = body.station.type;
    frame.stationTypeNameZh = type?.nameZh ?? null;
    frame.stationTypeNameEn = type?.nameEn ?? null;
  }
  return { ok: true, frame };
}

type Body =
  | { ok: true; elements: Sl651Element[]; station: { addr: string; type: string } | null; undecodedFrom: number }
  | ReturnType<typeof sl651Fail>;

function decodeBody(s: string, start: number, end: number, funcByte: number, withElements: boolean): Body {
  let p = start;
  const skipSpaces = () => {
    while (p < end && s[p] === ' ') p++;
  };
  const next = (): { text: string; offset: number } | null => {
    skipSpaces();
    if (p >= end) return null;
    const offset = p;
    while (p < end && s[p] !== ' ') p++;
    return { text: s.slice(offset, p), offset };
  };
  const peekValue = (): { text: string; offset: number } | null => {
    const save = p;
    const t = next();
    if (t && (t.text === 'M' || numberText.test(t.text))) return t;
    p = save;
    return null;
  };
  const missing = (what: string, at: number) => sl651Fail('bad-body', `${what} at offset ${at} has no value before the body ends`, at);

  const elements: Sl651Element[] = [];
  let station: { addr: string; type: string } | null = null;
  let tt: Sl651Time | null = null;
  let stepMinutes: number | null = null;
  const uniform = uniformPeriodFunctions.has(funcByte);

  for (;;) {
    const save = p;
    const tok = next();
    if (!tok) break;
    const id = tok.text;
    const o = tok.offset;
    if (id === 'ST') {
      if (station) return sl651Fail('bad-body', `second station code (ST) at offset ${o}`, o);
      const code = next();
      if (!code || !isHex(code.text, 10)) {
        return sl651Fail('bad-body', `station code (ST) at offset ${o} is not 10 hex characters`, code?.offset ?? o);
      }
      const type = next();
      if (!type || !/^[A-Z]$/.test(type.text)) {
        return sl651Fail('bad-body', `station type after ST at offset ${o} is not one letter`, type?.offset ?? o);
      }
      station = { addr: code.text.toUpperCase(), type: type.text };
      continue;
    }
    if (!withElements) {
      p = save;
      skipSpaces();
      return { ok: true, elements, station, undecodedFrom: p };
    }
    const known = sl651ElementByAsciiId(id);
    const common = (d: Sl651ElementDef, raw: string) => ({
      id: d.id,
      guide: hex2(d.guide),
      def: null,
      nameZh: d.nameZh,
      nameEn: d.nameEn,
      unit: d.unit,
      raw,
      offset: o,
      observationTime: tt,
    });
    if (id === 'TT' && known) {
      const t = next();
      if (!t) return missing('observation time (TT)', o);
      if (!/^\d{10}$/.test(t.text)) {
        return sl651Fail('bad-bcd', `observation time (TT) at offset ${t.offset} is not 10 decimal digits`, t.offset);
      }
      const time = sl651Time(t.text);
      if (!time) {
        return sl651Fail('bad-time', `observation time (TT) '${t.text}' at offset ${t.offset} is not a valid date and time`, t.offset);
      }
      tt = time;
      stepMinutes = null;
      elements.push({ kind: 'time', ...common(known, t.text), guide: 'F0F0', observationTime: time, value: time.local, time });
      continue;
    }
    const step = /^DR([DHN])(\d{2})$/.exec(id);
    const stepDef = sl651ElementByAsciiId('DR');
    if (step && stepDef) {
      const n = Number(step[2]);
      const value = step[1] === 'D' ? `${step[2]}0000` : step[1] === 'H' ? `00${step[2]}00` : `0000${step[2]}`;
      const minutes = step[1] === 'D' ? n * 1440 : step[1] === 'H' ? n * 60 : n;
      stepMinutes = minutes;
      elements.push({ kind: 'timeStep', ...common(stepDef, id), value, minutes });
      continue;
    }
    if ((id === 'RGZS' || id === 'PIC') && known) {
      // Free text (or picture data) runs to the end of the body; drop the one mandatory trailing space.
      const from = p < end && s[p] === ' ' ? p + 1 : p;
      let text = s.slice(from, end);
      if (text.endsWith(' ')) text = text.slice(0, -1);
      p = end;
      if (id === 'RGZS') elements.push({ kind: 'text', ...common(known, text), guide: 'F2F2', value: text });
      else elements.push({ kind: 'raw', ...common(known, text), guide: 'F3F3', value: null, decimals: null });
      continue;
    }
    if (known && (known.encoding === 'drp' || known.encoding === 'drz')) {
      const width = known.encoding === 'drp' ? 1 : 2;
      const t = next();
      if (!t) return missing(id, o);
      if (!isHex(t.text, 24 * width)) {
        return sl651Fail('bad-value', `${id} at offset ${t.offset} is not ${24 * width} hex characters`, t.offset);
      }
      const values: (number | null)[] = [];
      for (let i = 0; i < 12; i++) {
        const v = parseInt(t.text.slice(i * 2 * width, (i + 1) * 2 * width), 16);
        values.push(v === (width === 1 ? 0xff : 0xffff) ? null : v / (width === 1 ? 10 : 100));
      }
      elements.push({ kind: 'series', ...common(known, t.text), values, decimals: width, stepMinutes: 5 });
      continue;
    }
    if (known && known.encoding === 'status') {
      const t = next();
      if (!t) return missing(id, o);
      if (!isHex(t.text, 8)) return sl651Fail('bad-value', `${id} at offset ${t.offset} is not 8 hex characters`, t.offset);
      const value = parseInt(t.text, 16);
      elements.push({ kind: 'status', ...common(known, t.text.toUpperCase()), value, bits: sl651StatusBits(value) });
      continue;
    }
    if (known && known.encoding === 'bcd') {
      if (uniform && stepMinutes !== null) {
        const values: (number | null)[] = [];
        const texts: string[] = [];
        let decimals = 0;
        for (let t = peekValue(); t; t = peekValue()) {
          texts.push(t.text);
          if (t.text === 'M') values.push(null);
          else {
            values.push(num(t.text));
            decimals = Math.max(decimals, t.text.split('.')[1]?.length ?? 0);
          }
        }
        if (values.length === 0) return sl651Fail('bad-value', `${id} series at offset ${o} has no values`, o);
        elements.push({ kind: 'series', ...common(known, texts.join(' ')), values, decimals, stepMinutes });
        continue;
      }
      const t = next();
      if (!t) return missing(id, o);
      if (!numberText.test(t.text)) {
        return sl651Fail('bad-value', `${id} value '${t.text}' at offset ${t.offset} is not a decimal number`, t.offset);
      }
      const decimals = t.text.split('.')[1]?.length ?? 0;
      elements.push({ kind: 'number', ...common(known, t.text), value: num(t.text), decimals });
      continue;
    }
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(id)) return sl651Fail('bad-body', `expected an element identifier at offset ${o}, found '${id}'`, o);
    // An identifier this table does not define: keep its value text.
    const t = next();
    if (!t) return missing(id, o);
    const isNumber = numberText.test(t.text);
    elements.push({
      kind: 'raw',
      id,
      guide: known ? hex2(known.guide) : '',
      def: null,
      nameZh: known?.nameZh ?? '未知要素',
      nameEn: known?.nameEn ?? 'unknown element',
      unit: known?.unit ?? '',
      raw: t.text,
      offset: o,
      observationTime: tt,
      value: isNumber ? num(t.text) : null,
      decimals: isNumber ? (t.text.split('.')[1]?.length ?? 0) : null,
    });
  }
  return { ok: true, elements, station, undecodedFrom: end };
}
