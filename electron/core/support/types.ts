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
  /**
   * Its station owns no area (a county squad: traffic police, special police): every incident of
   * the region is its own, so sending it there is not lending (the station reserve does not bind
   * it) and local-first does not hold it back. Points still go to its own jurisdiction id.
   */
  readonly regionWide?: boolean;
  readonly modules: readonly CapabilityModule[];
  readonly lonLat: LonLat;
  readonly status: UnitStatus;
  /** Hours on duty today when the recommendation is made. */
  readonly dutyHours: number;
  /** Undefined when the device does not report a battery. */
  readonly batteryPct: number | undefined;
}

/**
 * Minimum number of units a station keeps available for its own area (never lent below it): of a
 * kind, or carrying a capability module. A lending unit must leave every group it counts in at or
 * above its minimum.
 */
export type ReserveRule =
  | {
      /** Station id, or '*' for every station without its own rule for that kind. */
      readonly stationId: string;
      readonly kind: UnitKind;
      readonly module?: undefined;
      readonly min: number;
    }
  | {
      /** Station id, or '*' for every station without its own rule for that module. */
      readonly stationId: string;
      readonly module: CapabilityModule;
      readonly kind?: undefined;
      readonly min: number;
    };

export interface SupportRules {
  readonly reserves: readonly ReserveRule[];
  /** Hard limit on duty hours at the predicted end of the task (12 h). */
  readonly maxDutyHours: number;
  /** Battery floors by kind; a unit under its floor is not sent (drones, body-cams). */
  readonly batteryFloorPct: Readonly<Partial<Record<UnitKind, number>>>;
  /** Weights of the soft terms, in seconds of arrival time per unit of the term. */
  readonly weights: {
    /**
     * Fairness: seconds added for a jurisdiction whose burden is at least twice the mean of the
     * pool's jurisdictions; in proportion to its share above the mean below that, 0 at or under
     * the mean. Bounded, so it never outgrows the arrival terms as points accumulate.
     */
    readonly burdenS: number;
    /** Added for a unit from another jurisdiction (local first, 属地为主). */
    readonly nonLocalS: number;
    /** Multiplies lateness beyond the grade's on-scene target. */
    readonly latePenalty: number;
    /**
     * Seconds per unit of coverage loss (0–1, the share of weighted demand the unit's departure
     * leaves less covered, see RecommendInput.coverage). Ignored without coverage input.
     */
    readonly coverageS?: number;
    /**
     * Weight of raw arrival seconds (each unit's and the last one's); default 1. Below 1, units
     * arriving within the target compete mostly on coverage, while lateness keeps its full price.
     */
    readonly etaWeight?: number;
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

/** Demand the pool protects, for the coverage term (MEXCLP-style, Jagtenberg et al. 2017). */
export interface CoverageInput {
  /** Demand points (stations or area centroids, a few dozen at most) and their weights. */
  readonly demand: readonly { readonly lonLat: LonLat; readonly weight: number }[];
  /** A unit covers a demand point it reaches within this many seconds. */
  readonly thresholdS: number;
  /** Probability that a unit is busy when a call comes (0–1). */
  readonly busyFraction: number;
  /**
   * Demand share per capability module (e.g. from the run cards): coverage is then kept per
   * module, so a unit carrying a scarce module costs that module's cover. Absent: one class.
   */
  readonly moduleWeights?: Partial<Record<CapabilityModule, number>>;
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
  /** Demand to keep covered; without it the objective has no coverage term. */
  readonly coverage?: CoverageInput;
}
