// SL 651-2014 表10 control characters.

export const SL651_SOH = 0x01;
export const SL651_STX = 0x02;
export const SL651_SYN = 0x16;

export type Sl651EndCharName = 'ETX' | 'ETB' | 'ENQ' | 'ACK' | 'NAK' | 'EOT' | 'ESC';

/** End characters allowed per direction: ETX/ETB up; ENQ/ACK/NAK/EOT/ESC down. */
export const sl651EndChars: Readonly<Record<'up' | 'down', ReadonlyMap<number, Sl651EndCharName>>> = {
  up: new Map<number, Sl651EndCharName>([
    [0x03, 'ETX'],
    [0x17, 'ETB'],
  ]),
  down: new Map<number, Sl651EndCharName>([
    [0x05, 'ENQ'],
    [0x06, 'ACK'],
    [0x15, 'NAK'],
    [0x04, 'EOT'],
    [0x1b, 'ESC'],
  ]),
};
