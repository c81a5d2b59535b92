import { existsSync } from 'node:fs';
import { mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PdfPrintError, type PdfPrinter } from '../services/drills/printPdf';

/** The part of an Electron BrowserWindow the printer uses (a fake in tests). */
export interface PrintWindow {
  loadURL(url: string): Promise<void>;
  webContents: { printToPDF(options: { pageSize: 'A4'; printBackground: boolean; preferCSSPageSize: boolean }): Promise<Uint8Array> };
  destroy(): void;
}

/**
 * Drill reports to PDF inside Electron (no Chromium binary of the system needed, e.g. on Windows): the report is
 * written to a temporary file, loaded into a hidden, sandboxed window without JavaScript, printed with
 * webContents.printToPDF, and the PDF is written beside the output and renamed into place.
 */
export function electronPdfPrinter(createWindow: () => PrintWindow): PdfPrinter {
  return {
    async print(html, outPath, options = {}) {
      const dir = dirname(outPath);
      if (!(await stat(dir).catch(() => null))?.isDirectory()) throw new PdfPrintError('no-directory', `目录不存在 directory does not exist: ${dir}`);
      if (!options.overwrite && existsSync(outPath)) throw new PdfPrintError('exists', `文件已存在，未覆盖 file exists (not overwritten): ${outPath}`);
      const work = await mkdtemp(join(tmpdir(), 'cityops-pdf-'));
      const partial = join(dir, `.${basename(outPath)}.${process.pid}.part`);
      const win = createWindow();
      let timer: NodeJS.Timeout | undefined;
      try {
        const htmlPath = join(work, 'report.html');
        await writeFile(htmlPath, html, 'utf8');
        const timeout = new Promise<never>((_r, reject) => {
          timer = setTimeout(() => reject(new PdfPrintError('timeout', `PDF生成超时 / printing took longer than ${options.timeoutMs ?? 60_000} ms`)), options.timeoutMs ?? 60_000);
        });
        await Promise.race([win.loadURL(pathToFileURL(htmlPath).href), timeout]);
        const pdf = await Promise.race([win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true }), timeout]);
        if (Buffer.from(pdf.subarray(0, 5)).toString('latin1') !== '%PDF-') throw new PdfPrintError('failed', 'PDF生成失败 / the print gave no PDF');
        await writeFile(partial, pdf);
        if (!options.overwrite && existsSync(outPath)) throw new PdfPrintError('exists', `文件已存在，未覆盖 file exists (not overwritten): ${outPath}`);
        await rename(partial, outPath);
      } finally {
        clearTimeout(timer);
        win.destroy();
        await rm(partial, { force: true }).catch(() => undefined);
        await rm(work, { recursive: true, force: true }).catch(() => undefined);
      }
    },
  };
}
