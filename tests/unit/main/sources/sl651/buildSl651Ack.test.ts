import { describe, expect, it } from 'vitest';
import { buildSl651Ack } from '../../../../../main/sources/sl651/buildSl651Ack';
import { parseSl651Frame } from '../../../../../main/sources/sl651/parseSl651Frame';
import { fromHex, toHex, vectors } from './sl651TestFrames';

/** Independent CRC-16/MODBUS (table-free, written here), high byte first as SL651 sends it. */
function crcHex(hex: string): string {
  let crc = 0xffff;
  for (const b of Buffer.from(hex, 'hex')) {
    crc ^= b;
    for (let i = 0; i < 8; i++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

const SENT = Date.UTC(2026, 6, 1, 6, 0, 40) - 8 * 3600_000; // 2026-07-01 06:00:40 Beijing

describe('buildSl651Ack', () => {
  it('builds the M2 confirmation byte-exactly: station first, then center, same serial, function echoed, CRC high byte first', () => {
    const up = parseSl651Frame(fromHex(vectors[0]!.hex));
    if (!up.ok) throw new Error(up.error.reason);
    const ack = buildSl651Ack(up.frame, 'EOT', SENT);
    const head = '7E7E' + '0030746200' + '01' + '0012' + '32' + '8008' + '02' + '4465' + '260701060040' + '04';
    expect(toHex(ack)).toBe(head + crcHex(head));
    const down = parseSl651Frame(ack);
    expect(down.ok).toBe(true);
    if (!down.ok) return;
    expect(down.frame).toMatchObject({
      direction: 'down',
      stationAddr: '0030746200',
      centerAddr: 1,
      password: '0012',
      funcCode: '32',
      serial: 17509,
      endCharName: 'EOT',
      crcOk: true,
      consumed: ack.length,
    });
    expect(down.frame.sendTime?.local).toBe('20260701060040');
  });

  it('builds ACK / ESC / NAK ends and echoes the center address and password of each real frame', () => {
    for (const v of vectors) {
      const up = parseSl651Frame(fromHex(v.hex));
      if (!up.ok) throw new Error(up.error.reason);
      for (const end of ['ACK', 'ESC', 'NAK', 'EOT'] as const) {
        const ack = buildSl651Ack(up.frame, end, SENT);
        const hex = toHex(ack);
        expect(hex.slice(-4)).toBe(crcHex(hex.slice(0, -4)));
        const down = parseSl651Frame(ack);
        const want = { endCharName: end, stationAddr: v.stationAddr, centerAddr: v.centerAddr, password: v.password };
        expect(down.ok && down.frame).toMatchObject(want);
      }
    }
  });
});
