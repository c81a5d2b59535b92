import { ImportError } from './importError';
import type { SourceField } from './sourceDataset';
import { decodeText, detectEncoding, normaliseEncoding, type TextEncoding } from './textEncoding';

export interface DbfField extends SourceField {
  dbfType: string;
  length: number;
  decimals: number;
  offset: number;
}

export interface DbfTable {
  fields: DbfField[];
  /** Number of complete records present in the file. */
  records: Record<string, unknown>[];
  /** The record count the header declares. */
  declaredCount: number;
  deleted: number[];
  encoding: TextEncoding;
  warnings: string[];
}

/**
 * A dBASE III table (the attribute part of a shapefile). Text is decoded with `encoding` (from a .cpg or
 * the user), else detected: valid UTF-8 → UTF-8, otherwise GBK — a warning says which.
 */
export function parseDbf(bytes: Uint8Array, file: string, encodingHint?: string): DbfTable {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 33) throw new ImportError({ file, byteOffset: buf.length }, `DBF header truncated (${buf.length} bytes)`);
  const declaredCount = buf.readUInt32LE(4);
  const headerLength = buf.readUInt16LE(8);
  const recordLength = buf.readUInt16LE(10);
  if (headerLength < 33 || headerLength > buf.length || recordLength < 1) {
    throw new ImportError({ file, byteOffset: 8 }, `not a dBASE file: header length ${headerLength}, record length ${recordLength}`);
  }
  const rawFields: { name: Uint8Array; dbfType: string; length: number; decimals: number; offset: number }[] = [];
  let offset = 1;
  for (let p = 32; p + 32 <= headerLength && buf[p] !== 0x0d; p += 32) {
    const nameBytes = buf.subarray(p, p + 11);
    const end = nameBytes.indexOf(0);
    const length = buf[p + 16]!;
    rawFields.push({ name: nameBytes.subarray(0, end < 0 ? 11 : end), dbfType: String.fromCharCode(buf[p + 11]!), length, decimals: buf[p + 17]!, offset });
    offset += length;
  }
  if (offset > recordLength) throw new ImportError({ file, byteOffset: 32 }, `field widths (${offset}) exceed the record length ${recordLength}`);

  const warnings: string[] = [];
  let encoding: TextEncoding;
  const hinted = encodingHint ? normaliseEncoding(encodingHint) : undefined;
  if (encodingHint && !hinted) warnings.push(`unknown encoding '${encodingHint}' ignored`);
  if (hinted) encoding = hinted;
  else {
    // Detect from every text byte: names and character fields.
    const parts: Uint8Array[] = rawFields.map((f) => f.name);
    const available = Math.min(declaredCount, Math.floor((buf.length - headerLength) / recordLength));
    for (let r = 0; r < available; r++) {
      const base = headerLength + r * recordLength;
      for (const f of rawFields) if (f.dbfType === 'C') parts.push(buf.subarray(base + f.offset, base + f.offset + f.length));
    }
    const detected = detectEncoding(Buffer.concat(parts));
    encoding = detected.encoding;
    if (!detected.ascii) warnings.push(`no .cpg: text detected as ${encoding === 'utf-8' ? 'UTF-8' : 'GBK'}`);
  }

  const fields: DbfField[] = rawFields.map((f) => {
    const name = decodeText(f.name, encoding).trim();
    const type: SourceField['type'] =
      f.dbfType === 'C' ? 'string'
      : f.dbfType === 'N' ? (f.decimals === 0 && f.length < 16 ? 'integer' : 'number')
      : f.dbfType === 'F' || f.dbfType === 'O' ? 'number'
      : f.dbfType === 'I' ? 'integer'
      : f.dbfType === 'L' ? 'boolean'
      : f.dbfType === 'D' ? 'date'
      : 'unknown';
    return { name, type, dbfType: f.dbfType, length: f.length, decimals: f.decimals, offset: f.offset };
  });

  const present = Math.floor((buf.length - headerLength) / recordLength);
  const count = Math.min(declaredCount, present);
  const records: Record<string, unknown>[] = [];
  const deleted: number[] = [];
  for (let r = 0; r < count; r++) {
    const base = headerLength + r * recordLength;
    if (buf[base] === 0x2a) deleted.push(r);
    const rec: Record<string, unknown> = {};
    for (const f of fields) {
      const raw = buf.subarray(base + f.offset, base + f.offset + f.length);
      rec[f.name] = decodeValue(raw, f, encoding, { file, row: r, field: f.name, byteOffset: base + f.offset });
    }
    records.push(rec);
  }
  if (deleted.length) warnings.push(`${deleted.length} DBF record(s) are marked deleted (kept in order with their shapes)`);
  return { fields, records, declaredCount, deleted, encoding, warnings };
}

function decodeValue(raw: Uint8Array, f: DbfField, encoding: TextEncoding, where: { file: string; row: number; field: string; byteOffset: number }): unknown {
  const ascii = () => Buffer.from(raw).toString('latin1').trim();
  switch (f.dbfType) {
    case 'C': {
      const s = decodeText(raw, encoding).replace(/[\0 ]+$/, '');
      return s === '' ? null : s;
    }
    case 'N':
    case 'F':
    case 'O': {
      const s = ascii();
      if (s === '' || /^[*?]+$/.test(s)) return null;
      const v = Number(s);
      if (!Number.isFinite(v)) throw new ImportError(where, `'${s}' is not a number`);
      return v;
    }
    case 'I':
      return Buffer.from(raw).readInt32LE(0);
    case 'L': {
      const s = ascii().toUpperCase();
      return 'TY'.includes(s) && s ? true : 'FN'.includes(s) && s ? false : null;
    }
    case 'D': {
      const s = ascii();
      if (!s || /^0+$/.test(s)) return null;
      return /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : s;
    }
    default: {
      const s = decodeText(raw, encoding).trim();
      return s === '' ? null : s;
    }
  }
}
