import { describe, expect, it } from 'vitest';
import { ImportError, asImportError } from '../../../../../main/sources/interchange/importError';

describe('ImportError', () => {
  it('has code BAD_INPUT and names the file and every location given', () => {
    const e = new ImportError({ file: '/data/管线.shp', feature: 3, field: '管径', byteOffset: 1234 }, 'bad');
    expect(e.code).toBe('BAD_INPUT');
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe("管线.shp (/data/管线.shp), feature 3, field '管径', byte offset 1234: bad");
    expect(e.feature).toBe(3);
    expect(e.row).toBeUndefined();
  });

  it('names rows and lines for tables', () => {
    const e = new ImportError({ file: 'a.csv', row: 0, line: 2, field: 'value' }, 'x');
    expect(e.message).toBe("a.csv, row 0, line 2, field 'value': x");
  });

  it('asImportError wraps other errors and keeps ImportErrors', () => {
    const wrapped = asImportError(new Error('boom'), { file: 'f.gpkg', feature: 1 });
    expect(wrapped.message).toBe('f.gpkg, feature 1: boom');
    expect(asImportError(wrapped, { file: 'other' })).toBe(wrapped);
  });
});
