import type { Migration } from '../migrate';

// The video-wall layout of this workstation: one row (id = 1), read and written whole. The screens
// are JSON because the layout is always replaced as a unit, never queried inside.
export const m0004WallLayout: Migration = {
  version: 4,
  name: '0004-wall-layout',
  up: (db) => {
    db.exec(`
      CREATE TABLE wall_layout (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        screens TEXT NOT NULL CHECK (json_valid(screens) AND json_type(screens) = 'array'),
        updated_ms INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
    `);
  },
};
