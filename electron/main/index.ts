// Electron host: windows and the IPC adapter around the same core the headless host runs.
import { app, BrowserWindow, dialog } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConsoleCore } from '../core/ConsoleCore';
import { coreConfigFrom, parseCommandLine } from '../core/config';
import { attachIpcAdapter } from './ipcAdapter';
import { hardenWebContents } from './security';
import { makeSenderCheck } from './senderCheck';

const rendererIndex = join(__dirname, '../renderer/index.html');
const windows = new Set<BrowserWindow>();
let core: ConsoleCore | undefined;

function openWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1600,
    height: 960,
    backgroundColor: '#0b1620',
    title: 'Muster',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  windows.add(win);
  win.on('closed', () => windows.delete(win));
  void win.loadFile(rendererIndex);
  return win;
}

async function start(): Promise<void> {
  hardenWebContents();
  // The Electron-ABI build of better-sqlite3 lives apart from node_modules so `npm test` keeps the
  // Node build; `npm run build:native-electron` makes it (npm start runs that when it is missing).
  const nativeBinding = join(app.getAppPath(), 'native/electron/better_sqlite3.node');
  if (!existsSync(nativeBinding)) {
    throw new Error(
      `missing ${nativeBinding}: run "npm run build:native-electron" once, then start again`,
    );
  }
  const values = parseCommandLine(process.argv.slice(app.isPackaged ? 1 : 2), {}, false);
  const config = coreConfigFrom(values, process.env, {
    resourcesDir: join(app.getAppPath(), 'resources'),
    dataDir: join(app.getPath('userData'), 'data'),
    sqliteNativeBinding: nativeBinding,
  });
  core = await ConsoleCore.start(config);
  const isOurs = (wc: Electron.WebContents): boolean =>
    [...windows].some((w) => w.webContents === wc);
  attachIpcAdapter(core, makeSenderCheck(rendererIndex, isOurs), () => [...windows]);
  openWindow();
}

app.on('window-all-closed', () => {
  void (core?.stop() ?? Promise.resolve()).finally(() => app.quit());
});

app
  .whenReady()
  .then(start)
  .catch((err: unknown) => {
    dialog.showErrorBox('Muster could not start', err instanceof Error ? err.message : String(err));
    app.quit();
  });
