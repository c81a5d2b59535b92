import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, mkdtemp, open, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ErrorCode } from '../../../preload/contract/errors';

/**
 * HTML → PDF through Debian's chromium, headless (no downloaded browser, no network: the report has no external
 * resource). The PDF is written to a temp file next to the output and renamed into place, so a failed or timed-out
 * print never leaves a half PDF; an existing file is refused unless the caller says overwrite.
 */
export interface PrintOptions {
  /** Replace an existing file at outPath (default: refuse). */
  overwrite?: boolean;
  /** Give up (and stop Chromium) after this long; default 60 s. */
  timeoutMs?: number;
}

export interface PdfPrinter {
  print(html: string, outPath: string, options?: PrintOptions): Promise<void>;
}

export type PdfPrintFailure = 'exists' | 'no-directory' | 'chromium-missing' | 'timeout' | 'failed';

export class PdfPrintError extends Error {
  override name = 'PdfPrintError';
  /** The contract code it crosses the border with (BAD_INPUT / NOT_FOUND show their message as is). */
  readonly code: ErrorCode;
  constructor(
    readonly reason: PdfPrintFailure,
    message: string,
  ) {
    super(message);
    this.code = reason === 'exists' || reason === 'no-directory' ? 'BAD_INPUT' : reason === 'chromium-missing' ? 'NOT_FOUND' : 'STORE_REFUSED';
  }
}

const MISSING = 'Chromium 未安装，无法生成PDF：apt-get install chromium (Chromium not found: install it with apt-get install chromium, or set CHROMIUM_PATH)';

/** Debian's chromium: CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser, then `which chromium`; null if none. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((c): c is string => !!c);
  for (const c of candidates) if (existsSync(c)) return c;
  try {
    const found = execFileSync('which', ['chromium'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return found && existsSync(found) ? found : null;
  } catch {
    return null;
  }
}

async function isPdf(path: string): Promise<boolean> {
  const fh = await open(path, 'r').catch(() => null);
  if (!fh) return false;
  try {
    const buf = Buffer.alloc(5);
    const { bytesRead } = await fh.read(buf, 0, 5, 0);
    return bytesRead === 5 && buf.toString('latin1') === '%PDF-';
  } finally {
    await fh.close();
  }
}

function runChromium(bin: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout stops Chromium's helper processes too.
    const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 8000) stderr += d.toString('utf8');
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new PdfPrintError((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'chromium-missing' : 'failed', (err as NodeJS.ErrnoException).code === 'ENOENT' ? MISSING : `Chromium 启动失败 could not start Chromium: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) reject(new PdfPrintError('timeout', `PDF生成超时（${Math.round(timeoutMs / 1000)}秒），已停止 Chromium (PDF printing timed out after ${Math.round(timeoutMs / 1000)} s; Chromium was stopped)`));
      else if (code !== 0) {
        const tail = stderr.split('\n').filter((l) => l.trim() && !/dbus|Fontconfig/i.test(l)).slice(-3).join(' | ');
        reject(new PdfPrintError('failed', `PDF生成失败 Chromium exited with ${code ?? signal}${tail ? `: ${tail}` : ''}`));
      } else resolve();
    });
  });
}

/** Prints with `chromium --headless --print-to-pdf` (A4 and margins come from the document's @page CSS). */
export function chromiumPdfPrinter(chromiumPath?: string): PdfPrinter {
  return {
    async print(html, outPath, options = {}) {
      const timeoutMs = options.timeoutMs ?? 60_000;
      const dir = dirname(outPath);
      const dirStat = await stat(dir).catch(() => null);
      if (!dirStat?.isDirectory()) throw new PdfPrintError('no-directory', `目录不存在 directory does not exist: ${dir}`);
      if (!options.overwrite && existsSync(outPath)) throw new PdfPrintError('exists', `文件已存在，未覆盖 file exists (not overwritten): ${outPath}`);
      const bin = chromiumPath ?? findChromium();
      if (bin === null || !existsSync(bin)) throw new PdfPrintError('chromium-missing', MISSING);

      const work = await mkdtemp(join(tmpdir(), 'cityops-pdf-'));
      const partial = join(dir, `.${basename(outPath)}.${process.pid}-${randomBytes(4).toString('hex')}.part`);
      try {
        const htmlPath = join(work, 'report.html');
        await writeFile(htmlPath, html, 'utf8');
        const args = [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-pdf-header-footer',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-extensions',
          `--user-data-dir=${join(work, 'profile')}`,
          `--print-to-pdf=${partial}`,
          pathToFileURL(htmlPath).href,
        ];
        await runChromium(bin, args, timeoutMs);
        if (!(await isPdf(partial))) throw new PdfPrintError('failed', 'PDF生成失败：Chromium 未写出PDF (Chromium wrote no PDF)');
        if (options.overwrite) await rename(partial, outPath);
        else {
          // link() fails if the output appeared meanwhile: never replace a file we were not asked to.
          try {
            await link(partial, outPath);
          } catch (err) {
            const code = (err as NodeJS.ErrnoException).code;
            if (code === 'EEXIST') throw new PdfPrintError('exists', `文件已存在，未覆盖 file exists (not overwritten): ${outPath}`);
            if (existsSync(outPath)) throw new PdfPrintError('exists', `文件已存在，未覆盖 file exists (not overwritten): ${outPath}`);
            await rename(partial, outPath); // a file system without hard links
          }
        }
      } finally {
        await unlink(partial).catch(() => undefined);
        await rm(work, { recursive: true, force: true }).catch(() => undefined);
      }
    },
  };
}
