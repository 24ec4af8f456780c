import type { Migration } from '../migrate';

// The support loop. Requests keep the recommendation, the approved package and the orders as JSON:
// they are read and written whole, never queried inside. support_event is the audit log: append
// only (triggers refuse UPDATE and DELETE) and hash-chained over all requests, so an edit made
// around the triggers is still found by verification. task_point is keyed (request_id, unit_id):
// releasing twice never awards twice.
export const m0003Support: Migration = {
  version: 3,
  name: '0003-support',
  up: (db) => {
    db.exec(`
      CREATE TABLE incident (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        grade TEXT NOT NULL,
        lon REAL NOT NULL,
        lat REAL NOT NULL,
        jurisdiction_id TEXT NOT NULL,
        description TEXT NOT NULL,
        reporter TEXT NOT NULL,
        commander TEXT NOT NULL,
        state TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        updated_ms INTEGER NOT NULL,
        drill INTEGER NOT NULL CHECK (drill IN (0, 1))
      ) STRICT;
      CREATE INDEX incident_open ON incident (created_ms) WHERE state = 'open';
      CREATE INDEX incident_updated ON incident (updated_ms);

      CREATE TABLE support_request (
        id TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL,
        state TEXT NOT NULL,
        recommendation TEXT CHECK (recommendation IS NULL OR json_valid(recommendation)),
        approved TEXT CHECK (approved IS NULL OR json_valid(approved)),
        orders TEXT NOT NULL CHECK (json_valid(orders)),
        requested_by TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        updated_ms INTEGER NOT NULL,
        approved_ms INTEGER,
        start_due_ms INTEGER,
        on_scene_due_ms INTEGER
      ) STRICT;
      CREATE INDEX support_request_live ON support_request (created_ms)
        WHERE state NOT IN ('released', 'rejected', 'cancelled', 'expired');
      CREATE INDEX support_request_updated ON support_request (updated_ms);
      CREATE INDEX support_request_incident ON support_request (incident_id);

      CREATE TABLE support_event (
        seq INTEGER PRIMARY KEY,
        request_id TEXT NOT NULL,
        ts_ms INTEGER NOT NULL,
        operator TEXT NOT NULL,
        kind TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT,
        unit_id TEXT,
        reason TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX support_event_request ON support_event (request_id, seq);
      CREATE TRIGGER support_event_no_update BEFORE UPDATE ON support_event
        BEGIN SELECT RAISE(ABORT, 'support_event is append-only'); END;
      CREATE TRIGGER support_event_no_delete BEFORE DELETE ON support_event
        BEGIN SELECT RAISE(ABORT, 'support_event is append-only'); END;

      CREATE TABLE task_point (
        request_id TEXT NOT NULL,
        unit_id TEXT NOT NULL,
        jurisdiction_id TEXT NOT NULL,
        points REAL NOT NULL,
        ts_ms INTEGER NOT NULL,
        PRIMARY KEY (request_id, unit_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX task_point_ts ON task_point (ts_ms);

      CREATE TABLE support_suggestion (
        id TEXT PRIMARY KEY,
        ts_ms INTEGER NOT NULL,
        cause TEXT NOT NULL,
        incident_id TEXT,
        jurisdiction_id TEXT,
        available REAL,
        needed REAL,
        detail TEXT NOT NULL,
        dismissed_ms INTEGER
      ) STRICT;

      CREATE TABLE id_counter (
        prefix TEXT PRIMARY KEY,
        n INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
