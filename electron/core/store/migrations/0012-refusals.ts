import type { Migration } from '../migrate';

// Refused device messages, kept across restarts: the count per reason since the store was made,
// and the last of them (reason, topic, the first bytes, time) for an operator or integrator to
// inspect. Written in the same transaction as the tick's samples.
export const m0012Refusals: Migration = {
  version: 12,
  name: '0012-refusals',
  up: (db) => {
    db.exec(`
      CREATE TABLE reject_count (
        reason TEXT PRIMARY KEY,
        count INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE quarantine (
        seq INTEGER PRIMARY KEY,
        received_ms INTEGER NOT NULL,
        topic TEXT NOT NULL,
        reason TEXT NOT NULL,
        detail TEXT NOT NULL,
        preview_hex TEXT NOT NULL
      ) STRICT;
    `);
  },
};
