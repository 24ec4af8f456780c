// The operators enrolled on this console and the check of their password, at login and when a
// supervisor countersigns (会签) on a commander's screen. Passwords are kept only as scrypt hashes.
// The fifth wrong password in a row locks the name for 15 minutes from that failure; the count and
// the lock are in the store, so a restart does not lift them. An unknown name is counted the same
// way, and costs the same time, so failures do not tell which names exist.
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import {
  LOGIN_LOCK_MS,
  LOGIN_MAX_FAILURES,
  normaliseOperatorName,
  OPERATOR_NAME_MAX,
  OPERATOR_ROLES,
  PASSWORD_MAX,
  PASSWORD_MIN,
  type OperatorEntry,
  type OperatorRole,
} from '../../../shared/domain/operators';

/** scrypt cost (N = 2^14, r 8, p 1: ~50 ms and 16 MB per check, the Node default). */
const COST_N = 16_384;
const KEY_LEN = 32;
const SALT_LEN = 16;
const DUMMY_SALT = Buffer.alloc(SALT_LEN);

export type PasswordVerdict =
  | { readonly ok: true; readonly name: string; readonly role: OperatorRole }
  | { readonly ok: false; readonly reason: 'unknown'; readonly name: string }
  | {
      readonly ok: false;
      readonly reason: 'wrong-password';
      readonly name: string;
      readonly triesLeft: number;
    }
  | {
      readonly ok: false;
      readonly reason: 'locked';
      readonly name: string;
      readonly untilMs: number;
    };

/** Throws a plain reason when a name cannot be enrolled. */
export function checkOperatorName(raw: string): string {
  const name = normaliseOperatorName(raw);
  if (name === '') throw new Error('an operator needs a name');
  if ([...name].length > OPERATOR_NAME_MAX)
    throw new Error(`a name has at most ${OPERATOR_NAME_MAX} characters`);
  if (/\p{Cc}/u.test(name)) throw new Error('a name may not hold control characters');
  return name;
}

export function checkPassword(password: string): void {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw new Error(`a password has ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`);
  }
}

export function checkRole(raw: string): OperatorRole {
  const role = OPERATOR_ROLES.find((r) => r === raw);
  if (!role) throw new Error(`a role is one of ${OPERATOR_ROLES.join(', ')}, not ${raw}`);
  return role;
}

interface OperatorRow {
  name: string;
  role: string;
  salt: Buffer;
  hash: Buffer;
  cost_n: number;
  enrolled_ms: number;
  enrolled_by: string;
}

interface LockRow {
  failures: number;
  locked_until_ms: number | null;
}

