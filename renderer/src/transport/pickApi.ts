import type { ConsoleApi } from '../../../shared/contract/ConsoleApi';
import { commandNames } from '../../../shared/contract/ConsoleApi';
import { SESSION_PARAM } from '../../../shared/contract/wsProtocol';
import {
  createWsApi,
  wsUrl,
  type WebSocketCtor,
  type WsConsoleApi,
} from '../../../shared/contract/wsClient';

// The same bundle runs in Electron (window.muster from the preload) and in a browser talking to the
// headless host over WebSocket. Everything the choice depends on comes in through PickEnv, so the
// decision is testable without a DOM.

export const TOKEN_PARAM = 'token';
export const TOKEN_STORAGE_KEY = 'muster.token';
/** The login this tab resumes after a reload (sessionStorage: it ends with the tab). */
export const LOGIN_STORAGE_KEY = 'muster.login';

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface TokenEnv {
  readonly href: string;
  /** sessionStorage; undefined when the browser refuses storage. */
  readonly storage: StorageLike | undefined;
  /** history.replaceState with the given URL, so the token leaves the address bar. */
  readonly replaceUrl: (url: string) => void;
}

export interface PickEnv extends TokenEnv {
  /** window.muster as found: exposed by the Electron preload, absent in a browser. */
  readonly muster: unknown;
  readonly origin: string;
  readonly WebSocket: WebSocketCtor;
}

export type PickedApi =
  | { readonly kind: 'ipc'; readonly api: ConsoleApi }
  | { readonly kind: 'ws'; readonly api: WsConsoleApi }
  | { readonly kind: 'no-token' };

/**
 * Takes the token from `?token=` (storing it for reloads and removing it from the address bar, so it
 * is not left readable on a wall screen) or, failing that, from session storage.
 */
export function takeToken(env: TokenEnv): string | undefined {
  const url = new URL(env.href);
  const fromUrl = url.searchParams.get(TOKEN_PARAM);
  if (fromUrl !== null) {
    url.searchParams.delete(TOKEN_PARAM);
    env.replaceUrl(url.toString());
    if (fromUrl !== '') {
      try {
        env.storage?.setItem(TOKEN_STORAGE_KEY, fromUrl);
      } catch {
        // Storage refused: the token still works for this page load.
      }
      return fromUrl;
    }
  }
  try {
    const stored = env.storage?.getItem(TOKEN_STORAGE_KEY);
    return stored ? stored : undefined;
  } catch {
    return undefined;
  }
}

export function isConsoleApi(value: unknown): value is ConsoleApi {
  if (typeof value !== 'object' || value === null) return false;
  const api = value as Record<string, unknown>;
  return typeof api['on'] === 'function' && commandNames.every((n) => typeof api[n] === 'function');
}

export function pickApi(env: PickEnv): PickedApi {
  if (env.muster !== undefined) {
    if (!isConsoleApi(env.muster)) {
      throw new Error('window.muster is present but is not a ConsoleApi (preload mismatch?)');
    }
    return { kind: 'ipc', api: env.muster };
  }
  const token = takeToken(env);
  if (token === undefined) return { kind: 'no-token' };
  const storage = env.storage;
  return {
    kind: 'ws',
    api: createWsApi(wsUrl(env.origin, sessionOfPage(env.href)), token, env.WebSocket, {
      get: () => {
        try {
          return storage?.getItem(LOGIN_STORAGE_KEY) ?? undefined;
        } catch {
          return undefined;
        }
      },
      set: (t) => {
        try {
          if (t === undefined) storage?.removeItem(LOGIN_STORAGE_KEY);
          else storage?.setItem(LOGIN_STORAGE_KEY, t);
        } catch {
          // Storage refused: the login holds until the page reloads.
        }
      },
    }),
  };
}

/** The session the page shows (`?session=`, kept in the address bar: it is not a secret). */
export function sessionOfPage(href: string): string | undefined {
  const v = new URL(href).searchParams.get(SESSION_PARAM);
  return v === null || v === '' ? undefined : v;
}
