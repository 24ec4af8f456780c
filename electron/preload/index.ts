// Sandboxed preload: exposes ConsoleApi as window.muster and nothing else (no raw ipcRenderer).
import { contextBridge, ipcRenderer } from 'electron';
import { commandNames, IPC_EVENT, IPC_INVOKE, isEventName } from '../../shared/contract/ConsoleApi';

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(IPC_EVENT, (_event, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  for (const fn of listeners.get(name) ?? []) fn(payload);
});

const commands = Object.fromEntries(
  commandNames.map((name) => [
    name,
    (...args: unknown[]) => ipcRenderer.invoke(IPC_INVOKE, name, args),
  ]),
);

contextBridge.exposeInMainWorld('muster', {
  ...commands,
  on(name: unknown, fn: unknown): () => void {
    if (!isEventName(name) || typeof fn !== 'function')
      throw new Error(`unknown event ${String(name)}`);
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    set.add(fn as Listener);
    return () => {
      set.delete(fn as Listener);
    };
  },
});
