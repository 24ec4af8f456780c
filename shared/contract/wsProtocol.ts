import { z } from 'zod';

// Text messages of the WebSocket transport. Units frames travel as binary messages (frameCodec).

export const callMessage = z.object({
  t: z.literal('call'),
  id: z.number().int().nonnegative(),
  name: z.string().max(64),
  args: z.array(z.unknown()).max(16),
});
export type CallMessage = z.infer<typeof callMessage>;

export const serverMessage = z.union([
  // A command that answers nothing (Promise<void>) sends no `value`: JSON leaves undefined out.
  z.object({
    t: z.literal('result'),
    id: z.number(),
    ok: z.literal(true),
    value: z.unknown().optional(),
  }),
  z.object({ t: z.literal('result'), id: z.number(), ok: z.literal(false), error: z.string() }),
  z.object({ t: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);
export type ServerMessage = z.infer<typeof serverMessage>;

/** Path of the WebSocket endpoint on the headless host. */
export const WS_PATH = '/api';
/** Query parameter (of the page and of the socket URL) naming the session a screen shows. */
export const SESSION_PARAM = 'session';

// The access token travels as a WebSocket subprotocol, not in the URL, so it never appears in
// logs that print socket URLs (Chromium's console does when the host is down).
export const WS_PROTOCOL = 'muster.v1';
const TOKEN_PROTOCOL_PREFIX = 'muster.token.';
/** A login the screen resumes after a reconnect or a reload (LoginResult.resumeToken). */
const LOGIN_PROTOCOL_PREFIX = 'muster.login.';
/** Tokens must be valid subprotocol values: base64url characters only. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,256}$/;

/**
 * Close code for a socket whose token is wrong (the console restarted with a new one): a browser
 * cannot read the status of a refused upgrade, so the host completes it and closes with this, and
 * the page can say exactly that instead of "reconnecting" forever.
 */
export const CLOSE_TOKEN_REFUSED = 4401;

export function wsProtocols(token: string, resumeToken?: string): string[] {
  const p = [WS_PROTOCOL, TOKEN_PROTOCOL_PREFIX + token];
  if (resumeToken !== undefined && TOKEN_PATTERN.test(resumeToken)) {
    p.push(LOGIN_PROTOCOL_PREFIX + resumeToken);
  }
  return p;
}

/** The login offered for resuming, or undefined. */
export function offeredLogin(header: string | undefined): string | undefined {
  const t = (header ?? '')
    .split(',')
    .map((p) => p.trim())
    .find((p) => p.startsWith(LOGIN_PROTOCOL_PREFIX));
  return t === undefined ? undefined : t.slice(LOGIN_PROTOCOL_PREFIX.length);
}

/** The token offered in a Sec-WebSocket-Protocol header, or null. */
export function offeredToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const offered = header.split(',').map((p) => p.trim());
  if (!offered.includes(WS_PROTOCOL)) return null;
  const t = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX));
  return t === undefined ? null : t.slice(TOKEN_PROTOCOL_PREFIX.length);
}
