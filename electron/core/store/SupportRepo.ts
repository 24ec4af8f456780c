import type Database from 'better-sqlite3';
import type { Incident } from '../../../shared/domain/incidents';
import type {
  SupportEvent,
  SupportRequest,
  SupportSuggestion,
} from '../../../shared/domain/support';
import { GENESIS_HASH } from '../../../shared/domain/audit';
import {
  canonicalEvent,
  eventHash,
  verifyChain,
  type AuditResult,
  type ChainedEvent,
} from '../support/workflow/auditChain';
import {
  dayStamp,
  eventFromRow,
  incidentFromRow,
  json,
  requestFromRow,
  suggestionFromRow,
  toSql,
  type EventRow,
  type IdPrefix,
  type IncidentRow,
  type RequestRow,
  type SuggestionRow,
} from './supportRows';

export type { IdPrefix } from './supportRows';

/**
 * Persistence of the support loop: incidents, requests, the hash-chained audit log, task points,
 * suggestions and id counters. Statements are prepared once.
 */
export class SupportRepo {
  private readonly upsertIncident: Database.Statement;
  private readonly selectIncident: Database.Statement<[string], IncidentRow>;
  private readonly selectIncidents: Database.Statement<[number, number], IncidentRow>;
  private readonly upsertRequest: Database.Statement;
  private readonly selectRequest: Database.Statement<[string], RequestRow>;
  private readonly selectRequests: Database.Statement<[number, number], RequestRow>;
  private readonly selectLiveRequests: Database.Statement<[], RequestRow>;
  private readonly selectLastEvent: Database.Statement<[], { seq: number; hash: string }>;
  private readonly insertEvent: Database.Statement;
  private readonly selectTimeline: Database.Statement<[string], EventRow>;
  private readonly selectAllEvents: Database.Statement<[], EventRow>;
  private readonly insertPoints: Database.Statement;
  private readonly selectBurden: Database.Statement<[number], { j: string; p: number }>;
  private readonly upsertSuggestion: Database.Statement;
  private readonly selectSuggestions: Database.Statement<[], SuggestionRow>;
  private readonly updateDismiss: Database.Statement<[number, string]>;
  private readonly bumpCounter: Database.Statement<[string], { n: number }>;
  private readonly appendTx: (e: Omit<SupportEvent, 'seq'>) => SupportEvent;
  private readonly commitTx: (
    r: SupportRequest,
    events: readonly Omit<SupportEvent, 'seq'>[],
  ) => SupportEvent[];

