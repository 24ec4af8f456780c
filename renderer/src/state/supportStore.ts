import {
  TERMINAL_SUPPORT_STATES,
  type SupportEvent,
  type SupportPackage,
  type SupportRequest,
  type SupportState,
  type SupportSuggestion,
  type UnitOrder,
} from '../../../shared/domain/support';
import { createReducerStore, mergeNewer, upsertNewer, type ReducerStore } from './reducerStore';

/** Support requests, their timelines and the console's suggestions, as the UI shows them. */
export interface SupportViewState {
  /** Newest created first, one entry per id. */
  readonly requests: readonly SupportRequest[];
  /** Per request id, oldest first, one entry per seq. */
  readonly timelines: ReadonlyMap<string, readonly SupportEvent[]>;
  /** Newest first, one entry per id. */
  readonly suggestions: readonly SupportSuggestion[];
  /** Bumped on every change; map layers key their updateTriggers on it. */
  readonly version: number;
}

export const EMPTY_SUPPORT: SupportViewState = {
  requests: [],
  timelines: new Map(),
  suggestions: [],
  version: 0,
};

const byCreated = (a: SupportRequest, b: SupportRequest): number =>
  b.createdMs - a.createdMs || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export const isTerminal = (state: SupportState): boolean => TERMINAL_SUPPORT_STATES.has(state);

/** Requested or recommended: the commander still has to decide (the recommendation panel shows). */
export const awaitsDecision = (state: SupportState): boolean =>
  state === 'requested' || state === 'recommended';

/** Loads the answer of listSupport(); an open request the answer does not have yet stays. */
export function resetSupport(
  s: SupportViewState,
  list: readonly SupportRequest[],
): SupportViewState {
  const requests = mergeNewer(s.requests, list, (r) => !isTerminal(r.state)).sort(byCreated);
  return { ...s, requests, version: s.version + 1 };
}

/** Applies one pushed request; an older or equal record for the same id changes nothing. */
export function applySupport(s: SupportViewState, r: SupportRequest): SupportViewState {
  const next = upsertNewer(s.requests, r);
  return next ? { ...s, requests: next.sort(byCreated), version: s.version + 1 } : s;
}

function mergeEvents(
  held: readonly SupportEvent[],
  more: readonly SupportEvent[],
): SupportEvent[] | undefined {
  const bySeq = new Map(held.map((e) => [e.seq, e]));
  let added = false;
  for (const e of more) {
    if (bySeq.has(e.seq)) continue;
    bySeq.set(e.seq, e);
    added = true;
  }
  return added ? [...bySeq.values()].sort((a, b) => a.seq - b.seq) : undefined;
}

function withTimeline(
  s: SupportViewState,
  requestId: string,
  events: readonly SupportEvent[],
): SupportViewState {
  const merged = mergeEvents(s.timelines.get(requestId) ?? [], events);
  if (!merged) return s;
  const timelines = new Map(s.timelines);
  timelines.set(requestId, merged);
  return { ...s, timelines, version: s.version + 1 };
}

/** Loads getSupportTimeline(); events pushed meanwhile are kept (merged by seq). */
export const setTimeline = (
  s: SupportViewState,
  requestId: string,
  events: readonly SupportEvent[],
): SupportViewState => withTimeline(s, requestId, events);

/** Applies one pushed step; a redelivered seq changes nothing. */
export const applySupportEvent = (s: SupportViewState, e: SupportEvent): SupportViewState =>
  withTimeline(s, e.requestId, [e]);

export function resetSuggestions(
  s: SupportViewState,
  list: readonly SupportSuggestion[],
): SupportViewState {
  const suggestions = [...list].sort((a, b) => b.tsMs - a.tsMs);
  return { ...s, suggestions, version: s.version + 1 };
}

export function applySuggestion(s: SupportViewState, g: SupportSuggestion): SupportViewState {
  const suggestions = [g, ...s.suggestions.filter((x) => x.id !== g.id)].sort(
    (a, b) => b.tsMs - a.tsMs,
  );
  return { ...s, suggestions, version: s.version + 1 };
}

export function removeSuggestion(s: SupportViewState, id: string): SupportViewState {
  if (!s.suggestions.some((g) => g.id === id)) return s;
  return { ...s, suggestions: s.suggestions.filter((g) => g.id !== id), version: s.version + 1 };
}

// ---- selectors ----

export const requestById = (
  s: SupportViewState,
  id: string | undefined,
): SupportRequest | undefined =>
  id === undefined ? undefined : s.requests.find((r) => r.id === id);

/** The request an incident's detail shows: its newest open one, else its newest ended one. */
export function requestForIncident(
  s: SupportViewState,
  incidentId: string,
): SupportRequest | undefined {
  const mine = s.requests.filter((r) => r.incidentId === incidentId);
  return mine.find((r) => !isTerminal(r.state)) ?? mine[0];
}

/**
 * What an incident's support came to, over all its requests: while one is in progress, its state;
 * once all have ended, whether the units arrived (all, some) or the support was cancelled, rejected
 * or expired. `arrived` of `ordered` counts the units that reached the scene.
 */
export type SupportOutcome =
  | { readonly kind: 'in-progress'; readonly state: SupportState }
  | {
      readonly kind: 'delivered' | 'partly-delivered';
      readonly arrived: number;
      readonly ordered: number;
    }
  | { readonly kind: 'cancelled' | 'rejected' | 'expired' | 'not-delivered' };

