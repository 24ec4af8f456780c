// One recommendation: eligibility and pricing, the MILP (HiGHS) with two alternatives by no-good
// cuts, and the greedy fallback that answers — and says why — when the solver cannot.
import type { Recommendation } from '../../../../shared/domain/support';
import type { RecommendInput } from '../types';
import { assessPool, type Eligibility } from './eligibility';
import { explainPlan } from './explain';
import { greedy, greedyAlternatives } from './greedy';
import { buildModel, cutFor, pruneCandidates, readPlan } from './milp';
import { planKey, planScore, uncoveredCount, type Plan } from './plan';
import { loadHighsSolver, type HighsLoader, type MilpSolver } from './solver';
import { warmUpInput } from './warmUp';

/** The best package and this many alternatives. */
export const ALTERNATIVES = 2;

type Solved =
  | { readonly ok: true; readonly plans: readonly Plan[] }
  | { readonly ok: false; readonly reason: string };

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function solveMilp(
  input: RecommendInput,
  elig: Eligibility,
  fallback: Plan,
  solver: MilpSolver,
  clock: () => number,
  startMs: number,
): Solved {
  const limitMs = input.rules.solverTimeLimitMs;
  const leftS = (): number => (limitMs - (clock() - startMs)) / 1000;
  // The greedy package stays in the model, so the optimum can never score worse than it.
  const model = buildModel(
    elig,
    pruneCandidates(
      elig,
      fallback.picks.map((p) => p.candidate),
    ),
  );
  if (leftS() <= 0) {
    return { ok: false, reason: `no solver time left after pricing (limit ${String(limitMs)} ms)` };
  }
  let first;
  try {
    first = solver.solve(model.text([]), leftS());
  } catch (err) {
    return { ok: false, reason: `solver failed: ${message(err)}` };
  }
  if (first.status === 'time-limit') {
    return { ok: false, reason: `solver timed out after ${String(limitMs)} ms` };
  }
  if (first.status !== 'optimal') {
    return { ok: false, reason: `solver returned "${first.detail}"` };
  }
  const optimum = readPlan(model, first.values);
  // Within the MIP gap the solver may stop just above the greedy package, which is a feasible
  // point of the same model: never recommend worse than it.
  const plans = [
    planScore(fallback, elig.needs, elig.makespanWeight) <
    planScore(optimum, elig.needs, elig.makespanWeight)
      ? fallback
      : optimum,
  ];
  const cuts = [cutFor(model, plans[0] ?? { picks: [] })];
  while (plans.length <= ALTERNATIVES && (cuts[0]?.length ?? 0) > 0 && leftS() > 0) {
    let next;
    try {
      next = solver.solve(model.text(cuts), leftS());
    } catch {
      break; // the best package stands; greedy fills the alternatives
    }
    // Infeasible: no other set of these candidates exists.
    if (next.status !== 'optimal') break;
    const plan = readPlan(model, next.values);
    plans.push(plan);
    cuts.push(cutFor(model, plan));
  }
  return { ok: true, plans };
}

/**
 * Best first. Alternatives never cover less than the best (a package with a new gap is not an
 * alternative), are pairwise distinct and score no better than the best.
 */
function rank(elig: Eligibility, best: Plan, more: readonly Plan[]): Plan[] {
  const missing = uncoveredCount(best, elig.needs);
  const bestScore = planScore(best, elig.needs, elig.makespanWeight);
  const seen = new Set([planKey(best)]);
  const alternatives: { plan: Plan; score: number }[] = [];
  for (const plan of more) {
    const key = planKey(plan);
    const score = planScore(plan, elig.needs, elig.makespanWeight);
    if (seen.has(key) || uncoveredCount(plan, elig.needs) > missing || score < bestScore) continue;
    seen.add(key);
    alternatives.push({ plan, score });
  }
  alternatives.sort((a, b) => a.score - b.score);
  return [best, ...alternatives.slice(0, ALTERNATIVES).map((a) => a.plan)];
}

function greedyPlans(elig: Eligibility, first: Plan): Plan[] {
  const all = [first, ...greedyAlternatives(elig, first, new Set([planKey(first)]), ALTERNATIVES)];
  // Greedy is not optimal: an alternative it finds may beat its first answer.
  const scored = all.map((plan) => ({
    plan,
    score: planScore(plan, elig.needs, elig.makespanWeight),
  }));
  scored.sort(
    (a, b) =>
      uncoveredCount(a.plan, elig.needs) - uncoveredCount(b.plan, elig.needs) || a.score - b.score,
  );
  const [best, ...rest] = scored.map((s) => s.plan);
  return rank(elig, best ?? first, rest);
}

/** Solves of the synthetic request after loading (see warmUp.ts). */
export const WARM_UP_RUNS = 3;

/**
 * Loads HiGHS (reloaded by the wrapper after a failure) and warms it up so the first commander's
 * request is as fast as the later ones. `load` is for tests.
 */
export async function loadSolver(load?: HighsLoader): Promise<MilpSolver> {
  const solver = await loadHighsSolver(load);
  for (let i = 0; i < WARM_UP_RUNS; i += 1) recommend(warmUpInput(i), solver, () => 0);
  return solver;
}

/**
 * Recommends a support package and up to two alternatives. Never throws on an impossible request:
 * the packages list what could be covered and each shortfall says what is missing and why.
 * `solver` undefined → greedy with the reason "solver not loaded". `clock` returns epoch ms.
 */
export function recommend(
  input: RecommendInput,
  solver: MilpSolver | undefined,
  clock: () => number,
): Recommendation {
  const startMs = clock();
  const elig = assessPool(input);
  const first = greedy(elig);
  let plans: Plan[];
  let fallbackReason: string | undefined;
  if (solver === undefined) {
    fallbackReason = 'solver not loaded';
    plans = greedyPlans(elig, first);
  } else {
    const solved = solveMilp(input, elig, first, solver, clock, startMs);
    if (solved.ok) {
      const [best, ...rest] = solved.plans;
      const more =
        rest.length < ALTERNATIVES && best
          ? [
              ...rest,
              ...greedyAlternatives(elig, best, new Set(solved.plans.map(planKey)), ALTERNATIVES),
            ]
          : rest;
      plans = rank(elig, best ?? first, more);
    } else {
      fallbackReason = solved.reason;
      plans = greedyPlans(elig, first);
    }
  }
  const packages = plans.map((plan) => explainPlan(input, elig, plan));
  const endMs = clock();
  return {
    needs: elig.needs,
    packages,
    solver: fallbackReason === undefined ? 'highs' : 'greedy',
    ...(fallbackReason === undefined ? {} : { fallbackReason }),
    computedMs: endMs,
    elapsedMs: endMs - startMs,
    excluded: elig.excluded,
  };
}
