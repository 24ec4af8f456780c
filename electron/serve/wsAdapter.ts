import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { type ConsoleApi, eventNames } from '../../shared/contract/ConsoleApi';
import { dispatchCommand } from '../../shared/contract/commandArgs';
import { encodeFrame } from '../../shared/contract/frameCodec';
import {
  callMessage,
  offeredToken,
  SESSION_PARAM,
  CLOSE_TOKEN_REFUSED,
  WS_PATH,
  WS_PROTOCOL,
} from '../../shared/contract/wsProtocol';

/** A client this far behind is cut off; it reconnects and reloads a fresh snapshot. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
const MAX_MESSAGE_BYTES = 64 * 1024;

export function tokenMatches(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const TOKEN_REFUSAL = 'missing or wrong token';

const sameOrigin = (req: IncomingMessage): boolean =>
  req.headers.origin === undefined || req.headers.origin === `http://${req.headers.host ?? ''}`;

/** Refuses upgrades without the token, or from a page of another origin (cross-site WebSocket). */
export function checkUpgrade(req: IncomingMessage, token: string): string | undefined {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== WS_PATH) return 'unknown path';
  const offered = offeredToken(req.headers['sec-websocket-protocol']);
  if (!tokenMatches(token, offered)) return TOKEN_REFUSAL;
  if (!sameOrigin(req)) return `origin ${req.headers.origin ?? ''} not allowed`;
  return undefined;
}

/** A page of ours (same origin, speaking the protocol) whose token is no longer right. */
function staleToken(req: IncomingMessage, refusal: string): boolean {
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  return refusal === TOKEN_REFUSAL && sameOrigin(req) && offered.includes(WS_PROTOCOL);
}

/** Which api serves a screen: live when `sessionId` is undefined; undefined for an unknown session. */
export type SessionApis = (sessionId: string | undefined) => ConsoleApi | undefined;

interface Group {
  readonly clients: Set<WebSocket>;
  readonly dispose: () => void;
}

/**
 * Serves ConsoleApi over WebSocket: JSON calls and events, units frames as binary messages. Each
 * socket is bound at its upgrade to one session (`?session=` on the socket URL, live without it);
 * it gets that session's events only, so an exercise's never reach a live screen.
 */
export function attachWsAdapter(server: Server, apis: SessionApis, token: string): () => void {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    // Browsers refuse a connection whose server picks none of the offered subprotocols.
    handleProtocols: (offered) => (offered.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  const groups = new Map<ConsoleApi, Group>();

  const join = (api: ConsoleApi, ws: WebSocket): void => {
    let g = groups.get(api);
    if (!g) {
      const clients = new Set<WebSocket>();
      const disposers = eventNames.map((name) =>
        api.on(name, (payload) => {
          const msg =
            name === 'unitsFrame'
              ? encodeFrame(payload as Parameters<typeof encodeFrame>[0])
              : JSON.stringify({ t: 'event', name, payload });
          send(clients, msg);
        }),
      );
      g = { clients, dispose: () => disposers.forEach((d) => d()) };
      groups.set(api, g);
    }
    const group = g;
    group.clients.add(ws);
    ws.on('close', () => {
      group.clients.delete(ws);
      if (group.clients.size > 0) return;
      group.dispose();
      groups.delete(api);
    });
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = checkUpgrade(req, token);
    if (refusal && staleToken(req, refusal)) {
      // Opened only to be closed with a code the page can read: nothing is served on it.
      wss.handleUpgrade(req, socket, head, (ws) => ws.close(CLOSE_TOKEN_REFUSED, 'token refused'));
      return;
    }
    if (refusal) {
      socket.end(`HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\n\r\n${refusal}\n`);
      return;
    }
    const session = sessionOf(req);
    const api = apis(session);
    if (!api) {
      socket.end(
        `HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n\r\nunknown or ended session ${String(session)}\n`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      join(api, ws);
      ws.on('error', () => ws.terminate());
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        void handleCall(ws, api, data.toString());
      });
    });
  });

  return () => {
    for (const g of groups.values()) {
      g.dispose();
      for (const ws of g.clients) ws.terminate();
    }
    groups.clear();
    wss.close();
  };
}

function sessionOf(req: IncomingMessage): string | undefined {
  const v = new URL(req.url ?? '/', 'http://localhost').searchParams.get(SESSION_PARAM);
  return v === null || v === '' ? undefined : v;
}

function send(clients: ReadonlySet<WebSocket>, payload: string | ArrayBuffer): void {
  for (const ws of clients) {
    if (ws.readyState !== ws.OPEN) continue;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      ws.terminate();
      continue;
    }
    ws.send(payload);
  }
}

async function handleCall(ws: WebSocket, api: ConsoleApi, text: string): Promise<void> {
  let id = -1;
  try {
    const msg = callMessage.parse(JSON.parse(text));
    id = msg.id;
    const value = await dispatchCommand(api, msg.name, msg.args);
    ws.send(JSON.stringify({ t: 'result', id, ok: true, value }));
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ t: 'result', id, ok: false, error }));
  }
}
