import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { assertNotNewer, migrate } from './migrate';
import { MIGRATIONS } from './migrations';

export interface StoreOptions {
  /** Database file path, or ':memory:' for tests. */
  readonly file: string;
  /**
   * Path of a better_sqlite3.node built for another ABI. The Electron host passes its
   * Electron-ABI build here so the Node build in node_modules stays intact for tests and serve.
   */
  readonly nativeBinding?: string | undefined;
}

export function openStore(opts: StoreOptions): Database.Database {
  if (opts.file !== ':memory:') mkdirSync(dirname(opts.file), { recursive: true });
  const db = new Database(
    opts.file,
    opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : undefined,
  );
  try {
    // Before any pragma that writes: a newer database must be left exactly as it was.
    assertNotNewer(db, MIGRATIONS);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // 1 Hz samples from thousands of units touch pages all over the primary-key index; SQLite's
    // 2 MB default cache thrashed and stretched ticks to hundreds of ms (bench:ingest).
    db.pragma('cache_size = -65536');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, MIGRATIONS);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
