import type { Migration } from '../migrate';

// A request dispatched under emergency authority (紧急授权) keeps it, and its approval after the
// fact, as JSON; a supplementary request (追加支援) keeps the requests it adds to, which until now
// lived only in the event log and were lost from the table on a restart.
export const m0014RequestAuthority: Migration = {
  version: 14,
  name: '0014-request-authority',
  up: (db) => {
    db.exec(`
      ALTER TABLE support_request ADD COLUMN emergency TEXT;
      ALTER TABLE support_request ADD COLUMN supplement_of TEXT;
    `);
  },
};
