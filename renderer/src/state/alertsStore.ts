import {
  ALARM_KINDS,
  ALERT_LIST_MAX,
  isOpenAlert,
  type Alert,
  type AlertEvent,
} from '../../../shared/domain/alerts';
import { createListeners } from './listeners';

/** Alerts as the panel shows them: newest raised first, one entry per id. */
export interface AlertsState {
  readonly list: readonly Alert[];
  /** Unit ids with an open (unacknowledged) alert, and those whose open alert is an SOS. */
  readonly openUnits: ReadonlySet<string>;
  readonly sosUnits: ReadonlySet<string>;
  readonly openCount: number;
  /** Bumped on every change; map layers key their updateTriggers on it. */
  readonly version: number;
}

const newestFirst = (a: Alert, b: Alert): number => b.raisedMs - a.raisedMs || b.id - a.id;

function derive(list: readonly Alert[], version: number): AlertsState {
  const open = list.filter(isOpenAlert);
  return {
    list,
    openUnits: new Set(open.map((a) => a.unitId)),
    sosUnits: new Set(open.filter((a) => a.kind === 'sos').map((a) => a.unitId)),
    openCount: open.length,
    version,
  };
}

export const EMPTY_ALERTS: AlertsState = derive([], 0);

/**
 * Loads the list answered by listAlerts() (initial load, reload after a reconnect). Pushed changes
 * may have crossed the answer on the wire, so the later of two records for one id is kept, and an
 * open alert the answer does not have yet (raised after the query) stays.
 */
export function resetAlerts(s: AlertsState, alerts: readonly Alert[]): AlertsState {
  const held = new Map(s.list.map((a) => [a.id, a]));
  const merged = alerts.map((a) => {
    const mine = held.get(a.id);
    return mine && rank(mine) > rank(a) ? mine : a;
  });
  const answered = new Set(alerts.map((a) => a.id));
  for (const a of s.list) if (!answered.has(a.id) && isOpenAlert(a)) merged.push(a);
  return derive(merged.sort(newestFirst).slice(0, ALERT_LIST_MAX), s.version + 1);
}

/**
 * Applies one pushed change. Events can overtake a listAlerts() answer, so a record never replaces
 * a later one for the same id: acknowledged beats not, cleared beats not.
 */
export function applyAlertEvent(s: AlertsState, e: AlertEvent): AlertsState {
  const cur = s.list.find((a) => a.id === e.alert.id);
  if (cur && rank(cur) > rank(e.alert)) return s;
  const rest = s.list.filter((a) => a.id !== e.alert.id);
  return derive([e.alert, ...rest].sort(newestFirst).slice(0, ALERT_LIST_MAX), s.version + 1);
}

const rank = (a: Alert): number =>
  (a.ackedMs !== undefined ? 2 : 0) + (a.clearedMs !== undefined ? 1 : 0);

/** A new SOS or heart-rate alert sounds the tone; clears, acknowledgements and reopenings do not. */
export function soundsAlarm(prev: AlertsState, e: AlertEvent): boolean {
  if (e.change !== 'raised' || !ALARM_KINDS.has(e.alert.kind)) return false;
  const cur = prev.list.find((a) => a.id === e.alert.id);
  return cur === undefined || cur.clearedMs !== undefined;
}

export interface AlertsStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): AlertsState;
  reset(alerts: readonly Alert[]): void;
  /** Applies a change; returns whether it should sound the alarm. */
  push(e: AlertEvent): boolean;
}

export function createAlertsStore(): AlertsStore {
  let state = EMPTY_ALERTS;
  const listeners = createListeners();
  const set = (next: AlertsState): void => {
    if (next === state) return;
    state = next;
    listeners.notify();
  };
  return {
    subscribe: listeners.subscribe,
    getSnapshot: () => state,
    reset: (alerts) => set(resetAlerts(state, alerts)),
    push(e) {
      const alarm = soundsAlarm(state, e);
      set(applyAlertEvent(state, e));
      return alarm;
    },
  };
}
