import { decodeSl651HexElements } from './decodeSl651HexElements';
import { SL651_STX, SL651_SYN, sl651EndChars } from './sl651ControlChars';
import { sl651BcdDigits } from './sl651Bcd';
import { sl651CrcHex } from './sl651Crc';
import { sl651FunctionCode } from './sl651FunctionCodes';
import { sl651Hex, sl651HexByte } from './sl651Hex';
import { sl651StationTypes } from './sl651StationTypes';
import { sl651Time } from './sl651Time';
import { sl651Fail, type Sl651Direction, type Sl651Element, type Sl651Frame, type Sl651Result } from './sl651Types';

const hex2 = (b: number): string => sl651HexByte[b & 0xff]!;

/** Uplink function codes whose bodies are serial + send time [+ F1F1 ST] + elements (附录B). */
const elementFunctions = new Set([0x2f, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x46, 0x51]);
/** Uplink bodies whose elements are uniform-period series after a time-step code. */
const uniformPeriodFunctions = new Set([0x31, 0x38]);

/**
 * Parses one SL 651-2014 HEX/BCD frame (表20 up, 表21 down) at the start of `bytes`. Never throws: a malformed frame is
 * an error result with the reason and the byte offset. The frame is delimited by its length field; bytes after it are
 * ignored and reported as `trailing` (`consumed` tells a stream reader where the next frame starts). An error with
 * code 'truncated' means the bytes so far are a valid prefix that more input may complete.
 */
export function parseSl651Frame(bytes: Uint8Array): Sl651Result {
  try {
    if (!(bytes instanceof Uint8Array)) return sl651Fail('bad-input', 'input is not a byte array', 0);
    return parse(bytes);
  } catch (e) {
    return sl651Fail('internal', `internal parser error: ${e instanceof Error ? e.message : String(e)}`, 0);
  }
}

const byteAt = (b: Uint8Array, i: number): number => b[i] ?? 0;

