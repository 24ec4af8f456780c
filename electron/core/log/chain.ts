// Tamper evidence for the event log (DOMAIN.md): each event's hash covers the previous hash and
// the event's canonical text, so editing, removing or reordering a stored event breaks the chain
// from that event on.
import { createHash } from 'node:crypto';
import { GENESIS_HASH, type AuditFault } from '../../../shared/domain/audit';
import type { LogEvent } from '../../../shared/domain/log';

export function eventHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** JSON with object keys sorted at every level: one text per value, whatever the key order. */
export function sortedJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x !== null && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}

/**
 * Stable text of an event: fixed field order, absent optionals written as null so that adding or
 * removing a field changes the text. The note (migration 0007) and the body (migration 0010) are
 * appended only when present, so events stored before them keep their hashes; with a body the
 * note's place is always written, so the two can never be mistaken for each other.
 */
export function canonicalEvent(e: LogEvent): string {
  const text = JSON.stringify([
    e.seq,
    e.subject,
    e.tsMs,
    e.operator,
    e.kind,
    e.from ?? null,
    e.to ?? null,
    e.unitId ?? null,
    e.reason ?? null,
  ]);
  if (e.body !== undefined) {
    return `${text.slice(0, -1)},${sortedJson(e.note ?? null)},${sortedJson(e.body)}]`;
  }
  return e.note === undefined ? text : `${text.slice(0, -1)},${sortedJson(e.note)}]`;
}

export interface ChainedEvent {
  readonly event: LogEvent;
  readonly prevHash: string;
  readonly hash: string;
}

export type AuditResult =
  | { ok: true; events: number; headHash: string }
  | { ok: false; badSeq: number; fault: AuditFault; reason: string };

/**
 * Verifies events in seq order: seq runs 1, 2, 3 … without gaps, each prev_hash is the previous
 * hash, each hash recomputes. A truncated tail is not detectable from the rows alone.
 */
export function verifyChain(rows: Iterable<ChainedEvent>): AuditResult {
  let prev = GENESIS_HASH;
  let expectSeq = 1;
  for (const { event, prevHash, hash } of rows) {
    const seq = event.seq;
    if (seq !== expectSeq) {
      return {
        ok: false,
        badSeq: seq,
        fault: 'sequence',
        reason: `expected seq ${expectSeq}, found ${seq}`,
      };
    }
    if (prevHash !== prev) {
      return {
        ok: false,
        badSeq: seq,
        fault: 'link',
        reason: 'prev_hash does not match the previous event',
      };
    }
    if (eventHash(prevHash, canonicalEvent(event)) !== hash) {
      return {
        ok: false,
        badSeq: seq,
        fault: 'content',
        reason: 'hash does not match the event content',
      };
    }
    prev = hash;
    expectSeq++;
  }
  return { ok: true, events: expectSeq - 1, headHash: prev };
}