export function supportOutcome(
  s: SupportViewState,
  incidentId: string,
): SupportOutcome | undefined {
  const mine = s.requests.filter((r) => r.incidentId === incidentId);
  const open = mine.find((r) => !isTerminal(r.state));
  if (open) return { kind: 'in-progress', state: open.state };
  const last = mine[0]?.state;
  const orders = mine.flatMap((r) => r.orders);
  const arrived = orders.filter((o) => o.onSceneMs !== undefined).length;
  if (arrived > 0) {
    const kind = arrived === orders.length ? 'delivered' : 'partly-delivered';
    return { kind, arrived, ordered: orders.length };
  }
  if (last === 'rejected' || last === 'cancelled' || last === 'expired') return { kind: last };
  return orders.length > 0 ? { kind: 'not-delivered' } : undefined;
}

/** States in which units are committed to the incident. */
const COMMITTED: ReadonlySet<SupportState> = new Set<SupportState>([
  'approved',
  'dispatched',
  'en-route',
  'on-scene',
]);
export const isCommitted = (r: SupportRequest): boolean => COMMITTED.has(r.state);

/** Incidents with support under way: they get a geofence ring on the map. */
export function activeIncidentIds(s: SupportViewState): Set<string> {
  return new Set(s.requests.filter(isCommitted).map((r) => r.incidentId));
}

/** The package whose units the map and the board follow: the approved one, else the best. */
export const shownPackage = (r: SupportRequest): SupportPackage | undefined =>
  r.approved ?? r.recommendation?.packages[0];

export interface SlaTimer {
  readonly kind: 'start' | 'on-scene';
  readonly dueMs: number;
  /** Due minus now, negative once past due. */
  readonly remainingMs: number;
  /** The target was reached (every unit moving, resp. on scene). */
  readonly met: boolean;
  /** Reached after the deadline, or not reached and the deadline has passed. */
  readonly breached: boolean;
}

const STARTED: ReadonlySet<UnitOrder['state']> = new Set<UnitOrder['state']>([
  'acknowledged',
  'en-route',
  'on-scene',
  'released',
]);
const ARRIVED: ReadonlySet<UnitOrder['state']> = new Set<UnitOrder['state']>([
  'on-scene',
  'released',
]);

function timer(
  kind: SlaTimer['kind'],
  dueMs: number,
  orders: readonly UnitOrder[],
  reached: ReadonlySet<UnitOrder['state']>,
  reachedMs: (o: UnitOrder) => number | undefined,
  nowMs: number,
): SlaTimer {
  const met = orders.length > 0 && orders.every((o) => reached.has(o.state));
  const times = orders.map(reachedMs);
  const metMs = met && times.every((t) => t !== undefined) ? Math.max(...times) : undefined;
  const breached = met ? metMs !== undefined && metMs > dueMs : nowMs > dueMs;
  return { kind, dueMs, remainingMs: dueMs - nowMs, met, breached };
}

/** The SLA timers of an approved request; none before approval or for a request that ended unused. */
export function slaTimers(r: SupportRequest, nowMs: number): SlaTimer[] {
  if (r.state === 'rejected' || r.state === 'cancelled' || r.state === 'expired') return [];
  const out: SlaTimer[] = [];
  if (r.startDueMs !== undefined)
    out.push(timer('start', r.startDueMs, r.orders, STARTED, (o) => o.ackMs, nowMs));
  if (r.onSceneDueMs !== undefined)
    out.push(timer('on-scene', r.onSceneDueMs, r.orders, ARRIVED, (o) => o.onSceneMs, nowMs));
  return out;
}

/** Seconds as mm:ss (minutes unbounded, "-" when negative): ETAs and countdowns. */
/**
 * Seconds left of a unit's predicted travel at `nowMs`: its ETA as last priced (from its live
 * position, or at the send before the first update) minus the time since; never below zero.
 */
export function remainingEtaS(o: UnitOrder, nowMs: number): number {
  const asOf = o.etaMs ?? o.sentMs ?? nowMs;
  return Math.max(0, o.etaS - Math.max(0, nowMs - asOf) / 1000);
}

export interface SupportStore extends ReducerStore<SupportViewState> {
  reset(list: readonly SupportRequest[]): void;
  apply(r: SupportRequest): void;
  setTimeline(requestId: string, events: readonly SupportEvent[]): void;
  applyEvent(e: SupportEvent): void;
  resetSuggestions(list: readonly SupportSuggestion[]): void;
  applySuggestion(g: SupportSuggestion): void;
  removeSuggestion(id: string): void;
}

export function createSupportStore(): SupportStore {
  const store = createReducerStore(EMPTY_SUPPORT);
  return {
    ...store,
    reset: (list) => store.update((s) => resetSupport(s, list)),
    apply: (r) => store.update((s) => applySupport(s, r)),
    setTimeline: (id, events) => store.update((s) => setTimeline(s, id, events)),
    applyEvent: (e) => store.update((s) => applySupportEvent(s, e)),
    resetSuggestions: (list) => store.update((s) => resetSuggestions(s, list)),
    applySuggestion: (g) => store.update((s) => applySuggestion(s, g)),
    removeSuggestion: (id) => store.update((s) => removeSuggestion(s, id)),
  };
}
