// Result types of the SL 651-2014 (水文监测数据通信规约) frame parsers. Everything here is plain JSON data.

export type Sl651Direction = 'up' | 'down';

/** A frame time. SL651 times carry no zone: they are Beijing time (UTC+8). */
export interface Sl651Time {
  /** The local digits with the century, as sent: 'YYYYMMDDhhmmss' (send time) or 'YYYYMMDDhhmm' (observation time). */
  local: string;
  /** The same instant in UTC, ISO 8601 without milliseconds, e.g. '2026-06-30T22:00:36Z'. */
  utc: string;
  /** Milliseconds since the Unix epoch. */
  epochMs: number;
}

/** One bit of the ZT (45H) station status and alarm word (表58). */
export interface Sl651StatusBit {
  bit: number;
  nameZh: string;
  nameEn: string;
  set: boolean;
  /** Meaning of the current bit value, e.g. '正常' / 'normal' or '报警' / 'alarm'. */
  stateZh: string;
  stateEn: string;
}

interface Sl651ElementBase {
  /** ASCII identifier (表C.1): 'PT', 'Z', 'DRZ1'; user elements 'FF09'; unknown HEX guide bytes 'X7A'. */
  id: string;
  /** Guide byte(s) as hex: '26', 'F0F0', 'FF09'; '' for an ASCII identifier that is not in the table. */
  guide: string;
  /** Data-definition byte as hex (high 5 bits = byte count, low 3 bits = decimals); null when there is none (TT, ST, ASCII frames). */
  def: string | null;
  nameZh: string;
  nameEn: string;
  unit: string;
  /** The value as transmitted: hex of the value bytes (HEX frames) or the value text (ASCII frames). */
  raw: string;
  /** Offset of the element's first byte (guide byte or identifier) in the frame. */
  offset: number;
  /** The observation time (TT) of the F0F0 group the element belongs to; null before the first TT. */
  observationTime: Sl651Time | null;
}

/** TT: starts a group; applies to the elements after it. */
export interface Sl651TimeElement extends Sl651ElementBase {
  kind: 'time';
  /** Local digits 'YYYYMMDDhhmm'. */
  value: string;
  time: Sl651Time;
}

export interface Sl651NumberElement extends Sl651ElementBase {
  kind: 'number';
  value: number;
  decimals: number;
}

/** 12 × 5-min values (DRP F4H, DRZ1–8 F5H–FCH) or a 31H/38H uniform-period series. null = invalid / missing. */
export interface Sl651SeriesElement extends Sl651ElementBase {
  kind: 'series';
  values: (number | null)[];
  decimals: number;
  /** Interval between values: 5 for DRP/DRZ, the preceding time-step code (04H) for uniform-period series. */
  stepMinutes: number | null;
}

/** ZT (45H): 4-byte HEX status and alarm bits. */
export interface Sl651StatusElement extends Sl651ElementBase {
  kind: 'status';
  value: number;
  bits: Sl651StatusBit[];
}

/** Time-step code (04H, ASCII DRxnn): days, hours, minutes. */
export interface Sl651TimeStepElement extends Sl651ElementBase {
  kind: 'timeStep';
  /** 'ddhhmm' digits, e.g. '000005'. */
  value: string;
  minutes: number;
}

/** RGZS (F2F2): manual-entry text. */
export interface Sl651TextElement extends Sl651ElementBase {
  kind: 'text';
  value: string;
}

/**
 * An element whose encoding the standard does not fix: user elements FFxx, guide bytes not in the table (id 'X??'),
 * unknown ASCII identifiers, pictures (PIC). `value` is a tentative decimal reading of `raw` when it is valid BCD, else null.
 */
export interface Sl651RawElement extends Sl651ElementBase {
  kind: 'raw';
  value: number | null;
  decimals: number | null;
}

export type Sl651Element =
  | Sl651TimeElement
  | Sl651NumberElement
  | Sl651SeriesElement
  | Sl651StatusElement
  | Sl651TimeStepElement
  | Sl651TextElement
  | Sl651RawElement;

export interface Sl651Frame {
  format: 'hex' | 'ascii';
  direction: Sl651Direction;
  /** Center (中心站) address, 0–255. */
  centerAddr: number;
  /** Telemetry station address A5..A1 as 10 hex characters; may contain non-BCD nibbles. */
  stationAddr: string;
  /** Password as 4 hex characters. */
  password: string;
  /** Function code as 2 uppercase hex characters, e.g. '32'. */
  funcCode: string;
  funcNameZh: string;
  funcNameEn: string;
  /** Body length from the length field (bytes, or characters in ASCII frames). */
  bodyLength: number;
  startChar: 'STX' | 'SYN';
  /** M3 multi-packet field (after SYN); null for STX frames. */
  packet: { total: number; seq: number } | null;
  /** End character as 2 hex characters, e.g. '03'. */
  endChar: string;
  endCharName: 'ETX' | 'ETB' | 'ENQ' | 'ACK' | 'NAK' | 'EOT' | 'ESC';
  /** Received CRC, 4 uppercase hex characters. */
  crc: string;
  crcComputed: string;
  /** Always true in a parsed frame: a CRC mismatch is an error result. */
  crcOk: boolean;
  /** Bytes (characters for ASCII text) of the input that belong to this frame; the next frame starts here. */
  consumed: number;
  /** Input bytes after the frame that were ignored (e.g. a stray trailing 7E). */
  trailing: number;
  /** Serial number (流水号); null for M3 packets, whose bodies are kept raw. */
  serial: number | null;
  sendTime: Sl651Time | null;
  /** Station address from the body (F1F1 / ST), 10 hex characters; null when the body has none. */
  bodyStationAddr: string | null;
  /** Station type letter (附录A), e.g. 'H'; null when the body has none. */
  stationType: string | null;
  stationTypeNameZh: string | null;
  stationTypeNameEn: string | null;
  elements: Sl651Element[];
  /** Body bytes not decoded (function codes without element bodies, downlink parameters, M3 packets). */
  undecoded: { offset: number; hex: string } | null;
}

export type Sl651ErrorCode =
  | 'empty'
  | 'bad-input'
  | 'bad-start'
  | 'truncated'
  | 'bad-header'
  | 'bad-direction'
  | 'bad-length'
  | 'bad-start-char'
  | 'bad-end-char'
  | 'bad-crc'
  | 'unknown-function'
  | 'bad-packet'
  | 'bad-bcd'
  | 'bad-time'
  | 'bad-body'
  | 'bad-value'
  | 'internal';

export interface Sl651Error {
  /** Machine-readable class; 'truncated' means more input may complete the frame. */
  code: Sl651ErrorCode;
  /** Human-readable reason, naming the field. */
  reason: string;
  /** Byte offset (character offset for ASCII text, hex-text character offset for bad hex text) where the problem is. */
  offset: number;
}

export type Sl651Result = { ok: true; frame: Sl651Frame } | { ok: false; error: Sl651Error };

export function sl651Fail(code: Sl651ErrorCode, reason: string, offset: number): { ok: false; error: Sl651Error } {
  return { ok: false, error: { code, reason, offset } };
}
