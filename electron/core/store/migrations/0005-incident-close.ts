import type { Migration } from '../migrate';

// Closing an incident (结案) records who closed it and why. Both NULL while it is open; rows
// stored before this migration were all open or closed without a record.
export const m0005IncidentClose: Migration = {
  version: 5,
  name: '0005-incident-close',
  up: (db) => {
    db.exec(`
      ALTER TABLE incident ADD COLUMN closed_by TEXT;
      ALTER TABLE incident ADD COLUMN close_reason TEXT;
    `);
  },
};
