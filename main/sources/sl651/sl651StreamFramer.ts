import { parseSl651AsciiFrame } from './parseSl651AsciiFrame';
import { parseSl651Frame } from './parseSl651Frame';
import type { Sl651Frame } from './sl651Types';

export type Sl651FramerOutput =
  | { kind: 'frame'; frame: Sl651Frame; bytes: Uint8Array }
  | { kind: 'rejected'; code: string; reason: string; bytes: number };

/** Largest frame: 14-byte header + 0xFFFF (M3 length field) + end char + CRC. */
export const SL651_MAX_FRAME_BYTES = 14 + 0xffff + 3;

/**
 * Cuts a TCP byte stream into SL651 frames (HEX 7E7E… or ASCII SOH…) by their length field. Survives partial reads
 * (a truncated frame waits for more bytes), resynchronises after garbage or a bad frame (skips to the next 7E7E or SOH),
 * and caps the bytes it holds (an over-long pending frame is dropped as 'overflow').
 */
export class Sl651StreamFramer {
  private buf: Buffer = Buffer.alloc(0);

  constructor(private readonly maxBytes: number = SL651_MAX_FRAME_BYTES) {}

  /** Bytes held while waiting for the rest of a frame. */
  get pending(): number {
    return this.buf.length;
  }

  push(chunk: Uint8Array): Sl651FramerOutput[] {
    this.buf = this.buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buf, chunk]);
    const out: Sl651FramerOutput[] = [];
    for (;;) {
      const start = this.findStart(0);
      if (start < 0) {
        // Keep a lone trailing 7E: it may be the first half of a start.
        const keep = this.buf.at(-1) === 0x7e ? 1 : 0;
        const dropped = this.buf.length - keep;
        const reason = `${dropped} byte(s) outside any frame skipped`;
        if (dropped > 0) out.push({ kind: 'rejected', code: 'garbage', reason, bytes: dropped });
        this.buf = this.buf.subarray(this.buf.length - keep);
        return out;
      }
      if (start > 0) {
        out.push({ kind: 'rejected', code: 'garbage', reason: `${start} byte(s) before a frame start skipped`, bytes: start });
        this.buf = this.buf.subarray(start);
      }
      const view = new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.buf.length);
      const r = this.buf[0] === 0x7e ? parseSl651Frame(view) : parseSl651AsciiFrame(view);
      if (r.ok) {
        const n = r.frame.consumed;
        out.push({ kind: 'frame', frame: r.frame, bytes: Uint8Array.from(view.subarray(0, n)) });
        this.buf = this.buf.subarray(n);
        continue;
      }
      if (r.error.code === 'truncated') {
        if (this.buf.length <= this.maxBytes) return out;
        out.push({ kind: 'rejected', code: 'overflow', reason: `pending frame exceeds ${this.maxBytes} bytes: dropped`, bytes: 1 });
      } else {
        out.push({ kind: 'rejected', code: r.error.code, reason: r.error.reason, bytes: 1 });
      }
      // Resynchronise: skip this start byte and look for the next 7E7E or SOH.
      this.buf = this.buf.subarray(1);
    }
  }

  /** Index of the first 7E7E (or a trailing single 7E) or SOH at or after i; -1 when none. */
  private findStart(i: number): number {
    const b = this.buf;
    for (let k = i; k < b.length; k++) {
      const c = b[k];
      if (c === 0x01) return k;
      if (c === 0x7e && (k + 1 >= b.length || b[k + 1] === 0x7e)) return k < b.length - 1 ? k : -1;
    }
    return -1;
  }

  reset(): void {
    this.buf = Buffer.alloc(0);
  }
}
