// Runs the real Electron app where a binary exists (a developer machine with internet, or a packaging
// host). Here the binary cannot be downloaded, so the test says so and skips with that reason.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../helpers/tempStore';

function electronBinary(): string | null {
  try {
    const p = createRequire(import.meta.url)('electron') as unknown;
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const skipReason = 'skipped: no Electron binary on this machine (npm ci ran with ELECTRON_SKIP_BINARY_DOWNLOAD; it cannot be downloaded here)';
if (!binary) console.warn(`[tests/electron] ${skipReason}`);
const t = tempDir('cityops-electron-');
afterAll(() => t.cleanup());

describe('Electron app', () => {
  it('opens one hardened window on app://cityops and draws the boundary', async (ctx) => {
    if (!binary) return ctx.skip(skipReason);
    const app = await electron.launch({ executablePath: binary, args: [repoRoot, '--store', join(t.dir, 'store.gpkg')] });
    try {
      const win = await app.firstWindow();
      expect(win.url()).toMatch(/^app:\/\/cityops\//);
      // No Node in the page, only the bridge's three members.
      expect(await win.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await win.evaluate(() => typeof (globalThis as unknown as { process?: unknown }).process)).toBe('undefined');
      expect(await win.evaluate(() => Object.keys((window as unknown as { cityops: object }).cityops).sort())).toEqual(['call', 'mode', 'subscribe']);
      await win.waitForFunction(() => document.querySelector('[data-testid=layer-drawn-boundary]')?.textContent === '1', null, { timeout: 120_000 });
      await expect(win.getByTestId('host-mode').textContent()).resolves.toBe('桌面模式');
    } finally {
      await app.close();
    }
  });
});