  constructor(db: Database.Database) {
    const incidentCols = `(id, type, grade, lon, lat, jurisdiction_id, description, reporter,
      commander, state, created_ms, updated_ms, drill, closed_by, close_reason)`;
    this.upsertIncident = db.prepare(
      `INSERT INTO incident ${incidentCols} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET
         type = excluded.type, grade = excluded.grade, lon = excluded.lon, lat = excluded.lat,
         jurisdiction_id = excluded.jurisdiction_id, description = excluded.description,
         reporter = excluded.reporter, commander = excluded.commander, state = excluded.state,
         updated_ms = excluded.updated_ms, drill = excluded.drill,
         closed_by = excluded.closed_by, close_reason = excluded.close_reason
       WHERE ?`,
    );
    this.selectIncident = db.prepare('SELECT * FROM incident WHERE id = ?');
    // Two index-served halves: open incidents, and closed ones updated in the window.
    this.selectIncidents = db.prepare(
      `SELECT * FROM (
         SELECT * FROM incident WHERE state = 'open'
         UNION ALL
         SELECT * FROM incident WHERE state <> 'open' AND updated_ms >= ?
       ) ORDER BY created_ms DESC, id DESC LIMIT ?`,
    );
    this.upsertRequest = db.prepare(
      `INSERT INTO support_request (id, incident_id, state, recommendation, approved, orders,
         requested_by, created_ms, updated_ms, approved_ms, start_due_ms, on_scene_due_ms,
         approved_by, countersigned_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET
         incident_id = excluded.incident_id, state = excluded.state,
         recommendation = excluded.recommendation, approved = excluded.approved,
         orders = excluded.orders, requested_by = excluded.requested_by,
         updated_ms = excluded.updated_ms, approved_ms = excluded.approved_ms,
         start_due_ms = excluded.start_due_ms, on_scene_due_ms = excluded.on_scene_due_ms,
         approved_by = excluded.approved_by, countersigned_by = excluded.countersigned_by`,
    );
    this.selectRequest = db.prepare('SELECT * FROM support_request WHERE id = ?');
    const terminal = `('released', 'rejected', 'cancelled', 'expired')`;
    this.selectRequests = db.prepare(
      `SELECT * FROM (
         SELECT * FROM support_request WHERE state NOT IN ${terminal}
         UNION ALL
         SELECT * FROM support_request WHERE state IN ${terminal} AND updated_ms >= ?
       ) ORDER BY created_ms DESC, id DESC LIMIT ?`,
    );
    this.selectLiveRequests = db.prepare(
      `SELECT * FROM support_request WHERE state NOT IN ${terminal} ORDER BY created_ms, id`,
    );
    this.selectLastEvent = db.prepare(
      'SELECT seq, hash FROM support_event ORDER BY seq DESC LIMIT 1',
    );
    this.insertEvent = db.prepare(
      `INSERT INTO support_event (seq, request_id, ts_ms, operator, kind, from_state, to_state,
         unit_id, reason, note, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectTimeline = db.prepare(
      'SELECT * FROM support_event WHERE request_id = ? ORDER BY seq',
    );
    this.selectAllEvents = db.prepare('SELECT * FROM support_event ORDER BY seq');
    // Keyed (request_id, unit_id): a second release of the same unit awards nothing.
    this.insertPoints = db.prepare(
      `INSERT OR IGNORE INTO task_point (request_id, unit_id, jurisdiction_id, points, ts_ms)
       VALUES (?, ?, ?, ?, ?)`,
    );
    this.selectBurden = db.prepare(
      `SELECT jurisdiction_id AS j, sum(points) AS p FROM task_point WHERE ts_ms >= ?
       GROUP BY jurisdiction_id ORDER BY jurisdiction_id`,
    );
    // Re-saving a suggestion refreshes it but keeps a dismissal.
    this.upsertSuggestion = db.prepare(
      `INSERT INTO support_suggestion
         (id, ts_ms, cause, incident_id, jurisdiction_id, available, needed, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET
         ts_ms = excluded.ts_ms, cause = excluded.cause, incident_id = excluded.incident_id,
         jurisdiction_id = excluded.jurisdiction_id, available = excluded.available,
         needed = excluded.needed, detail = excluded.detail`,
    );
    this.selectSuggestions = db.prepare(
      'SELECT * FROM support_suggestion WHERE dismissed_ms IS NULL ORDER BY ts_ms DESC, id DESC',
    );
    this.updateDismiss = db.prepare(
      'UPDATE support_suggestion SET dismissed_ms = ? WHERE id = ? AND dismissed_ms IS NULL',
    );
    this.bumpCounter = db.prepare(
      `INSERT INTO id_counter (prefix, n) VALUES (?, 1)
       ON CONFLICT (prefix) DO UPDATE SET n = n + 1 RETURNING n`,
    );
    // Reading the chain head and inserting after it in one transaction keeps seq and prev_hash
    // consistent even if two writers shared the file. IMMEDIATE (see `append`): the telemetry
    // writer thread commits on its own connection, and a deferred read-then-write transaction
    // fails at once with "database is locked" if that commit lands between its read and write.
    const appendIn = (e: Omit<SupportEvent, 'seq'>): SupportEvent => {
      const last = this.selectLastEvent.get();
      const seq = (last?.seq ?? 0) + 1;
      const prevHash = last?.hash ?? GENESIS_HASH;
      const event: SupportEvent = { ...e, seq };
      const hash = eventHash(prevHash, canonicalEvent(event));
      this.insertEvent.run(
        seq,
        e.requestId,
        e.tsMs,
        e.operator,
        e.kind,
        toSql(e.from),
        toSql(e.to),
        toSql(e.unitId),
        toSql(e.reason),
        json(e.note),
        prevHash,
        hash,
      );
      return event;
    };
    const appendTx = db.transaction(appendIn);
    this.appendTx = (e) => appendTx.immediate(e);
    const commitTx = db.transaction(
      (r: SupportRequest, events: readonly Omit<SupportEvent, 'seq'>[]): SupportEvent[] => {
        this.saveRequest(r);
        return events.map(appendIn);
      },
    );
    this.commitTx = (r, events) => commitTx.immediate(r, events);
  }

  /** Inserts a new incident; throws if the id exists. */
  insertIncident(i: Incident): void {
    this.writeIncident(i, false);
  }

  /** Replaces a stored incident (created_ms is kept); throws if the id is unknown. */
  updateIncident(i: Incident): void {
    if (this.selectIncident.get(i.id) === undefined) throw new Error(`unknown incident ${i.id}`);
    this.writeIncident(i, true);
  }

  private writeIncident(i: Incident, allowUpdate: boolean): void {
    const r = this.upsertIncident.run(
      i.id,
      i.type,
      i.grade,
      i.lonLat[0],
      i.lonLat[1],
      i.jurisdictionId,
      i.description,
      i.reporter,
      i.commander,
      i.state,
      i.createdMs,
      i.updatedMs,
      i.drill ? 1 : 0,
      toSql(i.closedBy),
      toSql(i.closeReason),
      allowUpdate ? 1 : 0,
    );
    if (r.changes === 0) throw new Error(`incident ${i.id} already exists`);
  }

  getIncident(id: string): Incident | undefined {
    const r = this.selectIncident.get(id);
    return r && incidentFromRow(r);
  }

  /** Open incidents plus those closed and updated at or after `sinceMs`, newest first. */
  listIncidents(sinceMs: number, limit: number): Incident[] {
    return this.selectIncidents.all(sinceMs, limit).map(incidentFromRow);
  }

  /** Inserts or replaces a request (created_ms is kept from the first save). */
  saveRequest(r: SupportRequest): void {
    this.upsertRequest.run(
      r.id,
      r.incidentId,
      r.state,
      json(r.recommendation),
      json(r.approved),
      JSON.stringify(r.orders),
      r.requestedBy,
      r.createdMs,
      r.updatedMs,
      toSql(r.approvedMs),
      toSql(r.startDueMs),
      toSql(r.onSceneDueMs),
      toSql(r.approvedBy),
      toSql(r.countersignedBy),
    );
  }

  getRequest(id: string): SupportRequest | undefined {
    const r = this.selectRequest.get(id);
    return r && requestFromRow(r);
  }

  /** Requests not yet ended plus those ended and updated at or after `sinceMs`, newest first. */
  listRequests(sinceMs: number, limit: number): SupportRequest[] {
    return this.selectRequests.all(sinceMs, limit).map(requestFromRow);
  }

  /** Every request not in a terminal state, oldest first: what a restarted service resumes. */
  listLiveRequests(): SupportRequest[] {
    return this.selectLiveRequests.all().map(requestFromRow);
  }

  /** A request and the steps that produced it, in one transaction: a crash keeps both or neither. */
  saveRequestAndEvents(
    r: SupportRequest,
    events: readonly Omit<SupportEvent, 'seq'>[],
  ): SupportEvent[] {
    return this.commitTx(r, events);
  }

  /** Appends to the audit log: assigns the next seq and chains the hash over all events. */
  appendEvent(e: Omit<SupportEvent, 'seq'>): SupportEvent {
    return this.appendTx(e);
  }

  /** One request's events, oldest first. */
  timeline(requestId: string): SupportEvent[] {
    return this.selectTimeline.all(requestId).map(eventFromRow);
  }

  /** Recomputes the whole chain; names the first event that does not verify. */
  verifyAudit(): AuditResult {
    const rows = this.selectAllEvents.iterate();
    function* chained(): Generator<ChainedEvent> {
      for (const r of rows) yield { event: eventFromRow(r), prevHash: r.prev_hash, hash: r.hash };
    }
    const it = chained();
    try {
      return verifyChain(it);
    } finally {
      it.return(undefined); // closes the statement iterator when verification stops early
    }
  }

  /** Awards points once per (request, unit); returns false when that unit was already awarded. */
  addPoints(row: {
    jurisdictionId: string;
    requestId: string;
    unitId: string;
    points: number;
    tsMs: number;
  }): boolean {
    return (
      this.insertPoints.run(row.requestId, row.unitId, row.jurisdictionId, row.points, row.tsMs)
        .changes > 0
    );
  }

  /** Points per jurisdiction awarded at or after `sinceMs`. */
  burden(sinceMs: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.selectBurden.all(sinceMs)) out[r.j] = r.p;
    return out;
  }

  saveSuggestion(s: SupportSuggestion): void {
    this.upsertSuggestion.run(
      s.id,
      s.tsMs,
      s.cause,
      toSql(s.incidentId),
      toSql(s.jurisdictionId),
      toSql(s.available),
      toSql(s.needed),
      s.detail,
    );
  }

  /** Suggestions not dismissed, newest first. */
  listSuggestions(): SupportSuggestion[] {
    return this.selectSuggestions.all().map(suggestionFromRow);
  }

  /** False when the id is unknown or already dismissed. */
  dismissSuggestion(id: string, nowMs: number = Date.now()): boolean {
    return this.updateDismiss.run(nowMs, id).changes > 0;
  }

  /**
   * A fresh id such as 'sup-20261124-0007': the local day for readability, then a counter per
   * prefix that never resets (stored, so unique across restarts and clock changes).
   */
  nextId(prefix: IdPrefix, nowMs: number = Date.now()): string {
    const n = this.bumpCounter.get(prefix)?.n ?? 1;
    return `${prefix}-${dayStamp(nowMs)}-${String(n).padStart(4, '0')}`;
  }
}
