import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import {
  eventNames,
  IPC_EVENT,
  IPC_INVOKE,
  type ConsoleApi,
} from '../../shared/contract/ConsoleApi';
import { dispatchCommand } from '../../shared/contract/commandArgs';

/** Serves ConsoleApi over IPC: every call is sender-checked and its arguments parsed. */
export function attachIpcAdapter(
  api: ConsoleApi,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
  windows: () => readonly BrowserWindow[],
): () => void {
  ipcMain.handle(IPC_INVOKE, async (event, name: unknown, args: unknown) => {
    if (!isTrustedSender(event)) throw new Error(`refused ${String(name)}: untrusted sender`);
    return dispatchCommand(api, name, args);
  });
  const disposers = eventNames.map((name) =>
    api.on(name, (payload) => {
      for (const w of windows()) if (!w.isDestroyed()) w.webContents.send(IPC_EVENT, name, payload);
    }),
  );
  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    for (const d of disposers) d();
  };
}
