// Opens the video wall at start: one window per screen of the saved layout, on its display.
import { BrowserWindow, screen } from 'electron';
import type { ConsoleApi } from '../../shared/contract/ConsoleApi';
import type { Connection } from '../core/auth/Connection';
import type { Gate } from '../core/auth/Gate';
import { bindWindow } from './ipcAdapter';
import type { ScreenRole, WallScreen } from '../../shared/domain/wall';
import { planWallWindows, PRIMARY_DISPLAY, type Rect, type WindowPlan } from './wallPlan';

export interface WallHost {
  readonly rendererIndex: string;
  readonly preload: string;
  /** Every window we open goes here: the IPC sender check reads it. */
  readonly windows: Set<BrowserWindow>;
  /** Each window's connection to the core, by its webContents. */
  readonly connections: Map<number, Connection>;
  readonly gate: Gate;
}

/** A window for one screen role, hardened like every window of ours (see security.ts). */
export function openRoleWindow(
  host: WallHost,
  role: ScreenRole,
  bounds?: Rect,
  fullscreen = false,
): BrowserWindow {
  const win = new BrowserWindow({
    ...(bounds ?? { width: 1600, height: 960 }),
    fullscreen,
    backgroundColor: '#0b1620',
    title: 'Muster',
    webPreferences: {
      preload: host.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  host.windows.add(win);
  // The console screen logs in; a wall window this workstation opened itself shows its role only.
  const conn = role === 'map' ? host.gate.open() : host.gate.openLocalWall(role);
  const id = win.webContents.id;
  host.connections.set(id, conn);
  bindWindow(win, conn);
  win.on('closed', () => {
    host.windows.delete(win);
    host.connections.delete(id);
  });
  void win.loadFile(host.rendererIndex, { query: { role } });
  return win;
}

/** Reads the layout through the core and opens its windows; a failed read opens the console alone. */
export async function openWallWindows(host: WallHost, core: ConsoleApi): Promise<WindowPlan[]> {
  let screens: readonly WallScreen[];
  try {
    screens = (await core.getWallLayout()).screens;
  } catch (err) {
    console.error('wall layout not read, opening the console alone:', err);
    screens = [{ displayId: PRIMARY_DISPLAY, role: 'map' }];
  }
  const plan = planWallWindows(
    screens,
    screen.getAllDisplays().map((d) => ({ id: String(d.id), bounds: d.bounds })),
    String(screen.getPrimaryDisplay().id),
  );
  for (const note of plan.notes) console.warn('video wall:', note);
  for (const w of plan.windows) openRoleWindow(host, w.role, w.bounds, w.fullscreen);
  return [...plan.windows];
}
