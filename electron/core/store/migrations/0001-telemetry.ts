import type { Migration } from '../migrate';

// Samples are keyed (unit_id, ts_ms): a QoS 1 redelivery hits the primary key and is ignored.
export const m0001Telemetry: Migration = {
  version: 1,
  name: '0001-telemetry',
  up: (db) => {
    db.exec(`
      CREATE TABLE telemetry_sample (
        unit_id TEXT NOT NULL,
        ts_ms INTEGER NOT NULL,
        received_ms INTEGER NOT NULL,
        lon REAL NOT NULL,
        lat REAL NOT NULL,
        heading_deg REAL,
        speed_kmh REAL,
        battery_pct REAL,
        alt_m REAL,
        PRIMARY KEY (unit_id, ts_ms)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE unit_state (
        unit_id TEXT PRIMARY KEY,
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
