import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { randomTag, sessionOfStore } from '../../electron/core/session/sessionMeta';
import { migrate } from '../../electron/core/store/migrate';
import { MIGRATIONS } from '../../electron/core/store/migrations';

function store(): Database.Database {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS);
  return db;
}

describe('sessionOfStore', () => {
  it('makes a session id the first time, and keeps it for the life of the store', () => {
    const db = store();
    const first = sessionOfStore(db, { kind: 'live', name: '开化县' }, 1000);
    expect(first).toMatchObject({ kind: 'live', name: '开化县', createdMs: 1000 });
    expect(first.id).toMatch(/^lv-[0-9a-z]{10}$/);
    expect(sessionOfStore(db, { kind: 'live', name: 'renamed' }, 2000)).toEqual(first);
  });

  it('gives every store its own id', () => {
    const ids = new Set(
      Array.from(
        { length: 200 },
        () => sessionOfStore(store(), { kind: 'exercise', name: 'x' }, 0).id,
      ),
    );
    expect(ids.size).toBe(200);
    expect([...ids].every((id) => id.startsWith('ex-'))).toBe(true);
  });

  it('refuses to open one kind of session as another', () => {
    const db = store();
    const ex = sessionOfStore(db, { kind: 'exercise', name: '反恐演练' }, 0);
    expect(() => sessionOfStore(db, { kind: 'live', name: 'k' }, 0)).toThrow(
      `holds exercise session ${ex.id}, not a live session`,
    );
  });

  it('random tags use 32 symbols evenly', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3200; i++)
      for (const ch of randomTag()) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(32);
    for (const n of counts.values()) expect(n).toBeGreaterThan(700); // 1,000 expected each
  });
});
