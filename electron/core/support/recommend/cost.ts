// The one objective every package is judged by, shared by the MILP, the greedy fallback and the
// what-if evaluation so their scores compare directly.
import type { RecommendInput } from '../types';
import { coverageLoss } from './coverage';
import { isLending } from './reserve';

/** Weight of the last arrival (makespan), seconds per second, before `weights.etaWeight`. */
export const MAKESPAN_WEIGHT = 1;
/**
 * Penalty per required unit left uncovered, seconds. Large enough to dominate any sum of arrival
 * terms (1e6 s ≈ 11 days), so covering a need always beats arriving faster.
 */
export const UNCOVERED_PENALTY_S = 1_000_000;
/** Floor on a unit's cost: every unit sent costs something, so ties never add surplus units. */
export const MIN_UNIT_COST_S = 1;

export interface CostTerms {
  readonly unitId: string;
  readonly etaS: number;
  readonly jurisdictionId: string;
  readonly regionWide?: boolean;
}

/** The objective of one request: per-unit cost and the weight of the last arrival. */
export interface CostModel {
  unitCostS(unit: CostTerms): number;
  /** Seconds per second of the package's last arrival. */
  readonly makespanWeight: number;
  /** Coverage loss (0–1) of one unit, 0 without coverage input. */
  coverageLoss(unitId: string): number;
}

/**
 * Burden share above the mean of the jurisdictions in play, capped at 1 (twice the mean): the
 * fairness term stays bounded however many points the window holds. Fairness is between areas:
 * a county squad's work is its own job, so squads neither carry the term nor count in the mean.
 */
function relativeBurden(input: RecommendInput): (jurisdictionId: string) => number {
  const squads = new Set(
    input.pool.filter((u) => u.regionWide === true).map((u) => u.jurisdictionId),
  );
  const ids = new Set(Object.keys(input.burden));
  for (const u of input.pool) ids.add(u.jurisdictionId);
  for (const j of squads) ids.delete(j);
  let sum = 0;
  for (const j of ids) sum += input.burden[j] ?? 0;
  const mean = ids.size === 0 ? 0 : sum / ids.size;
  if (!(mean > 0)) return () => 0;
  return (j) =>
    squads.has(j) ? 0 : Math.min(1, Math.max(0, ((input.burden[j] ?? 0) - mean) / mean));
}

/**
 * Per-unit term: raw arrival (× etaWeight), lateness past the target, coverage loss, bounded
 * burden and local-first. Coverage is priced once here, so build one model per request.
 */
export function costModel(input: RecommendInput): CostModel {
  const { weights } = input.rules;
  const etaWeight = weights.etaWeight ?? 1;
  const coverageS = input.coverage ? (weights.coverageS ?? 0) : 0;
  const loss = coverageS > 0 ? coverageLoss(input) : new Map<string, number>();
  const burden = relativeBurden(input);
  const targetS = input.target.onSceneMin * 60;
  return {
    makespanWeight: MAKESPAN_WEIGHT * etaWeight,
    coverageLoss: (id) => loss.get(id) ?? 0,
    unitCostS(unit) {
      const lateS = Math.max(0, unit.etaS - targetS);
      const local = !isLending(input.incident.jurisdictionId, unit);
      const raw =
        etaWeight * unit.etaS +
        weights.latePenalty * lateS +
        coverageS * (loss.get(unit.unitId) ?? 0) +
        weights.burdenS * burden(unit.jurisdictionId) +
        (local ? 0 : weights.nonLocalS);
      return Math.max(MIN_UNIT_COST_S, raw);
    },
  };
}

/** Score of a package: Σ unit costs + weighted makespan + penalty per uncovered required unit. */
export function packageScore(
  unitCosts: readonly number[],
  etas: readonly number[],
  uncovered: number,
  makespanWeight: number = MAKESPAN_WEIGHT,
): number {
  let sum = 0;
  for (const c of unitCosts) sum += c;
  const makespan = etas.length === 0 ? 0 : Math.max(...etas);
  return sum + makespanWeight * makespan + UNCOVERED_PENALTY_S * uncovered;
}
