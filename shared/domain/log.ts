// The session's one append-only, hash-chained event log: everything operators and the system do.
// Current state (incidents, requests, alerts, suggestions, task points) is a projection of it, so
// replay, reports and audit all read the same record.
import type { SupportEvent } from './support';

/** Events that change state; the support loop's steps (SupportEvent kinds) record what happened. */
export const STATE_EVENT_KINDS = [
  'incident-created',
  'incident-regraded',
  'incident-edited',
  'incident-handover',
  'incident-closed',
  'request',
  'alert-raised',
  'alert-cleared',
  'alert-acked',
  'suggestion',
  'suggestion-dismissed',
  'points',
] as const;
export type StateEventKind = (typeof STATE_EVENT_KINDS)[number];

/**
 * Events about the session itself: an exercise opened or ended, its clock paused or moved, its
 * scenario loaded, an inject fired, skipped or added, a facilitator's note.
 */
export const SESSION_EVENT_KINDS = [
  'session-started',
  'session-ended',
  'clock',
  'scenario-loaded',
  'inject-fired',
  'inject-skipped',
  'inject-added',
  'drill-note',
] as const;
export type SessionEventKind = (typeof SESSION_EVENT_KINDS)[number];

/**
 * Who got in and what they were refused: logins, log-outs and failed logins, commands refused to
 * a caller, and an administrator's changes to operators and wall tokens. Kept in live's log, the
 * workstation's record, whichever session the screen showed.
 */
export const ACCESS_EVENT_KINDS = [
  'login',
  'login-failed',
  'logout',
  'access-refused',
  'operator-enrolled',
  'operator-removed',
  'wall-token-issued',
  'wall-token-revoked',
  'audit-exported',
  'data-read',
] as const;
export type AccessEventKind = (typeof ACCESS_EVENT_KINDS)[number];

export type LogEventKind =
  StateEventKind | SessionEventKind | AccessEventKind | SupportEvent['kind'];

export interface LogEvent {
  /** Position in the session's log, from 1. */
  readonly seq: number;
  /** What the event is about: an incident, request or suggestion id, an alert's number. */
  readonly subject: string;
  /** Session time (epoch ms). */
  readonly tsMs: number;
  readonly operator: string;
  readonly kind: LogEventKind;
  readonly from?: SupportEvent['from'];
  readonly to?: SupportEvent['to'];
  readonly unitId?: string;
  readonly reason?: string;
  readonly note?: SupportEvent['note'];
  /**
   * The change as data: a whole record (created, an alert), or the fields that changed (a JSON
   * merge patch: a field set to null was removed).
   */
  readonly body?: unknown;
}
