// Supervisors enrolled on this console and the check of a countersign (会签): a supervisor who is
// not at this workstation's login approves a grade that needs more than the operator's role by
// giving their name and PIN on the operator's screen. PINs are kept only as scrypt hashes; a
// name with too many wrong PINs in the window is locked, and the failures survive a restart.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';

/** 6–12 digits: typed on a command-room keyboard or keypad, long enough not to be guessed in 5 tries. */
export const PIN_PATTERN = /^\d{6,12}$/;
export const SUPERVISOR_NAME_MAX = 40;
/** Wrong PINs for one name within LOCK_WINDOW_MS before that name is locked. */
export const MAX_FAILURES = 5;
export const LOCK_WINDOW_MS = 15 * 60_000;

/** scrypt cost (N = 2^14, r 8, p 1: ~50 ms and 16 MB per check, the Node default). */
const COST_N = 16_384;
const KEY_LEN = 32;
const SALT_LEN = 16;
/** Hashed for an unknown name so that a miss takes as long as a wrong PIN. */
const DUMMY_SALT = Buffer.alloc(SALT_LEN);

export type CountersignVerdict =
  | { readonly ok: true; readonly name: string }
  | { readonly ok: false; readonly reason: 'unknown'; readonly name: string }
  | {
      readonly ok: false;
      readonly reason: 'wrong-pin';
      readonly name: string;
      readonly triesLeft: number;
    }
  | {
      readonly ok: false;
      readonly reason: 'locked';
      readonly name: string;
      readonly untilMs: number;
    };

export interface EnrolledSupervisor {
  readonly name: string;
  readonly enrolledMs: number;
}

/** The one spelling a name is stored and compared in: trimmed, Unicode NFC, inner spaces single. */
export function normaliseSupervisorName(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** Throws a plain reason when a name cannot be enrolled. */
export function checkSupervisorName(raw: string): string {
  const name = normaliseSupervisorName(raw);
  if (name === '') throw new Error('a supervisor needs a name');
  if ([...name].length > SUPERVISOR_NAME_MAX)
    throw new Error(`a supervisor name has at most ${SUPERVISOR_NAME_MAX} characters`);
  if (/\p{Cc}/u.test(name)) throw new Error('a supervisor name may not hold control characters');
  return name;
}

export function checkPin(pin: string): void {
  if (!PIN_PATTERN.test(pin)) throw new Error('a PIN is 6 to 12 digits');
}

const hashPin = (pin: string, salt: Buffer, n: number): Buffer =>
  scryptSync(pin, salt, KEY_LEN, { N: n, r: 8, p: 1 });

interface SupervisorRow {
  salt: Buffer;
  hash: Buffer;
  cost_n: number;
}

export class SupervisorBook {
  private readonly selectOne: Database.Statement<[string], SupervisorRow>;
  private readonly selectAll: Database.Statement<[], { name: string; enrolled_ms: number }>;
  private readonly upsert: Database.Statement<[string, Buffer, Buffer, number, number]>;
  private readonly deleteOne: Database.Statement<[string]>;
  private readonly failuresSince: Database.Statement<
    [string, number],
    { n: number; first: number | null }
  >;
  private readonly addFailure: Database.Statement<[string, number]>;
  private readonly clearFailures: Database.Statement<[string]>;
  private readonly pruneFailures: Database.Statement<[number]>;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.selectOne = db.prepare('SELECT salt, hash, cost_n FROM supervisor WHERE name = ?');
    this.selectAll = db.prepare('SELECT name, enrolled_ms FROM supervisor ORDER BY name');
    this.upsert = db.prepare(
      `INSERT INTO supervisor (name, salt, hash, cost_n, enrolled_ms) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET salt = excluded.salt, hash = excluded.hash,
         cost_n = excluded.cost_n, enrolled_ms = excluded.enrolled_ms`,
    );
    this.deleteOne = db.prepare('DELETE FROM supervisor WHERE name = ?');
    this.failuresSince = db.prepare(
      'SELECT COUNT(*) AS n, MIN(at_ms) AS first FROM countersign_failure WHERE name = ? AND at_ms > ?',
    );
    this.addFailure = db.prepare('INSERT INTO countersign_failure (name, at_ms) VALUES (?, ?)');
    this.clearFailures = db.prepare('DELETE FROM countersign_failure WHERE name = ?');
    this.pruneFailures = db.prepare('DELETE FROM countersign_failure WHERE at_ms <= ?');
  }

  /** Enrols a supervisor, or sets a new PIN for one already enrolled (and lifts a lock). */
  enrol(rawName: string, pin: string): EnrolledSupervisor {
    const name = checkSupervisorName(rawName);
    checkPin(pin);
    const salt = randomBytes(SALT_LEN);
    const hash = hashPin(pin, salt, COST_N);
    const enrolledMs = this.now();
    this.db.transaction(() => {
      this.upsert.run(name, salt, hash, COST_N, enrolledMs);
      this.clearFailures.run(name);
    })();
    return { name, enrolledMs };
  }

  /** True when the name was enrolled. */
  remove(rawName: string): boolean {
    const name = normaliseSupervisorName(rawName);
    return this.db.transaction(() => {
      this.clearFailures.run(name);
      return this.deleteOne.run(name).changes > 0;
    })();
  }

  list(): EnrolledSupervisor[] {
    return this.selectAll.all().map((r) => ({ name: r.name, enrolledMs: r.enrolled_ms }));
  }

  /**
   * Checks a countersign. A locked name is refused without looking at the PIN; a wrong PIN (or an
   * unknown name) is recorded; a right one clears the name's failures.
   */
  verify(rawName: string, pin: string): CountersignVerdict {
    const name = normaliseSupervisorName(rawName);
    const nowMs = this.now();
    const since = nowMs - LOCK_WINDOW_MS;
    this.pruneFailures.run(since);
    const failed = this.failuresSince.get(name, since) ?? { n: 0, first: null };
    if (failed.n >= MAX_FAILURES) {
      return {
        ok: false,
        reason: 'locked',
        name,
        untilMs: (failed.first ?? nowMs) + LOCK_WINDOW_MS,
      };
    }
    const row = this.selectOne.get(name);
    const given = hashPin(pin, row?.salt ?? DUMMY_SALT, row?.cost_n ?? COST_N);
    if (row && row.hash.length === given.length && timingSafeEqual(row.hash, given)) {
      this.clearFailures.run(name);
      return { ok: true, name };
    }
    this.addFailure.run(name, nowMs);
    if (!row) return { ok: false, reason: 'unknown', name };
    return { ok: false, reason: 'wrong-pin', name, triesLeft: MAX_FAILURES - failed.n - 1 };
  }
}
