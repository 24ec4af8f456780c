import type Database from 'better-sqlite3';
import type { Incident } from '../../../shared/domain/incidents';
import type { LogEvent } from '../../../shared/domain/log';
import type {
  SupportEvent,
  SupportRequest,
  SupportSuggestion,
} from '../../../shared/domain/support';
import type { AuditResult } from '../log/chain';
import type { EventLog, LogRow } from '../log/EventLog';
import { logEventFromRow } from '../log/EventLog';
import { mergePatch } from '../log/projections';
import {
  dayStamp,
  incidentFromRow,
  json,
  requestFromRow,
  suggestionFromRow,
  toSql,
  type IdPrefix,
  type IncidentRow,
  type RequestRow,
  type SuggestionRow,
} from './supportRows';

export type { IdPrefix } from './supportRows';

/** How an incident changed, for its event in the log. */
export interface IncidentChange {
  readonly kind: 'incident-regraded' | 'incident-edited' | 'incident-handover' | 'incident-closed';
  readonly operator: string;
  readonly reason?: string;
}

/** The support steps of a request: its timeline (the state events are the log's, not the UI's). */
const STEP_FILTER = `kind NOT IN ('request', 'points')`;

/**
 * Persistence of the support loop: incidents, requests, task points and suggestions as
 * projections of the session's event log, each change written with its event in one transaction;
 * the support steps (the timeline) in the same log; and id counters. Statements are prepared once.
 */
export class SupportRepo {
  private readonly upsertIncident: Database.Statement;
  private readonly selectIncident: Database.Statement<[string], IncidentRow>;
  private readonly selectIncidents: Database.Statement<[number, number], IncidentRow>;
  private readonly upsertRequest: Database.Statement;
  private readonly selectRequest: Database.Statement<[string], RequestRow>;
  private readonly selectRequests: Database.Statement<[number, number], RequestRow>;
  private readonly selectLiveRequests: Database.Statement<[], RequestRow>;
  private readonly selectTimeline: Database.Statement<[string], LogRow>;
  private readonly insertPoints: Database.Statement;
  private readonly selectBurden: Database.Statement<[number], { j: string; p: number }>;
  private readonly upsertSuggestion: Database.Statement;
  private readonly selectSuggestion: Database.Statement<[string], SuggestionRow>;
  private readonly selectSuggestions: Database.Statement<[], SuggestionRow>;
  private readonly updateDismiss: Database.Statement<[number, string]>;
  private readonly bumpCounter: Database.Statement<[string], { n: number }>;

