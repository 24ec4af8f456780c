import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { makeSenderCheck, ownedBy } from '../../electron/main/senderCheck';

const INDEX = '/opt/muster/out/renderer/index.html';
const ours = { id: 1 } as unknown as WebContents;
const stranger = { id: 2 } as unknown as WebContents;
const check = makeSenderCheck(INDEX, (wc) => wc === ours);

function event(sender: WebContents, url: string | undefined, parent: unknown = null) {
  const senderFrame = url === undefined ? null : { url, parent };
  return { sender, senderFrame } as unknown as IpcMainInvokeEvent;
}

describe('IPC sender check', () => {
  const page = pathToFileURL(INDEX).href;

  it('accepts our renderer page in our window, with or without query and hash', () => {
    expect(check(event(ours, page))).toBe(true);
    expect(check(event(ours, `${page}?role=map#x`))).toBe(true);
  });

  it.each([
    ['another window', event(stranger, page)],
    ['a page navigated elsewhere', event(ours, 'https://evil.example/')],
    ['another local file', event(ours, pathToFileURL('/tmp/index.html').href)],
    ['a look-alike path', event(ours, `${page}.evil.html`)],
    ['an iframe of our page', event(ours, page, { url: page })],
    ['a frame that is gone', event(ours, undefined)],
  ])('refuses %s', (_what, e) => {
    expect(check(e)).toBe(false);
  });
});

describe('IPC sender check over a set of windows (video wall)', () => {
  const page = pathToFileURL(INDEX).href;
  const map = { webContents: { id: 11 } as unknown as WebContents };
  const kpi = { webContents: { id: 12 } as unknown as WebContents };
  const later = { webContents: { id: 13 } as unknown as WebContents };

  it('accepts every window in the set, each with its role query', () => {
    const windows = new Set([map, kpi]);
    const wallCheck = makeSenderCheck(INDEX, ownedBy(windows));
    expect(wallCheck(event(map.webContents, `${page}?role=map`))).toBe(true);
    expect(wallCheck(event(kpi.webContents, `${page}?role=kpi`))).toBe(true);
    expect(wallCheck(event(later.webContents, `${page}?role=units`))).toBe(false);
    expect(wallCheck(event(kpi.webContents, 'https://evil.example/?role=kpi'))).toBe(false);
  });

  it('follows the set live: an added window counts, a closed (removed) one stops counting', () => {
    const windows = new Set([map]);
    const wallCheck = makeSenderCheck(INDEX, ownedBy(windows));
    windows.add(later);
    expect(wallCheck(event(later.webContents, page))).toBe(true);
    windows.delete(map);
    expect(wallCheck(event(map.webContents, page))).toBe(false);
    expect(wallCheck(event(later.webContents, page))).toBe(true);
  });
});
