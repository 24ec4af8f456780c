// The logins screens resume after a reload, a reconnect or a console restart: the SHA-256 of each
// resume token (192 random bits, so a fast hash is enough) with its operator and role. A login
// lasts one shift (LOGIN_SESSION_MS) from the log-in, and ends at log-out, when the operator is
// removed, or when their role or password changes.
import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Caller } from '../../../shared/domain/operators';
import { checkRole } from './OperatorBook';

type OperatorCaller = Extract<Caller, { kind: 'operator' }>;

/** A shift and a margin: a login older than this asks for the password again. */
export const LOGIN_SESSION_MS = 14 * 3_600_000;

const digestOf = (token: string): Buffer => createHash('sha256').update(token).digest();

export class LoginSessions {
  private readonly insert: Database.Statement<[Buffer, string, string, number]>;
  private readonly select: Database.Statement<
    [Buffer],
    { name: string; role: string; issued_ms: number }
  >;
  private readonly deleteOne: Database.Statement<[Buffer]>;
  private readonly deleteName: Database.Statement<[string]>;
  private readonly prune: Database.Statement<[number]>;

  constructor(
    db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.insert = db.prepare(
      'INSERT INTO login_session (digest, name, role, issued_ms) VALUES (?, ?, ?, ?)',
    );
    this.select = db.prepare('SELECT name, role, issued_ms FROM login_session WHERE digest = ?');
    this.deleteOne = db.prepare('DELETE FROM login_session WHERE digest = ?');
    this.deleteName = db.prepare('DELETE FROM login_session WHERE name = ?');
    this.prune = db.prepare('DELETE FROM login_session WHERE issued_ms <= ?');
  }

  /** A new login's resume token (shown to its screen only). */
  open(caller: OperatorCaller): string {
    this.prune.run(this.now() - LOGIN_SESSION_MS);
    const token = randomBytes(24).toString('base64url');
    this.insert.run(digestOf(token), caller.name, caller.role, this.now());
    return token;
  }

  /** The operator a resume token stands for, while it is valid. */
  resume(token: string): OperatorCaller | undefined {
    const r = this.select.get(digestOf(token));
    if (!r || r.issued_ms <= this.now() - LOGIN_SESSION_MS) return undefined;
    return { kind: 'operator', name: r.name, role: checkRole(r.role) };
  }

  close(token: string): void {
    this.deleteOne.run(digestOf(token));
  }

  closeAll(name: string): void {
    this.deleteName.run(name);
  }
}
