import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderDrillReportHtml } from '../../../../../main/services/drills/drillReportHtml';
import { beijingTime, formatDurationZh } from '../../../../../main/services/drills/drillFormat';
import { chromiumPdfPrinter, findChromium, PdfPrintError } from '../../../../../main/services/drills/printPdf';
import { formatOffset } from '../../../../../preload/contract/drillScenario';
import { T0, reportInput, troubledLog } from './evaluationFixture';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cityops-printpdf-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for chromium: a shell script that gets the same arguments. */
function fakeChromium(body: string): string {
  const path = join(dir, `fake-chromium-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(path, `#!/bin/sh\nout=""\nfor a in "$@"; do case "$a" in --print-to-pdf=*) out="\${a#--print-to-pdf=}";; esac; done\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}
const failureOf = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(err).toBeInstanceOf(PdfPrintError);
  return err as PdfPrintError;
};
const leftovers = () => readdirSync(dir).filter((f) => !f.startsWith('fake-chromium-'));

describe('chromiumPdfPrinter (stand-in chromium)', () => {
  it('writes through a temp file and renames it into place; refuses to overwrite unless asked', async () => {
    const printer = chromiumPdfPrinter(fakeChromium(`printf '%%PDF-1.4 one' > "$out"`));
    const out = join(dir, 'report.pdf');
    await printer.print('<p>x</p>', out);
    expect(readFileSync(out, 'latin1')).toBe('%PDF-1.4 one');
    const again = await failureOf(printer.print('<p>y</p>', out));
    expect([again.reason, again.code]).toEqual(['exists', 'BAD_INPUT']);
    expect(again.message).toContain('文件已存在');
    const two = chromiumPdfPrinter(fakeChromium(`printf '%%PDF-1.4 two' > "$out"`));
    await two.print('<p>y</p>', out, { overwrite: true });
    expect(readFileSync(out, 'latin1')).toBe('%PDF-1.4 two');
    expect(leftovers()).toEqual(['report.pdf']);
  });

  it('times out with a clear error, stops the process and leaves no half PDF', async () => {
    const printer = chromiumPdfPrinter(fakeChromium(`printf '%%PDF-1.4 half' > "$out"\nsleep 30`));
    const started = Date.now();
    const err = await failureOf(printer.print('<p>x</p>', join(dir, 'slow.pdf'), { timeoutMs: 400 }));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(err.reason).toBe('timeout');
    expect(err.message).toMatch(/超时.*timed out/);
    expect(leftovers()).toEqual([]);
  });

  it('fails clearly when Chromium writes no PDF or exits with an error', async () => {
    const junk = await failureOf(chromiumPdfPrinter(fakeChromium(`printf 'not a pdf' > "$out"`)).print('<p>x</p>', join(dir, 'a.pdf')));
    expect(junk.reason).toBe('failed');
    const crash = await failureOf(chromiumPdfPrinter(fakeChromium('echo "boom: no display" >&2; exit 3')).print('<p>x</p>', join(dir, 'b.pdf')));
    expect(crash.reason).toBe('failed');
    expect(crash.message).toContain('boom: no display');
    expect(leftovers()).toEqual([]);
  });

  it('names what to install when Chromium is missing, and refuses a missing directory', async () => {
    const err = await failureOf(chromiumPdfPrinter(join(dir, 'no-such-chromium')).print('<p>x</p>', join(dir, 'c.pdf')));
    expect([err.reason, err.code]).toEqual(['chromium-missing', 'NOT_FOUND']);
    expect(err.message).toContain('apt-get install chromium');
    const noDir = await failureOf(chromiumPdfPrinter(fakeChromium('exit 0')).print('<p>x</p>', join(dir, 'missing', 'd.pdf')));
    expect(noDir.reason).toBe('no-directory');
  });
});

const chromium = findChromium();
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
const skipReason = !chromium ? 'chromium not found (apt-get install chromium)' : !hasPdftotext ? 'pdftotext not found (apt-get install poppler-utils)' : null;
if (skipReason) console.warn(`[printPdf.test] skipping the Chromium PDF test: ${skipReason}`);

describe('chromiumPdfPrinter (Debian chromium)', () => {
  it.skipIf(skipReason !== null)(
    `prints the report to A4 PDF whose timings table reads back as evaluated${skipReason ? ` (skipped: ${skipReason})` : ''}`,
    async () => {
      // Every Chromium run on this machine holds the shared browser lock.
      const locked = fakeChromium(`exec flock /tmp/cityops-browser.lock ${JSON.stringify(chromium)} "$@"`);
      const input = reportInput(troubledLog().events);
      const out = join(dir, 'drill-report.pdf');
      await chromiumPdfPrinter(locked).print(renderDrillReportHtml(input), out, { timeoutMs: 170_000 });
      expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [out], { encoding: 'utf8' }))?.[1]);
      const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
      // 演示数据 DEMO on every page (pdftotext ends each page with a form feed).
      const pageTexts = text.split('\f').filter((p) => p.trim());
      expect(pageTexts.length).toBe(pages);
      for (const p of pageTexts) expect(p).toContain('演示数据 DEMO');
      // The timings table: each metric's row (first line) reads limit, time taken, met and replay moment, in order.
      const table = text.slice(text.indexOf('表1 响应计时'), text.indexOf('优势与待改进'));
      let cursor = 0;
      for (const m of input.evaluation.metrics) {
        const met = m.met === null ? '—' : m.met ? '达标 met' : '未达标 not met';
        const when = m.endAt === null ? '—' : `${beijingTime(m.endAt)} · ${formatOffset(m.endAt - T0)}`;
        const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const row = new RegExp(`${esc(formatDurationZh(m.limitMs))} +${esc(formatDurationZh(m.valueMs))} +${esc(met)} +${esc(when)}`, 'g');
        row.lastIndex = cursor;
        const hit = row.exec(table);
        expect(hit, `timings row of ${m.id}`).not.toBeNull();
        cursor = hit!.index + hit![0].length;
      }
      expect(table).toContain('7分15秒');
    },
    180_000,
  );
});
