// A chosen set of candidates with the need each one counts towards: the common result of the
// MILP and the greedy fallback, before it is explained.
import type { ModuleNeed } from '../../../../shared/domain/incidents';
import type { CapabilityModule } from '../../../../shared/domain/units';
import { MAKESPAN_WEIGHT, packageScore } from './cost';
import type { Candidate } from './eligibility';

export interface PlanPick {
  readonly candidate: Candidate;
  /** The need this unit counts towards (one unit, one need); undefined for a forced extra. */
  readonly covers: CapabilityModule | undefined;
}

export interface Plan {
  readonly picks: readonly PlanPick[];
}

/** Required units the plan leaves uncovered, summed over needs. */
export function uncoveredCount(plan: Plan, needs: readonly ModuleNeed[]): number {
  let missing = 0;
  for (const n of needs) {
    const got = plan.picks.filter((p) => p.covers === n.module).length;
    missing += Math.max(0, n.count - got);
  }
  return missing;
}

/** `makespanWeight` comes from the request's cost model (Eligibility.makespanWeight). */
export function planScore(
  plan: Plan,
  needs: readonly ModuleNeed[],
  makespanWeight: number = MAKESPAN_WEIGHT,
): number {
  return packageScore(
    plan.picks.map((p) => p.candidate.costS),
    plan.picks.map((p) => p.candidate.etaS),
    uncoveredCount(plan, needs),
    makespanWeight,
  );
}

/** Order-free identity of a plan's unit set, to tell alternatives apart. */
export function planKey(plan: Plan): string {
  return plan.picks
    .map((p) => p.candidate.unit.id)
    .sort()
    .join('\u0000');
}
