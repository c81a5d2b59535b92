// npm start: build what is missing, then run CityOps on the embedded Maojian pack.
//   Electron when its binary is installed; otherwise browser mode: the web host on 127.0.0.1 and Debian's
//   Chromium in app mode (--app=URL) when it is on the PATH and there is a display, else the URL is printed.
// Options: --store PATH  --port N  --browser (force browser mode)  --no-open (do not start a browser)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildAll, isBuildFresh } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    store: { type: 'string' },
    port: { type: 'string' },
    browser: { type: 'boolean' },
    'no-open': { type: 'boolean' },
    'sl651-port': { type: 'string' },
    'sl651-host': { type: 'string' },
    mqtt: { type: 'string' },
  },
  strict: true,
});

const say = (m) => console.log(`[cityops] ${m}`);

if (isBuildFresh()) say('build is up to date');
else {
  say('building the renderer, main and preload…');
  await buildAll({ log: say });
}

function electronBinary() {
  try {
    const p = createRequire(import.meta.url)('electron');
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

const electron = values.browser ? null : electronBinary();
if (electron) {
  say(`mode: Electron (${electron})`);
  const args = [root, ...(values.store ? ['--store', values.store] : [])];
  // Feeds reach Electron's host through the environment (CITYOPS_SL651_PORT, CITYOPS_SL651_HOST, CITYOPS_MQTT_URL).
  const env = { ...process.env };
  if (values['sl651-port']) env.CITYOPS_SL651_PORT = values['sl651-port'];
  if (values['sl651-host']) env.CITYOPS_SL651_HOST = values['sl651-host'];
  if (values.mqtt) env.CITYOPS_MQTT_URL = values.mqtt;
  const child = spawn(electron, args, { stdio: 'inherit', env });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  say(
    values.browser
      ? 'mode: browser (asked for with --browser)'
      : 'mode: browser — the Electron binary is not installed here (npm ci ran with ELECTRON_SKIP_BINARY_DOWNLOAD or without network)',
  );
  const serveArgs = [join(root, 'dist', 'main', 'cli.cjs'), 'serve', '--port', values.port ?? '0', ...(values.store ? ['--store', values.store] : [])];
  for (const k of ['sl651-port', 'sl651-host', 'mqtt']) if (values[k]) serveArgs.push(`--${k}`, values[k]);
  const host = spawn(process.execPath, serveArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
  let browser = null;
  const stop = () => {
    browser?.kill('SIGTERM');
    host.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  host.on('exit', (code) => {
    browser?.kill('SIGTERM');
    process.exit(code ?? 0);
  });
  let buffered = '';
  host.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    buffered += chunk;
    const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(buffered);
    if (!m || browser || values['no-open']) return;
    buffered = '';
    const chromium = which('chromium') ?? which('chromium-browser');
    const hasDisplay = process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
    if (!chromium) return say('Chromium is not on the PATH (apt-get install chromium): open the URL above in a browser');
    if (!hasDisplay) return say('no display (DISPLAY/WAYLAND_DISPLAY unset): open the URL above in a browser');
    const profile = join(process.env.XDG_CONFIG_HOME ?? join(homedir() || tmpdir(), '.config'), 'CityOps', 'chromium-profile');
    mkdirSync(profile, { recursive: true });
    say(`opening Chromium in app mode (${chromium})`);
    const flags = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
    if (process.getuid?.() === 0) flags.push('--no-sandbox');
    // The first screen is the overall-situation wall layout (the top bar switches to the duty or analyst layout).
    browser = spawn(chromium, [`--app=${m[1]}&layout=wall`, `--user-data-dir=${profile}`, '--window-size=1600,900', ...flags], { stdio: 'ignore' });
    browser.on('exit', () => {
      say('Chromium closed: stopping the host');
      host.kill('SIGTERM');
    });
  });
}