function parse(b: Uint8Array): Sl651Result {
  const len = b.length;
  if (len === 0) return sl651Fail('empty', 'empty input', 0);
  for (let i = 0; i < 2; i++) {
    if (i >= len) return sl651Fail('truncated', `frame ends after ${len} byte(s), inside the start characters 7E7E`, len);
    if (byteAt(b, i) !== 0x7e) return sl651Fail('bad-start', `expected start character 7E at offset ${i}, found ${hex2(byteAt(b, i))}`, i);
  }
  if (len < 14) return sl651Fail('truncated', `frame ends after ${len} bytes, inside the 14-byte header`, len);

  const dirLen = byteAt(b, 11) * 256 + byteAt(b, 12);
  const dirNibble = dirLen >> 12;
  if (dirNibble !== 0 && dirNibble !== 8) {
    return sl651Fail(
      'bad-direction',
      `direction nibble ${dirNibble.toString(16).toUpperCase()} at offset 11 is neither 0 (up) nor 8 (down)`,
      11,
    );
  }
  const direction: Sl651Direction = dirNibble === 0 ? 'up' : 'down';
  const bodyLength = dirLen & 0x0fff;
  const startByte = byteAt(b, 13);
  if (startByte !== SL651_STX && startByte !== SL651_SYN) {
    return sl651Fail('bad-start-char', `expected STX (02) or SYN (16) at offset 13, found ${hex2(startByte)}`, 13);
  }
  const multi = startByte === SL651_SYN;
  if (multi && bodyLength < 3) {
    return sl651Fail('bad-length', `length field ${bodyLength} at offset 11 is shorter than the 3-byte packet field`, 11);
  }

  const endAt = 14 + bodyLength;
  const total = endAt + 3;
  if (len < total) {
    return sl651Fail(
      'truncated',
      `frame needs ${total} bytes (body length ${bodyLength} from the length field at offset 11) but has ${len}`,
      len,
    );
  }
  const endByte = byteAt(b, endAt);
  const endName = sl651EndChars[direction].get(endByte);
  if (!endName) {
    const allowed = direction === 'up' ? 'ETX (03) or ETB (17)' : 'ENQ/ACK/NAK/EOT/ESC';
    return sl651Fail(
      'bad-end-char',
      `expected ${allowed} at offset ${endAt} (body length ${bodyLength} from the length field), found ${hex2(endByte)}`,
      endAt,
    );
  }
  const crcComputed = sl651CrcHex(b, 0, endAt + 1);
  const crc = sl651Hex(b, endAt + 1, endAt + 3);
  if (crc !== crcComputed) {
    return sl651Fail('bad-crc', `CRC mismatch at offset ${endAt + 1}: frame has ${crc}, computed ${crcComputed}`, endAt + 1);
  }

  const funcByte = byteAt(b, 10);
  const func = sl651FunctionCode(funcByte);
  if (!func) return sl651Fail('unknown-function', `unknown function code ${hex2(funcByte)} at offset 10`, 10);

  const up = direction === 'up';
  const frame: Sl651Frame = {
    format: 'hex',
    direction,
    centerAddr: up ? byteAt(b, 2) : byteAt(b, 7),
    stationAddr: up ? sl651Hex(b, 3, 8) : sl651Hex(b, 2, 7),
    password: sl651Hex(b, 8, 10),
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
    const field = byteAt(b, 14) * 65536 + byteAt(b, 15) * 256 + byteAt(b, 16);
    const packet = { total: field >> 12, seq: field & 0x0fff };
    if (packet.total < 1 || packet.seq < 1 || packet.seq > packet.total) {
      return sl651Fail('bad-packet', `packet field at offset 14: packet ${packet.seq} of ${packet.total}`, 14);
    }
    frame.packet = packet;
    if (endAt > 17) frame.undecoded = { offset: 17, hex: sl651Hex(b, 17, endAt) };
    return { ok: true, frame };
  }

  if (bodyLength < 8) return sl651Fail('bad-body', `body of ${bodyLength} bytes is shorter than serial number + send time (8 bytes)`, 14);
  frame.serial = byteAt(b, 14) * 256 + byteAt(b, 15);
  const sendDigits = sl651BcdDigits(b, 16, 6);
  if (!sendDigits.ok) {
    return sl651Fail('bad-bcd', `send time: byte ${hex2(byteAt(b, sendDigits.badAt))} at offset ${sendDigits.badAt} is not BCD`, sendDigits.badAt);
  }
  const sendTime = sl651Time(sendDigits.digits);
  if (!sendTime) return sl651Fail('bad-time', `send time '${sendDigits.digits}' at offset 16 is not a valid date and time`, 16);
  frame.sendTime = sendTime;

  let elements: Sl651Element[] = [];
  let station: { addr: string; type: string } | null = null;
  let undecodedFrom = 22;
  if (up && elementFunctions.has(funcByte)) {
    const r = decodeSl651HexElements(b, 22, endAt, { uniformPeriod: uniformPeriodFunctions.has(funcByte) });
    if (!r.ok) return r;
    elements = r.value.elements;
    station = r.value.station;
    undecodedFrom = endAt;
  } else if (endAt >= 30 && byteAt(b, 22) === 0xf1 && byteAt(b, 23) === 0xf1) {
    // Other bodies (configuration, control, downlink commands): decode the station code, keep the rest raw.
    const t = byteAt(b, 29);
    station = { addr: sl651Hex(b, 24, 29), type: t >= 0x21 && t <= 0x7e ? String.fromCharCode(t) : hex2(t) };
    undecodedFrom = 30;
  }
  if (undecodedFrom < endAt) frame.undecoded = { offset: undecodedFrom, hex: sl651Hex(b, undecodedFrom, endAt) };
  frame.elements = elements;
  if (station) {
    const type = sl651StationTypes.get(station.type);
    frame.bodyStationAddr = station.addr;
    frame.stationType = station.type;
    frame.stationTypeNameZh = type?.nameZh ?? null;
    frame.stationTypeNameEn = type?.nameEn ?? null;
  }
  return { ok: true, frame };
}
