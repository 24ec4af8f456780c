import type Database from 'better-sqlite3';
import { GENESIS_HASH } from '../../../shared/domain/audit';
import type { LogEvent } from '../../../shared/domain/log';
import {
  canonicalEvent,
  eventHash,
  verifyChain,
  type AuditResult,
  type ChainedEvent,
} from './chain';

export interface LogRow {
  seq: number;
  subject: string;
  ts_ms: number;
  operator: string;
  kind: string;
  from_state: string | null;
  to_state: string | null;
  unit_id: string | null;
  reason: string | null;
  note: string | null;
  body: string | null;
  prev_hash: string;
  hash: string;
}

const nul = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

export function logEventFromRow(r: LogRow): LogEvent {
  return {
    seq: r.seq,
    subject: r.subject,
    tsMs: r.ts_ms,
    operator: r.operator,
    kind: r.kind as LogEvent['kind'],
    ...(r.from_state !== null ? { from: r.from_state as LogEvent['from'] } : {}),
    ...(r.to_state !== null ? { to: r.to_state as LogEvent['to'] } : {}),
    ...(r.unit_id !== null ? { unitId: r.unit_id } : {}),
    ...(r.reason !== null ? { reason: r.reason } : {}),
    ...(r.note !== null ? { note: JSON.parse(r.note) as LogEvent['note'] } : {}),
    ...(r.body !== null ? { body: JSON.parse(r.body) as unknown } : {}),
  };
}

/**
 * The session's event log (table event_log): append-only (triggers refuse UPDATE and DELETE) and
 * hash-chained over every event, so an edit made around the triggers is still found by
 * verification. Appends run inside the caller's transaction, with the projection they change:
 * a crash keeps both or neither.
 */
export class EventLog {
  private readonly selectHead: Database.Statement<[], { seq: number; hash: string }>;
  private readonly insert: Database.Statement;
  private readonly selectAll: Database.Statement<[], LogRow>;
  private readonly selectSubject: Database.Statement<[string], LogRow>;
  private readonly selectUpTo: Database.Statement<[number], LogRow>;

  constructor(private readonly db: Database.Database) {
    this.selectHead = db.prepare('SELECT seq, hash FROM event_log ORDER BY seq DESC LIMIT 1');
    this.insert = db.prepare(
      `INSERT INTO event_log (seq, subject, ts_ms, operator, kind, from_state, to_state, unit_id,
         reason, note, body, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectAll = db.prepare('SELECT * FROM event_log ORDER BY seq');
    this.selectSubject = db.prepare('SELECT * FROM event_log WHERE subject = ? ORDER BY seq');
    this.selectUpTo = db.prepare('SELECT * FROM event_log WHERE ts_ms <= ? ORDER BY seq');
  }

  /**
   * Runs `fn` in one write transaction, the write lock taken first: the telemetry writer thread
   * commits on its own connection, and a deferred read-then-write transaction would fail at once
   * with "database is locked" if that commit landed between its read and its write. Inside a
   * transaction already, `fn` simply joins it.
   */
  write<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    return this.db.transaction(fn).immediate();
  }

  /** Appends one event after the chain head; call inside write(). */
  append(e: Omit<LogEvent, 'seq'>): LogEvent {
    const head = this.selectHead.get();
    const event: LogEvent = { ...e, seq: (head?.seq ?? 0) + 1 };
    const prevHash = head?.hash ?? GENESIS_HASH;
    this.insert.run(
      event.seq,
      e.subject,
      e.tsMs,
      e.operator,
      e.kind,
      nul(e.from),
      nul(e.to),
      nul(e.unitId),
      nul(e.reason),
      e.note === undefined ? null : JSON.stringify(e.note),
      e.body === undefined ? null : JSON.stringify(e.body),
      prevHash,
      eventHash(prevHash, canonicalEvent(event)),
    );
    return event;
  }

  /** One subject's events, oldest first. */
  bySubject(subject: string): LogEvent[] {
    return this.selectSubject.all(subject).map(logEventFromRow);
  }

  /** Every event up to and including session time `tsMs`, in log order. */
  upTo(tsMs: number): LogEvent[] {
    return this.selectUpTo.all(tsMs).map(logEventFromRow);
  }

  /** Every event, in log order, read lazily. */
  *all(): Generator<LogEvent> {
    for (const r of this.selectAll.iterate()) yield logEventFromRow(r);
  }

  /** Every event with its stored hashes, in log order, read lazily (verification, export). */
  *chained(): Generator<ChainedEvent> {
    for (const r of this.selectAll.iterate()) {
      yield { event: logEventFromRow(r), prevHash: r.prev_hash, hash: r.hash };
    }
  }

  /** Recomputes the whole chain; names the first event that does not verify. */
  verify(): AuditResult {
    const it = this.chained();
    try {
      return verifyChain(it);
    } finally {
      it.return(undefined); // closes the statement iterator when verification stops early
    }
  }
}
