// Operator credentials on a real SQLite store: passwords kept as salted scrypt hashes only, names
// compared in one spelling, and the lock-out: the fifth wrong password in a row locks the name for
// 15 minutes from that failure (not from the first), and the lock survives a reopen.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OperatorBook } from '../../electron/core/auth/OperatorBook';
import { openStore } from '../../electron/core/store/openStore';
import { LOGIN_LOCK_MS, LOGIN_MAX_FAILURES } from '../../shared/domain/operators';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function storeFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'muster-ops-'));
  dirs.push(dir);
  return join(dir, 'muster.db');
}

describe('operator book', () => {
  it('keeps no password, only a salted hash, and accepts the enrolled one with its role', async () => {
    const db = openStore({ file: ':memory:' });
    const book = new OperatorBook(db, () => 1000);
    book.enrol('  王建国 ', 'supervisor', 'correct horse', 'admin 李');
    const row = db.prepare('SELECT * FROM operator').get() as Record<string, unknown>;
    expect(row['name']).toBe('王建国');
    expect(JSON.stringify(row)).not.toContain('correct horse');
    expect((row['hash'] as Buffer).length).toBe(32);
    expect(await book.verify('王建国', 'correct horse')).toEqual({
      ok: true,
      name: '王建国',
      role: 'supervisor',
    });
    expect(book.verifySync('王建国', 'correct horse').ok).toBe(true);
    book.enrol('李明', 'commander', 'correct horse', 'admin 李');
    const hashes = db.prepare('SELECT hash FROM operator').all() as { hash: Buffer }[];
    expect(hashes[0]?.hash.equals(hashes[1]?.hash as Buffer)).toBe(false);
    expect(book.list()).toEqual([
      { name: '李明', role: 'commander', enrolledMs: 1000, enrolledBy: 'admin 李' },
      { name: '王建国', role: 'supervisor', enrolledMs: 1000, enrolledBy: 'admin 李' },
    ]);
    expect(book.namesWith('supervisor')).toEqual(['王建国']);
    db.close();
  });

  it('refuses bad names, roles and passwords at enrolment with the reason', () => {
    const book = new OperatorBook(openStore({ file: ':memory:' }));
    expect(() => book.enrol('  ', 'commander', 'long enough', 'a')).toThrow('needs a name');
    expect(() => book.enrol('王建国', 'commander', 'short', 'a')).toThrow('8 to 128 characters');
    expect(() => book.enrol('x'.repeat(41), 'commander', 'long enough', 'a')).toThrow(
      'at most 40 characters',
    );
    expect(() => book.enrol('王\u0007', 'commander', 'long enough', 'a')).toThrow('control');
    expect(() => book.enrol('王建国', 'root' as never, 'long enough', 'a')).toThrow(
      'a role is one of',
    );
    expect(book.list()).toEqual([]);
  });

  it('counts wrong passwords in a row; a right one clears the count', async () => {
    const book = new OperatorBook(openStore({ file: ':memory:' }), () => 5000);
    book.enrol('王建国', 'commander', 'right password', 'a');
    expect(await book.verify('王健国', 'right password')).toEqual({
      ok: false,
      reason: 'unknown',
      name: '王健国',
    });
    expect(await book.verify('王建国', 'wrong')).toEqual({
      ok: false,
      reason: 'wrong-password',
      name: '王建国',
      triesLeft: LOGIN_MAX_FAILURES - 1,
    });
    expect((await book.verify('王建国', 'right password')).ok).toBe(true);
    expect(await book.verify('王建国', 'wrong')).toMatchObject({
      triesLeft: LOGIN_MAX_FAILURES - 1,
    });
  });

  it('locks for 15 minutes from the fifth failure, across a reopen; then counts afresh', async () => {
    const file = storeFile();
    let now = 1_000_000;
    const db = openStore({ file });
    const book = new OperatorBook(db, () => now);
    book.enrol('王建国', 'commander', 'right password', 'a');
    // Failures spread over 20 minutes: a sliding 15-minute window would never lock.
    for (let i = 1; i < LOGIN_MAX_FAILURES; i++) {
      expect(await book.verify('王建国', 'wrong')).toMatchObject({ reason: 'wrong-password' });
      now += 5 * 60_000;
    }
    const fifthAt = now;
    expect(await book.verify('王建国', 'wrong')).toEqual({
      ok: false,
      reason: 'locked',
      name: '王建国',
      untilMs: fifthAt + LOGIN_LOCK_MS,
    });
    db.close();

    const reopened = openStore({ file });
    const again = new OperatorBook(reopened, () => now);
    now = fifthAt + LOGIN_LOCK_MS - 1;
    // Still locked a millisecond before the end: even the right password is refused.
    expect(await again.verify('王建国', 'right password')).toEqual({
      ok: false,
      reason: 'locked',
      name: '王建国',
      untilMs: fifthAt + LOGIN_LOCK_MS,
    });
    expect(again.list()[0]?.lockedUntilMs).toBe(fifthAt + LOGIN_LOCK_MS);
    now = fifthAt + LOGIN_LOCK_MS;
    // The lock has run out: one wrong password does not lock again at once.
    expect(await again.verify('王建国', 'wrong')).toMatchObject({
      reason: 'wrong-password',
      triesLeft: LOGIN_MAX_FAILURES - 1,
    });
    expect((await again.verify('王建国', 'right password')).ok).toBe(true);
    // A new password from an administrator lifts a lock at once.
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) await again.verify('王建国', 'wrong');
    expect(await again.verify('王建国', 'right password')).toMatchObject({ reason: 'locked' });
    again.enrol('王建国', 'commander', 'a new password', 'a');
    expect((await again.verify('王建国', 'a new password')).ok).toBe(true);
    expect(again.remove('王建国')).toBe(true);
    expect(again.remove('王建国')).toBe(false);
    expect(await again.verify('王建国', 'a new password')).toMatchObject({ reason: 'unknown' });
    reopened.close();
  });
});
