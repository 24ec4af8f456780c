// Inputs of the support engine. Pure data: the engine does no I/O and reads no clock.
import type { Grade, GradeTarget, ModuleNeed, RunCard } from '../../../shared/domain/incidents';
import type { LonLat } from '../../../shared/domain/region';
import type { CapabilityModule, UnitKind } from '../../../shared/domain/units';
import type { UnitStatus } from '../../../shared/domain/support';

/** One unit of the live pool as the engine sees it. */
export interface PoolUnit {
  readonly id: string;
  readonly callsign: string;
  readonly kind: UnitKind;
  readonly stationId: string;
  /** Jurisdiction that lends the unit (its station's area; for the bench, any id). */
  readonly jurisdictionId: string;
  readonly modules: readonly CapabilityModule[];
  readonly lonLat: LonLat;
  readonly status: UnitStatus;
  /** Hours on duty today when the recommendation is made. */
  readonly dutyHours: number;
  /** Undefined when the device does not report a battery. */
  readonly batteryPct: number | undefined;
}

/** Minimum number of units of a kind a station keeps available (never lent below it). */
export interface ReserveRule {
  /** Station id, or '*' for every station without its own rule for that kind. */
  readonly stationId: string;
  readonly kind: UnitKind;
  readonly min: number;
}

export interface SupportRules {
  readonly reserves: readonly ReserveRule[];
  /** Hard limit on duty hours at the predicted end of the task (12 h). */
  readonly maxDutyHours: number;
  /** Battery floors by kind; a unit under its floor is not sent (drones, body-cams). */
  readonly batteryFloorPct: Readonly<Partial<Record<UnitKind, number>>>;
  /** Weights of the soft terms, in seconds of arrival time per unit of the term. */
  readonly weights: {
    /** Per point of burden the lending jurisdiction already carries (fairness). */
    readonly burdenS: number;
    /** Added for a unit from another jurisdiction (local first, 属地为主). */
    readonly nonLocalS: number;
    /** Multiplies lateness beyond the grade's on-scene target. */
    readonly latePenalty: number;
  };
  /** Solver time limit, ms; past it the greedy fallback answers and says so. */
  readonly solverTimeLimitMs: number;
}

export interface TravelEstimate {
  readonly unitId: string;
  /** Undefined when the unit cannot reach the point at all (no road connection). */
  readonly etaS: number | undefined;
  readonly distanceM: number;
  readonly route: readonly LonLat[];
}

/**
 * Travel time behind one interface: road graph, straight line × detour factor, or calibrated.
 * `priceAll` prices every candidate to one destination in one call (one search outward from it).
 */
export interface TravelModel {
  readonly name: string;
  priceAll(
    destination: LonLat,
    units: readonly Pick<PoolUnit, 'id' | 'kind' | 'lonLat'>[],
  ): readonly TravelEstimate[];
}

export interface RecommendInput {
  readonly incident: {
    readonly id: string;
    readonly grade: Grade;
    readonly lonLat: LonLat;
    readonly jurisdictionId: string;
  };
  readonly needs: readonly ModuleNeed[];
  readonly runCard: Pick<RunCard, 'expectedHours'>;
  readonly target: GradeTarget;
  readonly pool: readonly PoolUnit[];
  readonly rules: SupportRules;
  /** Points each jurisdiction carried in the burden window. */
  readonly burden: Readonly<Record<string, number>>;
  readonly travel: TravelModel;
  /** Units the commander forced in or out (what-if). */
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}
