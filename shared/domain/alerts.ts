// Alerts derived in the core from device telemetry, events and liveness.

export const ALERT_KINDS = [
  'sos',
  'low-battery',
  'heart-rate',
  'offline',
  // A support unit late against its grade's SLA: before the deadline (warning) and at it (breach).
  'sla-warning',
  'sla-breach',
  // The broker did not resume the console's session: QoS 1 messages queued for it in a window of
  // time may be lost. Raised for the console, not a unit (unitId ''), and cleared at once.
  'data-gap',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Kinds the support desk raises and clears itself, not the telemetry rules. */
export const SLA_ALERT_KINDS = ['sla-warning', 'sla-breach'] as const;
export type SlaAlertKind = (typeof SLA_ALERT_KINDS)[number];

/**
 * Kinds that sound the alarm tone when raised: someone may be hurt, or support is about to be or
 * is late (rare: at most one of each per unit and milestone, and time-critical).
 */
export const ALARM_KINDS: ReadonlySet<AlertKind> = new Set<AlertKind>([
  'sos',
  'heart-rate',
  'sla-warning',
  'sla-breach',
]);

/**
 * One alert. Every alert needs an operator's acknowledgement: it stays open until acknowledged,
 * even after its condition has cleared (an SOS released after two seconds still happened).
 */
export interface Alert {
  readonly id: number;
  readonly kind: AlertKind;
  /** The unit it concerns; '' for an alert about the console itself (a data gap). */
  readonly unitId: string;
  readonly raisedMs: number;
  /**
   * The reading that raised it: battery %, heart rate bpm; for SLA alerts the minutes to the
   * deadline (negative once past it); for a data gap the start of the window (epoch ms; it ends
   * at raisedMs); undefined for SOS and offline.
   */
  readonly value: number | undefined;
  /** Short machine-written context, e.g. the source ('event', 'telemetry', 'status'). */
  readonly detail: string | undefined;
  /** When the condition ended; undefined while it holds. */
  readonly clearedMs: number | undefined;
  readonly ackedMs: number | undefined;
  readonly ackedBy: string | undefined;
}

/** active: condition holds, not acknowledged; acked: acknowledged; cleared: condition over, not acknowledged. */
export type AlertState = 'active' | 'acked' | 'cleared';

export function alertState(a: Alert): AlertState {
  if (a.ackedMs !== undefined) return 'acked';
  return a.clearedMs === undefined ? 'active' : 'cleared';
}

export const isOpenAlert = (a: Alert): boolean => a.ackedMs === undefined;

/** Pushed on every raise, clear and acknowledgement. `alert` is the whole record after the change. */
export interface AlertEvent {
  readonly change: 'raised' | 'cleared' | 'acked';
  readonly alert: Alert;
}

/** listAlerts(): open alerts plus those acknowledged within this window, newest first. */
export const ALERT_ACKED_WINDOW_MS = 24 * 3_600_000;
export const ALERT_LIST_MAX = 500;
