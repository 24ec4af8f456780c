// Exercise scenarios (MSEL, master scenario events list) and the facilitator's run of one.
import type { Grade, IncidentType } from './incidents';
import type { LonLat } from './region';
import type { CapabilityModule } from './units';

/** What an inject does to the exercise. */
export const INJECT_KINDS = [
  'incident',
  'sos',
  'battery-drain',
  'comms-loss',
  'device-failure',
  'unit-unavailable',
  'road-closed',
  'neighbour-request',
] as const;
export type InjectKind = (typeof INJECT_KINDS)[number];

/** Injects that act on one unit's device (its simulator). */
export const UNIT_INJECTS: ReadonlySet<InjectKind> = new Set([
  'sos',
  'battery-drain',
  'comms-loss',
  'device-failure',
  'unit-unavailable',
]);

/** Injects that create an incident the players handle. */
export const INCIDENT_INJECTS: ReadonlySet<InjectKind> = new Set(['incident', 'neighbour-request']);

/** One row of a scenario: when, what, for whom, and what the facilitator expects to see. */
export interface Inject {
  /** Unique in its scenario. */
  readonly id: string;
  /** Scenario time: seconds after the exercise starts. */
  readonly atS: number;
  readonly kind: InjectKind;
  /** The unit a device inject acts on. */
  readonly unitId?: string;
  readonly incidentType?: IncidentType;
  readonly grade?: Grade;
  /** Where an incident or a closed road is (resolved from `place` when given by name). */
  readonly lonLat?: LonLat;
  /** The place as named in the scenario (a township seat of the region, or a neighbour's). */
  readonly place?: string;
  /** Modules the facilitator expects the players to send. */
  readonly modules?: readonly CapabilityModule[];
  /** A neighbour-request: the county asking. */
  readonly from?: string;
  /** comms-loss, unit-unavailable: how long it lasts. */
  readonly durationS?: number;
  /** battery-drain: the level the battery falls to. */
  readonly batteryPct?: number;
  readonly description: string;
  /** Who is meant to act on it (e.g. 值班指挥长). */
  readonly player: string;
  readonly expected: string;
  readonly objective: string;
  /** Held back: fired by hand only if the exercise needs it, never by the clock. */
  readonly contingency: boolean;
}

export interface Scenario {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly injects: readonly Inject[];
}

/** A shipped or imported scenario as listed to the facilitator. */
export interface ScenarioSummary {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly injects: number;
}

export type InjectState = 'pending' | 'fired' | 'skipped';

export interface InjectRun {
  readonly inject: Inject;
  readonly state: InjectState;
  /** Session time it fired or was skipped. */
  readonly atMs?: number;
  /** The incident it created, if any. */
  readonly incidentId?: string;
  /** Fired by hand (fire now, ad hoc), not by the clock. */
  readonly byHand?: boolean;
  /** What the players did after it, from the session's log (worded by the screen). */
  readonly observed: readonly ObservedAction[];
}

export interface ObservedAction {
  readonly what:
    'support-requested' | 'support-approved' | 'units-on-scene' | 'alert-acked' | 'incident-closed';
  /** Seconds of session time after the inject fired. */
  readonly afterS: number;
  readonly by?: string;
}

/** The facilitator's view of the exercise's scenario. */
export interface DrillSnapshot {
  readonly scenario?: { readonly id: string; readonly name: string };
  /** Session time at which the scenario's time 0 falls. */
  readonly startMs?: number;
  readonly injects: readonly InjectRun[];
  readonly notes: readonly { readonly tsMs: number; readonly text: string }[];
}

/** Where a scenario comes from: one shipped with the region pack, or a CSV the facilitator imports. */
export type ScenarioSource =
  { readonly scenarioId: string } | { readonly csv: string; readonly name: string };

/** The columns of a scenario (CSV header, or a JSON inject's keys): docs/scenario-csv.md. */
export const SCENARIO_COLUMNS = [
  'id',
  'time',
  'kind',
  'unit',
  'type',
  'grade',
  'place',
  'lon',
  'lat',
  'modules',
  'from',
  'duration_s',
  'battery_pct',
  'description',
  'player',
  'expected',
  'objective',
  'contingency',
] as const;
export type ScenarioColumn = (typeof SCENARIO_COLUMNS)[number];

/** An inject placed by hand, in the scenario's columns; checked like a scenario row, fired at once. */
export type InjectDraft = Readonly<Partial<Record<ScenarioColumn, string>>>;

/** A facilitator's action on the running scenario. */
export type DrillAction =
  | { readonly type: 'fire'; readonly injectId: string }
  | { readonly type: 'fire-next' }
  | { readonly type: 'skip'; readonly injectId: string }
  | { readonly type: 'inject'; readonly draft: InjectDraft }
  | { readonly type: 'note'; readonly text: string };

export const SCENARIO_ERRORS = [
  'missing',
  'bad-time',
  'bad-number',
  'unknown-kind',
  'unknown-unit',
  'unknown-module',
  'unknown-type',
  'unknown-grade',
  'unknown-place',
  'outside-region',
  'inside-region',
  'duplicate-id',
  'bad-flag',
  'too-long',
  'no-injects',
  'unreadable',
] as const;
export type ScenarioErrorCode = (typeof SCENARIO_ERRORS)[number];

/** One thing wrong with a scenario: where (a CSV's line, 1 = header; a JSON inject's position), what. */
export interface ScenarioError {
  readonly line: number;
  readonly field: string;
  readonly code: ScenarioErrorCode;
  /** The offending value as written (shortened). */
  readonly value?: string;
}

/** A scenario loaded, or refused whole with every error found. */
export type ScenarioLoad =
  | { readonly ok: true; readonly drill: DrillSnapshot }
  | { readonly ok: false; readonly errors: readonly ScenarioError[] };
