import type { Migration } from '../migrate';

// A support event's note: the step as a code and its values (JSON), which the UI words in the
// user's language. NULL on events stored before this migration; the hash chain covers a note when
// there is one, so older events keep their hashes.
export const m0007EventNote: Migration = {
  version: 7,
  name: '0007-event-note',
  up: (db) => {
    db.exec(
      'ALTER TABLE support_event ADD COLUMN note TEXT CHECK (note IS NULL OR json_valid(note))',
    );
  },
};
