import type { Migration } from '../migrate';

// One row per alert; raise, clear and acknowledgement update it in place. Open alerts (not
// acknowledged) are found through a partial index, acknowledged ones by the time of acknowledgement.
export const m0002Alerts: Migration = {
  version: 2,
  name: '0002-alerts',
  up: (db) => {
    db.exec(`
      CREATE TABLE alert (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        unit_id TEXT NOT NULL,
        raised_ms INTEGER NOT NULL,
        value REAL,
        detail TEXT,
        cleared_ms INTEGER,
        acked_ms INTEGER,
        acked_by TEXT
      ) STRICT;

      CREATE INDEX alert_open ON alert (raised_ms) WHERE acked_ms IS NULL;
      CREATE INDEX alert_acked ON alert (acked_ms) WHERE acked_ms IS NOT NULL;
    `);
  },
};
