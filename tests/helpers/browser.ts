import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';

/** Debian's chromium (never a downloaded browser). */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  for (const c of candidates) if (existsSync(c)) return c;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Chromium not found: apt-get install chromium (the .ci/run script does)');
  }
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Software WebGL2 through Mesa llvmpipe (about 2x SwiftShader); SwiftShader stays allowed as fallback.
  '--use-angle=gl-egl',
  '--ignore-gpu-blocklist',
  '--enable-unsafe-swiftshader',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
}

/** Everything a page does that a test may want to assert on. */
export function watchPage(page: Page) {
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${m.text()} @ ${m.location().url}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  return { requests, consoleErrors };
}

export function decodePng(buf: Buffer): PNG {
  return PNG.sync.read(buf);
}

/** Count of distinct colours (quantised to 4 bits per channel) and of pixels matching a predicate. */
export function pixelStats(png: PNG, match: (r: number, g: number, b: number) => boolean = () => false) {
  const colours = new Set<number>();
  let matching = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const r = png.data[i]!, g = png.data[i + 1]!, b = png.data[i + 2]!;
    colours.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
    if (match(r, g, b)) matching++;
  }
  return { distinctColours: colours.size, matching, total: png.data.length / 4 };
}
