import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { eventNames, IPC_EVENT, IPC_INVOKE } from '../../shared/contract/ConsoleApi';
import { dispatchCommand } from '../../shared/contract/commandArgs';
import type { Connection } from '../core/auth/Connection';

/**
 * Serves ConsoleApi over IPC: every call is sender-checked, its arguments parsed, and it runs on
 * the connection of the window that sent it, so the core checks that window's caller (the
 * operator logged in there, or the wall role it shows).
 */
export function attachIpcAdapter(
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
  connectionOf: (sender: WebContents) => Connection | undefined,
): () => void {
  ipcMain.handle(IPC_INVOKE, async (event, name: unknown, args: unknown) => {
    if (!isTrustedSender(event)) throw new Error(`refused ${String(name)}: untrusted sender`);
    const api = connectionOf(event.sender)?.api(undefined);
    if (!api) throw new Error(`refused ${String(name)}: this window has no connection`);
    return dispatchCommand(api, name, args);
  });
  return () => ipcMain.removeHandler(IPC_INVOKE);
}

/** Sends one window its connection's events (and no other window's); undone when it closes. */
export function bindWindow(win: BrowserWindow, conn: Connection): void {
  const api = conn.api(undefined);
  if (!api) return;
  const offs = eventNames.map((name) =>
    api.on(name, (payload) => {
      if (!win.isDestroyed()) win.webContents.send(IPC_EVENT, name, payload);
    }),
  );
  win.on('closed', () => {
    for (const off of offs) off();
    conn.close();
  });
}
