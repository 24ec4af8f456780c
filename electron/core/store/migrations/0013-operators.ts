import type { Migration } from '../migrate';

// Named operators who log in (a role each, a scrypt hash of their password, never the password),
// the persisted lock-out of a name after failed logins, and the wall screens' read-only tokens
// (a SHA-256 of the secret: the secret is 192 random bits, shown once). The supervisors enrolled
// for countersigning become operators with the supervisor role; their PIN is their password until
// an administrator gives them a new one. The old sliding-window failure log is dropped: a lock now
// runs from the fifth failure in a row. A screen's login is kept (the SHA-256 of its resume token)
// so a restarted console does not log its screens out in the middle of a shift.
export const m0013Operators: Migration = {
  version: 13,
  name: '0013-operators',
  up: (db) => {
    db.exec(`
      CREATE TABLE operator (
        name        TEXT PRIMARY KEY,
        role        TEXT NOT NULL,
        salt        BLOB NOT NULL,
        hash        BLOB NOT NULL,
        cost_n      INTEGER NOT NULL,
        enrolled_ms INTEGER NOT NULL,
        enrolled_by TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      INSERT INTO operator (name, role, salt, hash, cost_n, enrolled_ms, enrolled_by)
        SELECT name, 'supervisor', salt, hash, cost_n, enrolled_ms, 'migration' FROM supervisor;
      DROP TABLE supervisor;
      DROP TABLE countersign_failure;
      CREATE TABLE login_lock (
        name            TEXT PRIMARY KEY,
        failures        INTEGER NOT NULL,
        last_failure_ms INTEGER NOT NULL,
        locked_until_ms INTEGER
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE login_session (
        digest      BLOB PRIMARY KEY,
        name        TEXT NOT NULL,
        role        TEXT NOT NULL,
        issued_ms   INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE wall_token (
        id          TEXT PRIMARY KEY,
        screen      TEXT NOT NULL,
        label       TEXT NOT NULL,
        digest      BLOB NOT NULL UNIQUE,
        issued_ms   INTEGER NOT NULL,
        issued_by   TEXT NOT NULL,
        revoked_ms  INTEGER
      ) STRICT;
    `);
  },
};
