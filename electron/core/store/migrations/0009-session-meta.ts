import type { Migration } from '../migrate';

// Which session a store belongs to: its globally unique id, kind and name, made once when the store
// is first opened. Ids the session hands out carry its id, so they never collide with another
// session's or another console's.
export const m0009SessionMeta: Migration = {
  version: 9,
  name: '0009-session-meta',
  up: (db) => {
    db.exec(`
      CREATE TABLE session_meta (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        session_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('live', 'exercise', 'replay')),
        name TEXT NOT NULL,
        created_ms INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
