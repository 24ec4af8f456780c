import type { Migration } from '../migrate';

// Supervisors who may countersign (会签) approvals above this console operator's role: name, a
// scrypt hash of their PIN (never the PIN) and its parameters. Failed countersign attempts are
// kept so a PIN cannot be guessed by retrying, not even across a restart. A request records who
// approved it and who countersigned (NULL before this migration and when nobody had to).
export const m0006Supervisors: Migration = {
  version: 6,
  name: '0006-supervisors',
  up: (db) => {
    db.exec(`
      CREATE TABLE supervisor (
        name        TEXT PRIMARY KEY,
        salt        BLOB NOT NULL,
        hash        BLOB NOT NULL,
        cost_n      INTEGER NOT NULL,
        enrolled_ms INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE countersign_failure (
        name  TEXT NOT NULL,
        at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX countersign_failure_by_name ON countersign_failure (name, at_ms);
      ALTER TABLE support_request ADD COLUMN approved_by TEXT;
      ALTER TABLE support_request ADD COLUMN countersigned_by TEXT;
    `);
  },
};
