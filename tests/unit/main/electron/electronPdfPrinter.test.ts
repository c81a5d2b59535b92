import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronPdfPrinter, type PrintWindow } from '../../../../main/electron/electronPdfPrinter';
import { tempDir } from '../../../helpers/tempStore';

function fakeWindow(pdf: string, log: string[]): () => PrintWindow {
  return () => ({
    loadURL: (url) => {
      log.push(`load ${url.startsWith('file://') ? 'file' : url} ${readFileSync(new URL(url), 'utf8').length}`);
      return Promise.resolve();
    },
    webContents: { printToPDF: (o) => (log.push(`print ${o.pageSize} ${String(o.printBackground)}`), Promise.resolve(Buffer.from(pdf, 'latin1'))) },
    destroy: () => void log.push('destroy'),
  });
}

describe('electronPdfPrinter', () => {
  it('prints the report in a hidden window and renames the PDF into place', async () => {
    const t = tempDir();
    const log: string[] = [];
    const out = join(t.dir, 'r.pdf');
    await electronPdfPrinter(fakeWindow('%PDF-1.7 fake', log)).print('<p>报告</p>', out);
    expect(readFileSync(out, 'latin1')).toBe('%PDF-1.7 fake');
    expect(log).toEqual(['load file 9', 'print A4 true', 'destroy']);
    expect(readdirSync(t.dir)).toEqual(['r.pdf']);
    t.cleanup();
  });

  it('refuses to overwrite, refuses a missing folder, and leaves nothing when the print is not a PDF', async () => {
    const t = tempDir();
    const out = join(t.dir, 'r.pdf');
    writeFileSync(out, 'keep');
    const log: string[] = [];
    await expect(electronPdfPrinter(fakeWindow('%PDF-', log)).print('x', out)).rejects.toMatchObject({ reason: 'exists', code: 'BAD_INPUT' });
    expect(readFileSync(out, 'utf8')).toBe('keep');
    await expect(electronPdfPrinter(fakeWindow('%PDF-', log)).print('x', join(t.dir, 'nope', 'r.pdf'))).rejects.toMatchObject({ reason: 'no-directory' });
    const bad = join(t.dir, 'bad.pdf');
    await expect(electronPdfPrinter(fakeWindow('<html>', log)).print('x', bad)).rejects.toMatchObject({ reason: 'failed' });
    expect(existsSync(bad)).toBe(false);
    expect(readdirSync(t.dir).sort()).toEqual(['r.pdf']);
    t.cleanup();
  });
});
