import type Database from 'better-sqlite3';
import { GENESIS_HASH } from '../../../../shared/domain/audit';
import type { LogEvent } from '../../../../shared/domain/log';
import { canonicalEvent, eventHash } from '../../log/chain';
import type { Migration } from '../migrate';
import {
  incidentFromRow,
  requestFromRow,
  suggestionFromRow,
  type IncidentRow,
  type RequestRow,
  type SuggestionRow,
} from '../supportRows';

/** The operator named on the events that carry the state found before the log. */
export const BASELINE_OPERATOR = 'system (migration 0010)';

// The support audit log becomes the session's one event log: every incident, request, alert,
// suggestion and task point change is an event there too, and those tables are projections of it.
// Stored support steps keep their seq and hashes (the subject column is the old request_id, and an
// event's canonical text is unchanged without a body). State found in the tables before this
// migration is appended as one event per record, so the log alone rebuilds every table.
export const m0010EventLog: Migration = {
  version: 10,
  name: '0010-event-log',
  up: (db) => {
    db.exec(`
      DROP TRIGGER support_event_no_update;
      DROP TRIGGER support_event_no_delete;
      DROP INDEX support_event_request;
      ALTER TABLE support_event RENAME TO event_log;
      ALTER TABLE event_log RENAME COLUMN request_id TO subject;
      ALTER TABLE event_log ADD COLUMN body TEXT CHECK (body IS NULL OR json_valid(body));
      CREATE INDEX event_log_subject ON event_log (subject, seq);
      CREATE INDEX event_log_ts ON event_log (ts_ms);
      CREATE TRIGGER event_log_no_update BEFORE UPDATE ON event_log
        BEGIN SELECT RAISE(ABORT, 'event_log is append-only'); END;
      CREATE TRIGGER event_log_no_delete BEFORE DELETE ON event_log
        BEGIN SELECT RAISE(ABORT, 'event_log is append-only'); END;
    `);
    appendBaseline(db);
  },
};

function appendBaseline(db: Database.Database): void {
  const head = db
    .prepare<[], { seq: number; hash: string }>(
      'SELECT seq, hash FROM event_log ORDER BY seq DESC LIMIT 1',
    )
    .get();
  let seq = head?.seq ?? 0;
  let prev = head?.hash ?? GENESIS_HASH;
  const insert = db.prepare(
    `INSERT INTO event_log (seq, subject, ts_ms, operator, kind, reason, body, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const add = (e: Omit<LogEvent, 'seq' | 'operator' | 'reason'>): void => {
    const event: LogEvent = {
      ...e,
      seq: ++seq,
      operator: BASELINE_OPERATOR,
      reason: 'state before the event log',
    };
    const hash = eventHash(prev, canonicalEvent(event));
    insert.run(
      event.seq,
      e.subject,
      e.tsMs,
      event.operator,
      e.kind,
      event.reason,
      JSON.stringify(e.body),
      prev,
      hash,
    );
    prev = hash;
  };
  const rows = <T>(sql: string): T[] => db.prepare<[], T>(sql).all();
  for (const r of rows<IncidentRow>('SELECT * FROM incident ORDER BY created_ms, id')) {
    add({ subject: r.id, tsMs: r.updated_ms, kind: 'incident-created', body: incidentFromRow(r) });
  }
  for (const r of rows<RequestRow>('SELECT * FROM support_request ORDER BY created_ms, id')) {
    add({ subject: r.id, tsMs: r.updated_ms, kind: 'request', body: requestFromRow(r) });
  }
  for (const r of rows<SuggestionRow & { dismissed_ms: number | null }>(
    'SELECT * FROM support_suggestion ORDER BY ts_ms, id',
  )) {
    add({ subject: r.id, tsMs: r.ts_ms, kind: 'suggestion', body: suggestionFromRow(r) });
    if (r.dismissed_ms !== null) {
      add({
        subject: r.id,
        tsMs: r.dismissed_ms,
        kind: 'suggestion-dismissed',
        body: { dismissedMs: r.dismissed_ms },
      });
    }
  }
  for (const r of rows<{
    request_id: string;
    unit_id: string;
    jurisdiction_id: string;
    points: number;
    ts_ms: number;
  }>('SELECT * FROM task_point ORDER BY ts_ms, request_id, unit_id')) {
    add({
      subject: r.request_id,
      tsMs: r.ts_ms,
      kind: 'points',
      body: { unitId: r.unit_id, jurisdictionId: r.jurisdiction_id, points: r.points },
    });
  }
  for (const r of rows<Record<string, unknown> & { id: number; raised_ms: number }>(
    'SELECT * FROM alert ORDER BY id',
  )) {
    add({ subject: String(r.id), tsMs: r.raised_ms, kind: 'alert-raised', body: alertBody(r) });
  }
}

/** An alert row as the Alert record the engine writes (null fields left out). */
function alertBody(r: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: r.id,
    kind: r.kind,
    unitId: r.unit_id,
    raisedMs: r.raised_ms,
  };
  const opt = { value: r.value, detail: r.detail, clearedMs: r.cleared_ms, ackedMs: r.acked_ms };
  for (const [k, v] of Object.entries({ ...opt, ackedBy: r.acked_by })) if (v !== null) out[k] = v;
  return out;
}
