import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { SessionInfo, SessionKind } from '../../../shared/domain/session';

const BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';

/** 10 characters of Crockford-style base32: 50 random bits. */
export function randomTag(): string {
  const bytes = randomBytes(10);
  let out = '';
  for (const b of bytes) out += BASE32[b & 31];
  return out;
}

/** A fresh session id: lv-, ex- or rp- and 10 random base32 characters. */
export function newSessionId(kind: SessionKind): string {
  return `${kind === 'live' ? 'lv' : kind === 'exercise' ? 'ex' : 'rp'}-${randomTag()}`;
}

interface Row {
  session_id: string;
  kind: SessionKind;
  name: string;
  created_ms: number;
}

/**
 * The session a store belongs to, made the first time the store is opened: a store is one
 * session for its whole life (the live store stays the live session across restarts). A store of
 * another kind is refused: an exercise's file must never be opened as live.
 */
export function sessionOfStore(
  db: Database.Database,
  want: { readonly kind: SessionKind; readonly name: string; readonly id?: string },
  nowMs: number,
): SessionInfo & { readonly createdMs: number } {
  const row = db
    .prepare<[], Row>('SELECT session_id, kind, name, created_ms FROM session_meta WHERE id = 1')
    .get();
  if (row) {
    if (row.kind !== want.kind) {
      throw new Error(
        `${db.name} holds ${row.kind} session ${row.session_id}, not a ${want.kind} session`,
      );
    }
    return { id: row.session_id, kind: row.kind, name: row.name, createdMs: row.created_ms };
  }
  const id = want.id ?? newSessionId(want.kind);
  db.prepare(
    'INSERT INTO session_meta (id, session_id, kind, name, created_ms) VALUES (1, ?, ?, ?, ?)',
  ).run(id, want.kind, want.name, nowMs);
  return { id, kind: want.kind, name: want.name, createdMs: nowMs };
}
