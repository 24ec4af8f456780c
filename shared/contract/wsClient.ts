import {
  commandNames,
  isEventName,
  type CommandName,
  type ConsoleApi,
  type ConsoleEvents,
  type EventName,
} from './ConsoleApi';
import { EventHub } from './emitter';
import { decodeFrame } from './frameCodec';
import {
  CLOSE_TOKEN_REFUSED,
  serverMessage,
  SESSION_PARAM,
  WS_PATH,
  wsProtocols,
} from './wsProtocol';

/** The subset of the WHATWG WebSocket this client needs (the browser's, or `ws` in Node tests). */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}
export type WebSocketCtor = new (url: string, protocols: string[]) => WebSocketLike;

/** 'refused': the host is up but no longer takes this page's token (it restarted with a new one). */
export type TransportState = 'connecting' | 'open' | 'closed' | 'refused';

export interface WsConsoleApi extends ConsoleApi {
  close(): void;
  onTransport(fn: (state: TransportState) => void): () => void;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

const OPEN = 1;
const CALL_TIMEOUT_MS = 15_000;

/**
 * An optional argument left out arrives as `undefined`, which JSON turns into null in an array:
 * drop trailing ones so the host sees the call as written (`approveSupport(id, units)`).
 */
export function withoutTrailingUndefined(args: readonly unknown[]): unknown[] {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end--;
  return args.slice(0, end);
}

/** The socket URL; `session` picks an exercise or replay (live when absent). */
export function wsUrl(base: string, session?: string): string {
  const u = new URL(WS_PATH, base);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  if (session !== undefined) u.searchParams.set(SESSION_PARAM, session);
  return u.toString();
}

/** Where a page keeps its login across reloads (sessionStorage in a browser). */
export interface LoginKeeper {
  get(): string | undefined;
  set(resumeToken: string | undefined): void;
}

const memoryKeeper = (): LoginKeeper => {
  let t: string | undefined;
  return { get: () => t, set: (v) => (t = v) };
};

/**
 * ConsoleApi over WebSocket. Reconnects with backoff when the host goes away (a wall PC must
 * recover by itself when the console restarts); calls made while disconnected wait for the link.
 * A login is kept (LoginKeeper) and offered again on every reconnect, so a blip or a reload does
 * not log the operator out; a log-out, or the console dropping the login, forgets it.
 */
export function createWsApi(
  url: string,
  token: string,
  WebSocketImpl: WebSocketCtor,
  login: LoginKeeper = memoryKeeper(),
): WsConsoleApi {
  const hub = new EventHub();
  const pending = new Map<number, Pending>();
  const transportListeners = new Set<(s: TransportState) => void>();
  const waiting: (() => void)[] = [];
  let nextId = 1;
  let socket: WebSocketLike | undefined;
  let closed = false;
  let backoffMs = 250;

  const setState = (s: TransportState): void => {
    for (const fn of transportListeners) fn(s);
  };

  const connect = (): void => {
    setState('connecting');
    const ws = new WebSocketImpl(url, wsProtocols(token, login.get()));
    ws.binaryType = 'arraybuffer';
    socket = ws;
    ws.onopen = () => {
      backoffMs = 250;
      setState('open');
      for (const go of waiting.splice(0)) go();
    };
    ws.onmessage = (ev) => handleMessage(ev.data);
    ws.onerror = () => undefined; // the close event that follows drives reconnection
    ws.onclose = (ev) => {
      for (const [id, p] of pending) {
        p.reject(new Error('connection to the console was lost [refused:console-link-lost]'));
        pending.delete(id);
      }
      const code = (ev as { code?: unknown } | null)?.code;
      // Still retried: a host restarted with the same fixed token (a wall's) takes it again.
      setState(code === CLOSE_TOKEN_REFUSED ? 'refused' : 'closed');
      if (closed) return;
      setTimeout(connect, backoffMs);
      backoffMs = Math.min(backoffMs * 2, 5_000);
    };
  };

  const handleMessage = (data: unknown): void => {
    if (typeof data !== 'string') {
      if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
        hub.emit('unitsFrame', decodeFrame(data));
      }
      return;
    }
    let parsed;
    try {
      parsed = serverMessage.safeParse(JSON.parse(data));
    } catch {
      console.warn('console sent a message that is not JSON; ignored');
      return;
    }
    if (!parsed.success) {
      console.warn('console sent an unexpected message; ignored', parsed.error.issues[0]);
      return;
    }
    const msg = parsed.data;
    if (msg.t === 'event') {
      if (
        msg.name === 'caller' &&
        (msg.payload as { kind?: unknown } | null)?.kind === 'anonymous'
      ) {
        login.set(undefined);
      }
      if (isEventName(msg.name)) hub.emit(msg.name, msg.payload as ConsoleEvents[EventName]);
      return;
    }
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.value);
    else p.reject(new Error(msg.error));
  };

  const whenOpen = (): Promise<void> =>
    socket?.readyState === OPEN ? Promise.resolve() : new Promise((r) => waiting.push(r));

  const call = async (name: CommandName, args: unknown[]): Promise<unknown> => {
    await whenOpen();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${name}: no answer from the console within ${CALL_TIMEOUT_MS} ms`));
      }, CALL_TIMEOUT_MS);
      pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      socket?.send(JSON.stringify({ t: 'call', id, name, args: withoutTrailingUndefined(args) }));
    });
  };

  connect();

  const commands = Object.fromEntries(
    commandNames.map((name) => [name, (...args: unknown[]) => call(name, args)]),
  ) as unknown as Pick<ConsoleApi, CommandName>;
  commands.login = async (name, password) => {
    const r = await call('login', [name, password]);
    login.set((r as { resumeToken: string }).resumeToken);
    return r as Awaited<ReturnType<ConsoleApi['login']>>;
  };
  commands.logout = async () => {
    login.set(undefined);
    await call('logout', []);
  };

  return {
    ...commands,
    on: (name, fn) => hub.on(name, fn),
    onTransport(fn) {
      transportListeners.add(fn);
      return () => transportListeners.delete(fn);
    },
    close() {
      closed = true;
      socket?.close();
    },
  };
}
