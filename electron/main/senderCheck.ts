// Type-only import of electron: this module is unit-tested under plain Node.
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { pathToFileURL } from 'node:url';

/**
 * Only our own renderer page, in one of our windows, may call the core. Anything else (a
 * navigated-away frame, an iframe, a window we did not open) is refused.
 */
export function makeSenderCheck(rendererIndex: string, isOurs: (wc: WebContents) => boolean) {
  const expected = pathToFileURL(rendererIndex).href;
  return (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false; // top-level frame only, never an iframe
    return isOurs(event.sender) && frame.url.split(/[?#]/)[0] === expected;
  };
}

/**
 * "One of our windows", read live from the set the host keeps: every wall window counts while it
 * is open, and a closed one (removed from the set) stops counting at once.
 */
export function ownedBy(
  windows: ReadonlySet<{ readonly webContents: WebContents }>,
): (wc: WebContents) => boolean {
  return (wc) => {
    for (const w of windows) if (w.webContents === wc) return true;
    return false;
  };
}
