import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { type ConsoleApi, eventNames } from '../../shared/contract/ConsoleApi';
import type { Gate } from '../core/auth/Gate';
import { dispatchCommand } from '../../shared/contract/commandArgs';
import { encodeFrame } from '../../shared/contract/frameCodec';
import {
  callMessage,
  offeredLogin,
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

/** The token offered, when it is the host's (an operator's browser) or a live wall token. */
export type TokenKind = 'host' | 'wall';

/**
 * Refuses upgrades without a valid token, or from a page of another origin (cross-site
 * WebSocket). The host's token opens the login; a wall token opens its one screen.
 */
export function checkUpgrade(
  req: IncomingMessage,
  token: string,
  isWallToken: (t: string) => boolean = () => false,
): { kind: TokenKind; token: string } | string {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== WS_PATH) return 'unknown path';
  const offered = offeredToken(req.headers['sec-websocket-protocol']);
  const kind: TokenKind | undefined = tokenMatches(token, offered)
    ? 'host'
    : offered !== null && isWallToken(offered)
      ? 'wall'
      : undefined;
  if (kind === undefined || offered === null) return TOKEN_REFUSAL;
  if (!sameOrigin(req)) return `origin ${req.headers.origin ?? ''} not allowed`;
  return { kind, token: offered };
}

/** A page of ours (same origin, speaking the protocol) whose token is no longer right. */
function staleToken(req: IncomingMessage, refusal: string): boolean {
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  return refusal === TOKEN_REFUSAL && sameOrigin(req) && offered.includes(WS_PROTOCOL);
}

/** The frame each units frame encodes to, shared by every socket that gets it. */
const encoded = new WeakMap<object, ArrayBuffer>();

function frameBytes(frame: Parameters<typeof encodeFrame>[0]): ArrayBuffer {
  let bytes = encoded.get(frame);
  if (!bytes) {
    bytes = encodeFrame(frame);
    encoded.set(frame, bytes);
  }
  return bytes;
}

/**
 * Serves ConsoleApi over WebSocket: JSON calls and events, units frames as binary messages. Each
 * socket is one screen's connection through the gate, bound at its upgrade to one session
 * (`?session=` on the socket URL, live without it): the core checks its caller on every call,
 * and it gets that session's events only, so an exercise's never reach a live screen.
 */
export function attachWsAdapter(server: Server, gate: Gate, token: string): () => void {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    // Browsers refuse a connection whose server picks none of the offered subprotocols.
    handleProtocols: (offered) => (offered.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  const sockets = new Set<WebSocket>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const checked = checkUpgrade(req, token, (t) => gate.wallToken(t) !== undefined);
    if (typeof checked === 'string' && staleToken(req, checked)) {
      // Opened only to be closed with a code the page can read: nothing is served on it.
      wss.handleUpgrade(req, socket, head, (ws) => ws.close(CLOSE_TOKEN_REFUSED, 'token refused'));
      return;
    }
    if (typeof checked === 'string') {
      socket.end(`HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\n\r\n${checked}\n`);
      return;
    }
    const conn = gate.open(
      checked.kind === 'wall'
        ? { wallToken: checked.token }
        : { resumeToken: offeredLogin(req.headers['sec-websocket-protocol']) },
    );
    const session = sessionOf(req);
    const api = conn.api(session);
    if (!api) {
      conn.close();
      socket.end(
        `HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n\r\nunknown or ended session ${String(session)}\n`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      const offs = eventNames.map((name) =>
        api.on(name, (payload) => {
          send(
            ws,
            name === 'unitsFrame'
              ? frameBytes(payload as Parameters<typeof encodeFrame>[0])
              : JSON.stringify({ t: 'event', name, payload }),
          );
        }),
      );
      // A revoked wall token: the screen is told its token is refused, as after a restart.
      offs.push(conn.onEnd(() => ws.close(CLOSE_TOKEN_REFUSED, 'token revoked')));
      ws.on('close', () => {
        sockets.delete(ws);
        for (const off of offs) off();
        conn.close();
      });
      ws.on('error', () => ws.terminate());
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        void handleCall(ws, api, data.toString());
      });
    });
  });

  return () => {
    for (const ws of sockets) ws.terminate();
    sockets.clear();
    wss.close();
  };
}

function sessionOf(req: IncomingMessage): string | undefined {
  const v = new URL(req.url ?? '/', 'http://localhost').searchParams.get(SESSION_PARAM);
  return v === null || v === '' ? undefined : v;
}

function send(ws: WebSocket, payload: string | ArrayBuffer): void {
  if (ws.readyState !== ws.OPEN) return;
  if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
    ws.terminate();
    return;
  }
  ws.send(payload);
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
