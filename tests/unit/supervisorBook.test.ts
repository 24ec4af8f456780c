// Countersign credentials on a real SQLite store: PINs kept as hashes only, names compared in one
// spelling, wrong PINs counted per name until the name locks, and the count surviving a reopen.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../electron/core/store/openStore';
import {
  LOCK_WINDOW_MS,
  MAX_FAILURES,
  SupervisorBook,
} from '../../electron/core/auth/SupervisorBook';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function storeFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'muster-sup-'));
  dirs.push(dir);
  return join(dir, 'muster.db');
}

describe('supervisor book', () => {
  it('keeps no PIN, only a salted hash, and accepts the enrolled PIN', () => {
    const db = openStore({ file: ':memory:' });
    const book = new SupervisorBook(db, () => 1000);
    book.enrol('  王建国 ', '204816');
    const row = db.prepare('SELECT * FROM supervisor').get() as Record<string, unknown>;
    expect(row['name']).toBe('王建国');
    expect(JSON.stringify(row)).not.toContain('204816');
    expect((row['hash'] as Buffer).length).toBe(32);
    expect(book.verify('王建国', '204816')).toEqual({ ok: true, name: '王建国' });
    // Two enrolments of one PIN get different salts, hence different hashes.
    book.enrol('李明', '204816');
    const hashes = db.prepare('SELECT hash FROM supervisor').all() as { hash: Buffer }[];
    expect(hashes[0]?.hash.equals(hashes[1]?.hash as Buffer)).toBe(false);
    expect(book.list().map((s) => s.name)).toEqual(['李明', '王建国']);
    db.close();
  });

  it('refuses bad names and PINs at enrolment with the reason', () => {
    const book = new SupervisorBook(openStore({ file: ':memory:' }));
    expect(() => book.enrol('  ', '204816')).toThrow('a supervisor needs a name');
    expect(() => book.enrol('王建国', '12345')).toThrow('a PIN is 6 to 12 digits');
    expect(() => book.enrol('王建国', '12345a')).toThrow('a PIN is 6 to 12 digits');
    expect(() => book.enrol('x'.repeat(41), '204816')).toThrow('at most 40 characters');
    expect(() => book.enrol('王\u0007', '204816')).toThrow('control characters');
    expect(book.list()).toEqual([]);
  });

  it('tells an unknown name from a wrong PIN, and counts the tries left', () => {
    const book = new SupervisorBook(openStore({ file: ':memory:' }), () => 5000);
    book.enrol('王建国', '204816');
    expect(book.verify('王健国', '204816')).toEqual({
      ok: false,
      reason: 'unknown',
      name: '王健国',
    });
    expect(book.verify('王建国', '000000')).toEqual({
      ok: false,
      reason: 'wrong-pin',
      name: '王建国',
      triesLeft: MAX_FAILURES - 1,
    });
    // A right PIN clears the count.
    expect(book.verify('王建国', '204816').ok).toBe(true);
    expect(book.verify('王建国', '000000')).toMatchObject({ triesLeft: MAX_FAILURES - 1 });
  });

  it('locks a name after too many wrong PINs, even across a restart, until the window passes', () => {
    const file = storeFile();
    let now = 1_000_000;
    const db = openStore({ file });
    const book = new SupervisorBook(db, () => now);
    book.enrol('王建国', '204816');
    for (let i = 0; i < MAX_FAILURES; i++) {
      now += 1000;
      expect(book.verify('王建国', '111111')).toMatchObject({ reason: 'wrong-pin' });
    }
    db.close();

    const reopened = openStore({ file });
    const again = new SupervisorBook(reopened, () => now);
    // Locked: even the right PIN is refused, with the time the lock ends.
    expect(again.verify('王建国', '204816')).toEqual({
      ok: false,
      reason: 'locked',
      name: '王建国',
      untilMs: 1_001_000 + LOCK_WINDOW_MS,
    });
    now = 1_001_000 + LOCK_WINDOW_MS + 1;
    expect(again.verify('王建国', '204816').ok).toBe(true);
    // Re-enrolling (a new PIN) lifts a lock at once.
    for (let i = 0; i < MAX_FAILURES; i++) again.verify('王建国', '111111');
    expect(again.verify('王建国', '204816')).toMatchObject({ reason: 'locked' });
    again.enrol('王建国', '99887766');
    expect(again.verify('王建国', '99887766').ok).toBe(true);
    expect(again.remove('王建国')).toBe(true);
    expect(again.remove('王建国')).toBe(false);
    expect(again.verify('王建国', '99887766')).toMatchObject({ reason: 'unknown' });
    reopened.close();
  });
});
