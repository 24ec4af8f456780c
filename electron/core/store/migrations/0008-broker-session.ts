import type { Migration } from '../migrate';

// The console's broker session per MQTT client id: the broker it was held on and the last time the
// console knew it was connected. At the next connect, a broker that answers "no session" for a
// session that should have resumed means QoS 1 messages since then may be lost: the console says
// so, with that window.
export const m0008BrokerSession: Migration = {
  version: 8,
  name: '0008-broker-session',
  up: (db) => {
    db.exec(`
      CREATE TABLE broker_session (
        client_id TEXT PRIMARY KEY,
        broker_url TEXT NOT NULL,
        alive_ms INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
