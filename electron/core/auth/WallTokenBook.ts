// Read-only tokens for wall screens, issued and revoked by an administrator. A token names one
// screen role; the wall PC opens the console with it and can only show that screen. The secret is
// 24 random bytes shown once; the store keeps its SHA-256 (guessing 192 bits is out of reach, so a
// slow hash buys nothing, and every reconnect of a wall costs one lookup).
import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { IssuedWallToken, WallTokenEntry } from '../../../shared/domain/operators';
import { SCREEN_ROLES, type ScreenRole } from '../../../shared/domain/wall';

interface TokenRow {
  id: string;
  screen: string;
  label: string;
  issued_ms: number;
  issued_by: string;
  revoked_ms: number | null;
}

const digestOf = (token: string): Buffer => createHash('sha256').update(token).digest();

function entryOf(r: TokenRow): WallTokenEntry {
  const screen = SCREEN_ROLES.find((s) => s === r.screen) ?? 'map';
  return {
    id: r.id,
    screen,
    label: r.label,
    issuedMs: r.issued_ms,
    issuedBy: r.issued_by,
    ...(r.revoked_ms === null ? {} : { revokedMs: r.revoked_ms }),
  };
}

export class WallTokenBook {
  private readonly insert: Database.Statement<[string, string, string, Buffer, number, string]>;
  private readonly byDigest: Database.Statement<[Buffer], TokenRow>;
  private readonly byId: Database.Statement<[string], TokenRow>;
  private readonly all: Database.Statement<[], TokenRow>;
  private readonly revoke_: Database.Statement<[number, string]>;

  constructor(
    db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.insert = db.prepare(
      `INSERT INTO wall_token (id, screen, label, digest, issued_ms, issued_by)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.byDigest = db.prepare('SELECT * FROM wall_token WHERE digest = ?');
    this.byId = db.prepare('SELECT * FROM wall_token WHERE id = ?');
    this.all = db.prepare('SELECT * FROM wall_token ORDER BY issued_ms DESC');
    this.revoke_ = db.prepare(
      'UPDATE wall_token SET revoked_ms = ? WHERE id = ? AND revoked_ms IS NULL',
    );
  }

  issue(screen: ScreenRole, label: string, by: string): IssuedWallToken {
    const token = randomBytes(24).toString('base64url');
    const id = `wall-${randomBytes(4).toString('hex')}`;
    const issuedMs = this.now();
    const name = label.trim() === '' ? screen : label.trim();
    this.insert.run(id, screen, name, digestOf(token), issuedMs, by);
    return { id, screen, label: name, issuedMs, issuedBy: by, token };
  }

  /** The live token this secret belongs to; undefined for an unknown or revoked one. */
  find(token: string): WallTokenEntry | undefined {
    const r = this.byDigest.get(digestOf(token));
    return r && r.revoked_ms === null ? entryOf(r) : undefined;
  }

  isLive(id: string): boolean {
    const r = this.byId.get(id);
    return r !== undefined && r.revoked_ms === null;
  }

  list(): WallTokenEntry[] {
    return this.all.all().map(entryOf);
  }

  /** Revokes a token; refuses an unknown or already revoked one. */
  revoke(id: string): WallTokenEntry {
    const changed = this.revoke_.run(this.now(), id).changes;
    const r = this.byId.get(id);
    if (!r) throw new Error(`unknown wall token ${id}`);
    if (changed === 0) throw new Error(`wall token ${id} is already revoked`);
    return entryOf(r);
  }
}
