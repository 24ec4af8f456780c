import type { Migration } from '../migrate';

// Where the writer thread commits each tick's samples: an append-only heap, so a tick dirties a
// few pages at its end. telemetry_sample is clustered by (unit_id, ts_ms), and a tick that touched
// every unit's last page there wrote one page per unit to the WAL on every commit; the writer
// moves the inbox into it in key order every few seconds and before every read (TelemetryWriter).
// No key here: duplicates are dropped by the move's INSERT OR IGNORE, the first arrival winning.
export const m0005TelemetryInbox: Migration = {
  version: 5,
  name: '0005-telemetry-inbox',
  up: (db) => {
    db.exec(`
      CREATE TABLE telemetry_inbox (
        unit_id TEXT NOT NULL,
        ts_ms INTEGER NOT NULL,
        received_ms INTEGER NOT NULL,
        lon REAL NOT NULL,
        lat REAL NOT NULL,
        heading_deg REAL,
        speed_kmh REAL,
        battery_pct REAL,
        alt_m REAL
      ) STRICT;
    `);
  },
};
