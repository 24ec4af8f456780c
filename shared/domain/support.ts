// The support loop (需求 → 资源 → 匹配 → 处置 → 反馈) as the renderer sees it.
import type { LonLat } from './region';
import type { CapabilityModule, UnitKind } from './units';
import type { Grade, ModuleNeed } from './incidents';

/** Support request states. The transition table lives in electron/core/support/workflow. */
export const SUPPORT_STATES = [
  'requested',
  'recommended',
  'approved',
  'dispatched',
  'en-route',
  'on-scene',
  'released',
  'rejected',
  'cancelled',
  'expired',
] as const;
export type SupportState = (typeof SUPPORT_STATES)[number];

export const TERMINAL_SUPPORT_STATES: ReadonlySet<SupportState> = new Set<SupportState>([
  'released',
  'rejected',
  'cancelled',
  'expired',
]);

/** One unit's order inside an approved request. */
export const ORDER_STATES = [
  'pending', // approved, not yet sent
  'sent', // published at QoS 1, waiting for the device's acknowledgement
  'acknowledged',
  'en-route',
  'on-scene',
  'released',
  'no-ack', // every retry timed out
  'refused', // the device declined
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/** What a unit is doing, as the map colours it. */
export const UNIT_STATUSES = [
  'available',
  'assigned',
  'en-route',
  'on-scene',
  'off-duty',
  'offline',
] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

/** Why one unit is in a package: everything a commander needs to judge the choice. */
export interface PackageUnit {
  readonly unitId: string;
  readonly callsign: string;
  readonly stationId: string;
  /** Predicted travel time to the incident, seconds. */
  readonly etaS: number;
  readonly distanceM: number;
  /** The required modules this unit counts towards. */
  readonly covers: readonly CapabilityModule[];
  /**
   * Units left available at its station after this package leaves, in the reserve group closest
   * to its minimum: its kind, or units carrying `reserveModule` when the station keeps those.
   */
  readonly reserveLeft: number;
  /** The station's minimum for that group. */
  readonly reserveMin: number;
  /** Set when the group shown is the station's reserve of a capability module. */
  readonly reserveModule?: CapabilityModule;
  /** Hours on duty now, and predicted at the end of the task. */
  readonly dutyHours: number;
  readonly dutyHoursAtEnd: number;
  /** Task points its jurisdiction has carried in the burden window (higher = has helped more). */
  readonly burdenPoints: number;
  /** True when the unit belongs to the incident's own jurisdiction (属地). */
  readonly local: boolean;
  /** Route polyline [lon, lat][] when the travel model knows one; straight line otherwise. */
  readonly route: readonly LonLat[];
}

export const SHORTFALL_CAUSES = [
  'no-unit-has-module',
  'all-at-reserve',
  'all-past-duty',
  'all-busy',
  'battery',
  'unreachable',
  'excluded-by-commander',
  'used-elsewhere',
  'not-chosen',
] as const;
/** Machine-readable cause for i18n; the detail sentence carries the specifics. */
export type ShortfallCause = (typeof SHORTFALL_CAUSES)[number];

export const RULE_VIOLATIONS = [
  'reserve',
  'duty',
  'battery',
  'availability',
  'unreachable',
  'unknown-unit',
] as const;
export type RuleViolationKind = (typeof RULE_VIOLATIONS)[number];

/** The figures behind a held-back unit or a broken rule, for the sentence the UI builds from them. */
export interface RuleFigures {
  readonly stationId?: string;
  readonly kind?: UnitKind;
  /** What the unit is doing now (not available). */
  readonly status?: UnitStatus;
  /** Battery and the floor for its kind, %. */
  readonly batteryPct?: number;
  readonly floorPct?: number;
  /** Hours on duty at the end of the task, and the limit. */
  readonly dutyAtEndH?: number;
  readonly maxDutyH?: number;
  /**
   * Its station's minimum reserve of its kind (or, with `reserveModule`, of units carrying that
   * module), and how many of them it has (or would have) available.
   */
  readonly reserveMin?: number;
  readonly reserveAvailable?: number;
  readonly reserveModule?: CapabilityModule;
}

/** A hard rule a commander-edited (what-if) package breaks. */
export interface RuleViolation extends RuleFigures {
  readonly unitId: string;
  readonly rule: RuleViolationKind;
  /** Plain English, for logs and errors; the renderer builds its text from `rule` and the figures. */
  readonly detail: string;
}

/** Why a unit is not a candidate, in the order the checks run (the first failing one is kept). */
export const EXCLUSION_REASONS = [
  'excluded-by-commander',
  'not-available',
  'battery-floor',
  'no-needed-module',
  'unreachable',
  'past-duty',
  'at-reserve',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export function isExclusionReason(x: string): x is ExclusionReason {
  return (EXCLUSION_REASONS as readonly string[]).includes(x);
}

/** Why a unit carrying a needed module does not count for it. */
export const HELD_REASONS = [
  'not-available',
  'battery-floor',
  'past-duty',
  'at-reserve',
  'unreachable',
  'excluded-by-commander',
  'used-elsewhere',
  'not-chosen',
] as const;
export type HeldReason = (typeof HELD_REASONS)[number];

/** The nearest unit held back from a need: why, and the figures of what would release it. */
export interface HeldUnit extends RuleFigures {
  readonly unitId: string;
  readonly stationId: string;
  readonly kind: UnitKind;
  readonly reason: HeldReason;
  /** Predicted travel to the scene, s; absent when no route reaches it. */
  readonly etaS?: number;
}

/** A need the pool cannot meet, with what would satisfy it. Never an empty package without this. */
export interface Shortfall {
  readonly module: CapabilityModule;
  readonly needed: number;
  readonly found: number;
  /** Machine-readable cause for i18n. */
  readonly cause: ShortfallCause;
  /** Plain English, for logs and errors, e.g. "needs 1 eod, found 0: no unit in this console's pool…". */
  readonly detail: string;
  /** Units with the module held back from this need, per reason, most first; empty: none in the pool. */
  readonly held: readonly { readonly reason: HeldReason; readonly count: number }[];
  /** The nearest of them, and what would satisfy the need through it. */
  readonly nearest?: HeldUnit;
}

export interface Compliance {
  readonly grade: Grade;
  readonly targetOnSceneS: number;
  /** Latest predicted arrival in the package, seconds. */
  readonly lastArrivalS: number;
  readonly unitsLate: number;
  readonly meetsTarget: boolean;
}

/** Coverage a lending station loses: how far its area's reach worsens while the units are away. */
export interface CoverageCost {
  readonly stationId: string;
  readonly unitsLent: number;
  readonly availableBefore: number;
  readonly availableAfter: number;
}

export interface SupportPackage {
  readonly units: readonly PackageUnit[];
  readonly compliance: Compliance;
  readonly coverage: readonly CoverageCost[];
  /** Objective value (lower is better), comparable between packages of one recommendation. */
  readonly score: number;
  /** Needs not covered by this package (empty when it covers everything). */
  readonly shortfalls: readonly Shortfall[];
  /** Hard rules a commander-edited package breaks (what-if); absent or empty when none. */
  readonly violations?: readonly RuleViolation[];
}

export interface Recommendation {
  readonly needs: readonly ModuleNeed[];
  /** Best first; up to three (the best and two alternatives). */
  readonly packages: readonly SupportPackage[];
  readonly solver: 'highs' | 'greedy';
  /** Why the greedy fallback was used (solver failed / timed out), shown to the commander. */
  readonly fallbackReason?: string;
  readonly computedMs: number;
  readonly elapsedMs: number;
  /** Units considered and why others were excluded (counts by reason). */
  readonly excluded: Readonly<Record<string, number>>;
}

export interface UnitOrder {
  readonly unitId: string;
  readonly callsign: string;
  readonly state: OrderState;
  readonly attempts: number;
  readonly sentMs?: number;
  readonly ackMs?: number;
  readonly onSceneMs?: number;
  /** Predicted travel time to the scene, s, as of `etaMs` (or of the send, before any update). */
  readonly etaS: number;
  /** When `etaS` was last priced from the unit's live position; absent: the approval's estimate. */
  readonly etaMs?: number;
}

export interface SupportRequest {
  readonly id: string;
  readonly incidentId: string;
  readonly state: SupportState;
  readonly recommendation?: Recommendation;
  /** The package the commander approved (possibly edited by what-if). */
  readonly approved?: SupportPackage;
  readonly orders: readonly UnitOrder[];
  /**
   * 追加支援: the committed request(s) of the same incident whose units count toward this one's run
   * card; this request asks only for what they do not cover.
   */
  readonly supplementOf?: readonly string[];
  readonly requestedBy: string;
  readonly createdMs: number;
  readonly updatedMs: number;
  readonly approvedMs?: number;
  /** The operator who approved. */
  readonly approvedBy?: string;
  /** The supervisor who countersigned an approval above the operator's role (会签). */
  readonly countersignedBy?: string;
  /**
   * 紧急授权: dispatched at once by a commander, with a written reason, when no supervisor could
   * countersign in time. Flagged until a supervisor approves it after the fact.
   */
  readonly emergency?: EmergencyAuthority;
  /** SLA deadlines from approval, epoch ms. */
  readonly startDueMs?: number;
  readonly onSceneDueMs?: number;
}

export interface EmergencyAuthority {
  readonly reason: string;
  /** The commander who dispatched. */
  readonly by: string;
  readonly atMs: number;
  /** The supervisor who approved it after the fact, and when; absent while it is flagged. */
  readonly confirmedBy?: string;
  readonly confirmedMs?: number;
}

/** One persisted step of the loop: the timeline and the after-action report read these. */
export interface SupportEvent {
  readonly seq: number;
  readonly requestId: string;
  readonly tsMs: number;
  readonly operator: string;
  /** 'transition' moves the request state; the others record what happened to it. */
  readonly kind:
    | 'transition'
    | 'order-sent'
    | 'order-ack'
    | 'order-retry'
    | 'order-no-ack'
    | 'unit-en-route'
    | 'unit-on-scene'
    | 'unit-released'
    | 'sla-warning'
    | 'sla-breach'
    | 'authority-refused'
    | 'countersign-refused'
    | 'command-handover'
    | 'emergency-confirmed'
    | 'what-if';
  readonly from?: SupportState;
  readonly to?: SupportState;
  readonly unitId?: string;
  /** The audit text (English), or what the operator typed (a rejection, a close, a handover). */
  readonly reason?: string;
  /** The same step as data, for the UI to word in its own language (absent on older events). */
  readonly note?: TimelineNote;
}

/** A support demand the console proposes; the commander decides (never an automatic dispatch). */
export interface SupportSuggestion {
  readonly id: string;
  readonly tsMs: number;
  readonly cause: 'grade' | 'force-shortage';
  readonly incidentId?: string;
  readonly jurisdictionId?: string;
  /** e.g. available 3 of needed 6 (50 % short). */
  readonly available?: number;
  readonly needed?: number;
  readonly detail: string;
}

/**
 * What a timeline step says, as a code and its values: the UI words it in the user's language
 * (renderer i18n `note.<code>`); the English `reason` stays the audit text. Value names carry
 * their kind for the UI: `units` (unit ids), `needs` (module needs), `type`, `grade`, `role`,
 * `order` (an order type), `state` (an ack state), `which` (an SLA timer), `*Ms` (a time).
 */
export const NOTE_CODES = [
  'run-card',
  'recommended',
  'what-if-meets',
  'what-if-misses',
  'approved',
  'approved-countersigned',
  'approved-emergency',
  'emergency-confirmed',
  'orders-published',
  'dispatch-sent',
  'reassigned-from',
  'all-acknowledged',
  'all-on-scene',
  'ack',
  'ack-refused',
  'device-en-route',
  'device-on-scene',
  'retry',
  'no-ack',
  'no-ack-followed',
  'in-geofence',
  'unit-released',
  'unit-released-points',
  'released-by',
  'all-returned',
  'all-reassigned',
  'expired',
  'incident-closed',
  'sla',
  'sla-late',
  'authority',
  'authority-foreign',
  'countersign-unknown',
  'countersign-wrong-pin',
  'countersign-locked',
  'handover',
] as const;
export type NoteCode = (typeof NOTE_CODES)[number];
export type NoteValue = string | number | readonly string[] | readonly ModuleNeed[];

export interface TimelineNote {
  readonly code: NoteCode;
  readonly params?: Readonly<Record<string, NoteValue>>;
}
