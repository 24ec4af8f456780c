import type { Migration } from '../migrate';

// Device credentials for the embedded broker: username = deviceId, and the scrypt hash of the
// secret the console issued for it (never the secret). Issued and revoked by `npm run devices`.
export const m0011DeviceCredential: Migration = {
  version: 11,
  name: '0011-device-credential',
  up: (db) => {
    db.exec(`
      CREATE TABLE device_credential (
        device_id TEXT PRIMARY KEY,
        salt BLOB NOT NULL,
        hash BLOB NOT NULL,
        cost_n INTEGER NOT NULL,
        issued_ms INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
