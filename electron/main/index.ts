// Electron host: windows and the IPC adapter around the same core the headless host runs.
import { app, dialog, type BrowserWindow } from 'electron';
import type { Connection } from '../core/auth/Connection';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConsoleCore } from '../core/ConsoleCore';
import { coreConfigFrom, parseCommandLine } from '../core/config';
import {
  BASEMAP_ELECTRON_URL,
  handleBasemapProtocol,
  registerBasemapScheme,
} from './basemapProtocol';
import { ensureFirstAdmin } from '../serve/firstAdmin';
import { attachIpcAdapter } from './ipcAdapter';
import { hardenWebContents } from './security';
import { makeSenderCheck, ownedBy } from './senderCheck';
import { openWallWindows } from './wallWindows';

const rendererIndex = join(__dirname, '../renderer/index.html');
const windows = new Set<BrowserWindow>();
const connections = new Map<number, Connection>();
let core: ConsoleCore | undefined;

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
    basemapPmtilesUrl: BASEMAP_ELECTRON_URL,
  });
  core = await ConsoleCore.start(config);
  await ensureFirstAdmin(core.gate);
  handleBasemapProtocol(core.basemapFile, core.basemapRasterTemplate);
  attachIpcAdapter(makeSenderCheck(rendererIndex, ownedBy(windows)), (wc) =>
    connections.get(wc.id),
  );
  // One window per screen of the saved video-wall layout (one console window until one is saved).
  const host = {
    rendererIndex,
    preload: join(__dirname, '../preload/index.js'),
    windows,
    connections,
    gate: core.gate,
  };
  await openWallWindows(host, core.api);
}

registerBasemapScheme();

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
