import type Database from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database.Database) => void;
}

export class NewerDatabaseError extends Error {
  constructor(
    readonly dbVersion: number,
    readonly supportedVersion: number,
    file: string,
  ) {
    super(
      `The database ${file} has schema version ${dbVersion}, newer than this build of Muster ` +
        `supports (${supportedVersion}). It was written by a newer Muster: start that version, ` +
        `or point this one at another data directory. The database was left untouched.`,
    );
    this.name = 'NewerDatabaseError';
  }
}

/** Checks the list is numbered 1..n without gaps; a gap would silently skip a schema change. */
export function assertMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
    }
  });
}

/** Refuses a database written by a newer build; returns its schema version. Reads only. */
export function assertNotNewer(db: Database.Database, migrations: readonly Migration[]): number {
  assertMigrationList(migrations);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length)
    throw new NewerDatabaseError(current, migrations.length, db.name);
  return current;
}

/**
 * Brings the schema up to the newest migration, one transaction per migration, keyed on
 * PRAGMA user_version. A database from a newer build is refused before anything is written.
 * Returns the versions applied.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number[] {
  const current = assertNotNewer(db, migrations);
  const applied: number[] = [];
  for (const m of migrations.slice(current)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}