  /** `origin`: the session id, appended to every id handed out (unique across sessions and consoles). */
  constructor(
    db: Database.Database,
    private readonly log: EventLog,
    private readonly origin: string,
  ) {
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
         approved_by, countersigned_by, emergency, supplement_of)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET
         incident_id = excluded.incident_id, state = excluded.state,
         recommendation = excluded.recommendation, approved = excluded.approved,
         orders = excluded.orders, requested_by = excluded.requested_by,
         updated_ms = excluded.updated_ms, approved_ms = excluded.approved_ms,
         start_due_ms = excluded.start_due_ms, on_scene_due_ms = excluded.on_scene_due_ms,
         approved_by = excluded.approved_by, countersigned_by = excluded.countersigned_by,
         emergency = excluded.emergency, supplement_of = excluded.supplement_of`,
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
    this.selectTimeline = db.prepare(
      `SELECT * FROM event_log WHERE subject = ? AND ${STEP_FILTER} ORDER BY seq`,
    );
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
    this.selectSuggestion = db.prepare('SELECT * FROM support_suggestion WHERE id = ?');
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
  }

  /** Inserts a new incident with its event (created by its commander); throws if the id exists. */
  insertIncident(i: Incident): void {
    this.log.write(() => {
      this.writeIncident(i, false);
      this.log.append({
        subject: i.id,
        tsMs: i.createdMs,
        operator: i.commander,
        kind: 'incident-created',
        body: i,
      });
    });
  }

  /** Replaces a stored incident with the event saying how; throws if the id is unknown. */
  updateIncident(i: Incident, change: IncidentChange): void {
    this.log.write(() => {
      const prev = this.getIncident(i.id);
      if (prev === undefined) throw new Error(`unknown incident ${i.id}`);
      this.writeIncident(i, true);
      this.log.append({
        subject: i.id,
        tsMs: i.updatedMs,
        operator: change.operator,
        kind: change.kind,
        ...(change.reason === undefined ? {} : { reason: change.reason }),
        body: mergePatch(prev, i),
      });
    });
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

  /** Inserts or replaces a request (created_ms is kept from the first save), with its event. */
  saveRequest(r: SupportRequest, operator = 'system'): void {
    this.log.write(() => this.writeRequest(r, operator));
  }

  private writeRequest(r: SupportRequest, operator: string): void {
    const prev = this.getRequest(r.id);
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
      json(r.emergency),
      json(r.supplementOf),
    );
    const body = mergePatch(prev, r);
    if (Object.keys(body).length === 0) return;
    this.log.append({ subject: r.id, tsMs: r.updatedMs, operator, kind: 'request', body });
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
    return this.log.write(() => {
      this.writeRequest(r, events[0]?.operator ?? 'system');
      return events.map((e) => stepOf(this.log.append(logOfStep(e))));
    });
  }

  /** Appends one support step to the log. */
  appendEvent(e: Omit<SupportEvent, 'seq'>): SupportEvent {
    return this.log.write(() => stepOf(this.log.append(logOfStep(e))));
  }

  /** One request's steps, oldest first. */
  timeline(requestId: string): SupportEvent[] {
    return this.selectTimeline.all(requestId).map((r) => stepOf(logEventFromRow(r)));
  }

  /** Recomputes the whole chain of the log; names the first event that does not verify. */
  verifyAudit(): AuditResult {
    return this.log.verify();
  }

  /** Awards points once per (request, unit); returns false when that unit was already awarded. */
  addPoints(row: {
    jurisdictionId: string;
    requestId: string;
    unitId: string;
    points: number;
    tsMs: number;
  }): boolean {
    return this.log.write(() => {
      const added =
        this.insertPoints.run(row.requestId, row.unitId, row.jurisdictionId, row.points, row.tsMs)
          .changes > 0;
      if (added) {
        this.log.append({
          subject: row.requestId,
          tsMs: row.tsMs,
          operator: 'system',
          kind: 'points',
          body: { unitId: row.unitId, jurisdictionId: row.jurisdictionId, points: row.points },
        });
      }
      return added;
    });
  }

  /** Points per jurisdiction awarded at or after `sinceMs`. */
  burden(sinceMs: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.selectBurden.all(sinceMs)) out[r.j] = r.p;
    return out;
  }

  /** Raises or refreshes a suggestion (a dismissal is kept). */
  saveSuggestion(s: SupportSuggestion): void {
    this.log.write(() => {
      const prev = this.selectSuggestion.get(s.id);
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
      if (prev && JSON.stringify(suggestionFromRow(prev)) === JSON.stringify(s)) return;
      this.log.append({
        subject: s.id,
        tsMs: s.tsMs,
        operator: 'system',
        kind: 'suggestion',
        body: s,
      });
    });
  }

  /** Suggestions not dismissed, newest first. */
  listSuggestions(): SupportSuggestion[] {
    return this.selectSuggestions.all().map(suggestionFromRow);
  }

  /** False when the id is unknown or already dismissed. */
  dismissSuggestion(id: string, nowMs: number, operator = 'system'): boolean {
    return this.log.write(() => {
      if (this.updateDismiss.run(nowMs, id).changes === 0) return false;
      this.log.append({
        subject: id,
        tsMs: nowMs,
        operator,
        kind: 'suggestion-dismissed',
        body: { dismissedMs: nowMs },
      });
      return true;
    });
  }

  /**
   * A fresh id such as 'sup-20261124-0007.lv-3k9x2m7qa1': the local day and a counter for
   * readability (stored, so unique across restarts and clock changes), then the session it was
   * made in, so ids from two sessions or two consoles never collide.
   */
  nextId(prefix: IdPrefix, nowMs: number): string {
    const n = this.bumpCounter.get(prefix)?.n ?? 1;
    return `${prefix}-${dayStamp(nowMs)}-${String(n).padStart(4, '0')}.${this.origin}`;
  }
}

/** A support step as a log event: its request is the subject. */
function logOfStep(e: Omit<SupportEvent, 'seq'>): Omit<LogEvent, 'seq'> {
  const { requestId, ...rest } = e;
  return { ...rest, subject: requestId };
}

/** A log event read back as a support step (the timeline's shape). */
export function stepOf(e: LogEvent): SupportEvent {
  return {
    seq: e.seq,
    requestId: e.subject,
    tsMs: e.tsMs,
    operator: e.operator,
    kind: e.kind as SupportEvent['kind'],
    from: e.from,
    to: e.to,
    unitId: e.unitId,
    reason: e.reason,
    ...(e.note === undefined ? {} : { note: e.note }),
  };
}