const deriveAsync = (password: string, salt: Buffer, n: number): Promise<Buffer> =>
  new Promise((done, fail) =>
    scrypt(password, salt, KEY_LEN, { N: n, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? fail(err) : done(key),
    ),
  );
const deriveSync = (password: string, salt: Buffer, n: number): Buffer =>
  scryptSync(password, salt, KEY_LEN, { N: n, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });

export class OperatorBook {
  private readonly selectOne: Database.Statement<[string], OperatorRow>;
  private readonly selectAll: Database.Statement<[], OperatorRow>;
  private readonly upsert: Database.Statement<
    [string, string, Buffer, Buffer, number, number, string]
  >;
  private readonly deleteOne: Database.Statement<[string]>;
  private readonly selectLock: Database.Statement<[string], LockRow>;
  private readonly selectLocks: Database.Statement<[number], { name: string; until: number }>;
  private readonly writeLock: Database.Statement<[string, number, number, number | null]>;
  private readonly clearLock: Database.Statement<[string]>;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.selectOne = db.prepare('SELECT * FROM operator WHERE name = ?');
    this.selectAll = db.prepare('SELECT * FROM operator ORDER BY role, name');
    this.upsert = db.prepare(
      `INSERT INTO operator (name, role, salt, hash, cost_n, enrolled_ms, enrolled_by)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET role = excluded.role, salt = excluded.salt,
         hash = excluded.hash, cost_n = excluded.cost_n, enrolled_ms = excluded.enrolled_ms,
         enrolled_by = excluded.enrolled_by`,
    );
    this.deleteOne = db.prepare('DELETE FROM operator WHERE name = ?');
    this.selectLock = db.prepare('SELECT failures, locked_until_ms FROM login_lock WHERE name = ?');
    this.selectLocks = db.prepare(
      'SELECT name, locked_until_ms AS until FROM login_lock WHERE locked_until_ms > ?',
    );
    this.writeLock = db.prepare(
      `INSERT INTO login_lock (name, failures, last_failure_ms, locked_until_ms) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET failures = excluded.failures,
         last_failure_ms = excluded.last_failure_ms, locked_until_ms = excluded.locked_until_ms`,
    );
    this.clearLock = db.prepare('DELETE FROM login_lock WHERE name = ?');
  }

  /** Enrols an operator, or gives one a new role and password (and lifts a lock). */
  enrol(rawName: string, role: OperatorRole, password: string, by: string): OperatorEntry {
    const name = checkOperatorName(rawName);
    checkRole(role);
    checkPassword(password);
    const salt = randomBytes(SALT_LEN);
    const hash = deriveSync(password, salt, COST_N);
    const enrolledMs = this.now();
    this.db.transaction(() => {
      this.upsert.run(name, role, salt, hash, COST_N, enrolledMs, by);
      this.clearLock.run(name);
    })();
    return { name, role, enrolledMs, enrolledBy: by };
  }

  /** True when the name was enrolled. */
  remove(rawName: string): boolean {
    const name = normaliseOperatorName(rawName);
    return this.db.transaction(() => {
      this.clearLock.run(name);
      return this.deleteOne.run(name).changes > 0;
    })();
  }

  list(): OperatorEntry[] {
    const locks = new Map(this.selectLocks.all(this.now()).map((l) => [l.name, l.until]));
    return this.selectAll.all().map((r) => {
      const until = locks.get(r.name);
      return {
        name: r.name,
        role: checkRole(r.role),
        enrolledMs: r.enrolled_ms,
        enrolledBy: r.enrolled_by,
        ...(until === undefined ? {} : { lockedUntilMs: until }),
      };
    });
  }

  roleOf(rawName: string): OperatorRole | undefined {
    const r = this.selectOne.get(normaliseOperatorName(rawName));
    return r ? checkRole(r.role) : undefined;
  }

  namesWith(role: OperatorRole): string[] {
    return this.list()
      .filter((o) => o.role === role)
      .map((o) => o.name);
  }

  /** Checks a login off the event loop's critical path (scrypt runs on the thread pool). */
  async verify(rawName: string, password: string): Promise<PasswordVerdict> {
    const name = normaliseOperatorName(rawName);
    const locked = this.lockedUntil(name);
    if (locked !== undefined) return { ok: false, reason: 'locked', name, untilMs: locked };
    const row = this.selectOne.get(name);
    const given = await deriveAsync(password, row?.salt ?? DUMMY_SALT, row?.cost_n ?? COST_N);
    return this.judge(name, row, given);
  }

  /** The same check, synchronous: a countersign is checked inside the approval it signs. */
  verifySync(rawName: string, password: string): PasswordVerdict {
    const name = normaliseOperatorName(rawName);
    const locked = this.lockedUntil(name);
    if (locked !== undefined) return { ok: false, reason: 'locked', name, untilMs: locked };
    const row = this.selectOne.get(name);
    return this.judge(
      name,
      row,
      deriveSync(password, row?.salt ?? DUMMY_SALT, row?.cost_n ?? COST_N),
    );
  }

  private lockedUntil(name: string): number | undefined {
    const l = this.selectLock.get(name);
    return l?.locked_until_ms != null && l.locked_until_ms > this.now()
      ? l.locked_until_ms
      : undefined;
  }

  private judge(name: string, row: OperatorRow | undefined, given: Buffer): PasswordVerdict {
    const nowMs = this.now();
    // Read again: another check may have counted a failure while scrypt ran.
    const lock = this.selectLock.get(name);
    if (lock?.locked_until_ms != null && lock.locked_until_ms > nowMs) {
      return { ok: false, reason: 'locked', name, untilMs: lock.locked_until_ms };
    }
    if (row && row.hash.length === given.length && timingSafeEqual(row.hash, given)) {
      this.clearLock.run(name);
      return { ok: true, name, role: checkRole(row.role) };
    }
    // A lock that has run out starts the count again.
    const before = lock && lock.locked_until_ms === null ? lock.failures : 0;
    const failures = before + 1;
    const until = failures >= LOGIN_MAX_FAILURES ? nowMs + LOGIN_LOCK_MS : null;
    this.writeLock.run(name, failures, nowMs, until);
    if (until !== null) return { ok: false, reason: 'locked', name, untilMs: until };
    if (!row) return { ok: false, reason: 'unknown', name };
    return { ok: false, reason: 'wrong-password', name, triesLeft: LOGIN_MAX_FAILURES - failures };
  }
}
