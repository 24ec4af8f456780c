// The support audit log's hash chain, as last verified: what the status strip shows.

/** prev_hash of the first event, and the head of an empty log. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Why an event does not verify: a seq missing or out of order, a broken link to the event before,
 * content that no longer matches its hash, or a log that could not be read at all.
 */
export const AUDIT_FAULTS = ['sequence', 'link', 'content', 'unreadable'] as const;
export type AuditFault = (typeof AUDIT_FAULTS)[number];

/** Result of verifying every support event from the first: intact up to its head, or where not. */
export type AuditCheck =
  | {
      readonly ok: true;
      /** Events verified. */
      readonly events: number;
      /** Hash of the newest event (sha256 hex): noted outside the console, it also proves the tail. */
      readonly headHash: string;
      readonly checkedMs: number;
    }
  | {
      readonly ok: false;
      /** The first event that does not verify (0: none could be read). */
      readonly badSeq: number;
      readonly fault: AuditFault;
      /** The same in English, for logs. */
      readonly reason: string;
      readonly checkedMs: number;
    };

/** An exported audit chain (JSON Lines, verified offline by `npm run audit -- verify FILE`). */
export interface AuditFile {
  readonly fileName: string;
  readonly text: string;
  readonly events: number;
  readonly headHash: string;
}
