import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import {
  eventNames,
  IPC_EVENT,
  IPC_INVOKE,
  isCommandName,
  type ConsoleApi,
} from '../../shared/contract/ConsoleApi';
import { parseCommandArgs } from '../../shared/contract/commandArgs';

/** Serves ConsoleApi over IPC: every call is sender-checked and its arguments parsed. */
export function attachIpcAdapter(
  api: ConsoleApi,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
  windows: () => readonly BrowserWindow[],
): () => void {
  ipcMain.handle(IPC_INVOKE, async (event, name: unknown, args: unknown) => {
    if (!isTrustedSender(event)) throw new Error(`refused ${String(name)}: untrusted sender`);
    if (!isCommandName(name)) throw new Error(`unknown command ${JSON.stringify(name)}`);
    const parsed = parseCommandArgs(name, args);
    const fn = api[name] as (...a: unknown[]) => Promise<unknown>;
    return fn.apply(api, parsed);
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
