// The one objective every package is judged by, shared by the MILP, the greedy fallback and the
// what-if evaluation so their scores compare directly.
import type { RecommendInput } from '../types';

/** Weight of the last arrival (makespan), seconds per second. */
export const MAKESPAN_WEIGHT = 1;
/**
 * Penalty per required unit left uncovered, seconds. Large enough to dominate any sum of arrival
 * terms (1e6 s ≈ 11 days), so covering a need always beats arriving faster.
 */
export const UNCOVERED_PENALTY_S = 1_000_000;
/** Floor on a unit's cost: every unit sent costs something, so ties never add surplus units. */
export const MIN_UNIT_COST_S = 1;

export interface CostTerms {
  readonly etaS: number;
  readonly jurisdictionId: string;
}

/** Per-unit objective term: arrival, lateness past the target, burden and local-first. */
export function unitCostS(input: RecommendInput, unit: CostTerms): number {
  const { weights } = input.rules;
  const targetS = input.target.onSceneMin * 60;
  const lateS = Math.max(0, unit.etaS - targetS);
  const burden = input.burden[unit.jurisdictionId] ?? 0;
  const local = unit.jurisdictionId === input.incident.jurisdictionId;
  const raw =
    unit.etaS +
    weights.latePenalty * lateS +
    weights.burdenS * burden +
    (local ? 0 : weights.nonLocalS);
  return Math.max(MIN_UNIT_COST_S, raw);
}

/** Score of a package: Σ unit costs + makespan + penalty per uncovered required unit. */
export function packageScore(
  unitCosts: readonly number[],
  etas: readonly number[],
  uncovered: number,
): number {
  let sum = 0;
  for (const c of unitCosts) sum += c;
  const makespan = etas.length === 0 ? 0 : Math.max(...etas);
  return sum + MAKESPAN_WEIGHT * makespan + UNCOVERED_PENALTY_S * uncovered;
}
