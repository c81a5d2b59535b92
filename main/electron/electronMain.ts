import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { appPaths } from '../appPaths';
import { createHostRuntime, type HostRuntime } from '../hostRuntime';
import { feedConfigFrom } from '../services/monitoring/feedConfig';
import { isPrivateNetworkUrl } from '../hostSecurity';
import { appOrigin, createAppProtocolHandler } from './appProtocol';
import { attachIpc } from './ipcAdapter';
import { electronPdfPrinter } from './electronPdfPrinter';

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
]);

const { values: args } = parseArgs({ args: process.argv.slice(app.isPackaged ? 1 : 2), options: { store: { type: 'string' } }, strict: false });

let runtime: HostRuntime | undefined;
let mainWindow: BrowserWindow | undefined;

function hardenWebContents(): void {
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${appOrigin}/`)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

async function start(): Promise<void> {
  const paths = appPaths(app.isPackaged ? app.getAppPath() : undefined);
  const storePath = typeof args.store === 'string' ? args.store : join(app.getPath('userData'), 'cityops.gpkg');
  runtime = createHostRuntime(storePath, 'electron', paths);
  if (runtime.bootstrap) console.log(`首次启动 first start: user '${runtime.bootstrap.username}', password '${runtime.bootstrap.password}' (change it at first sign-in; shown only now)`);
  // Feed receivers from the environment (CITYOPS_SL651_PORT, CITYOPS_MQTT_URL); a bad value is reported, not fatal.
  try {
    await runtime.startFeeds(feedConfigFrom({}));
  } catch (err) {
    console.error(`[feeds] ${(err as Error).message}`);
  }

  // Drill reports print in a hidden, sandboxed window without JavaScript (no system Chromium needed).
  if (runtime.drills) {
    runtime.drills.o.pdfPrinter = electronPdfPrinter(
      () => new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } }),
    );
  }

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // Offline by design: nothing leaves the machine unless a configured online source allows it (later work).
  // Camera streams on the command room's private network are allowed; the internet is not.
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => callback({ cancel: !isPrivateNetworkUrl(details.url) }));
  protocol.handle('app', createAppProtocolHandler(paths.rendererDir, runtime.tiles));

  attachIpc(ipcMain, runtime.dispatch, runtime.bus, () => BrowserWindow.getAllWindows().map((w) => w.webContents));

  mainWindow = new BrowserWindow({
    width: 1600,
    height: 900,
    backgroundColor: '#05101c',
    title: 'CityOps 茅箭区城市运行指挥中心',
    webPreferences: {
      preload: join(paths.root, 'dist', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  mainWindow.on('closed', () => (mainWindow = undefined));
  await mainWindow.loadURL(`${appOrigin}/index.html?layout=wall`);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  hardenWebContents();
  app.whenReady().then(start, (err: unknown) => {
    console.error(err);
    app.exit(1);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void runtime?.close());
}
