import { app, session, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { pathToFileURL } from 'node:url';

/** Blocks navigation, new windows, webviews and every permission request for all web contents. */
export function hardenWebContents(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (e) => e.preventDefault());
    contents.on('will-redirect', (e) => e.preventDefault());
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/**
 * Only our own renderer page, in one of our windows, may call the core. Anything else (a
 * navigated-away frame, a subframe of another origin) is refused.
 */
export function makeSenderCheck(rendererIndex: string, isOurs: (wc: WebContents) => boolean) {
  const expected = pathToFileURL(rendererIndex).href;
  return (event: IpcMainInvokeEvent): boolean => {
    const frameUrl = event.senderFrame?.url ?? '';
    return isOurs(event.sender) && frameUrl.split(/[?#]/)[0] === expected;
  };
}
