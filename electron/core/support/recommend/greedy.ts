// Fallback when the solver is missing, fails or times out: need by need (scarcest first, so a
// rare module is not spent on a common need), cheapest eligible unit first, within station spare.
import type { ModuleNeed } from '../../../../shared/domain/incidents';
import type { CapabilityModule } from '../../../../shared/domain/units';
import type { Candidate, Eligibility } from './eligibility';
import { planKey, planScore, type Plan, type PlanPick } from './plan';

type GreedyInput = Pick<Eligibility, 'needs' | 'candidates' | 'spareByGroup'> &
  Partial<Pick<Eligibility, 'makespanWeight'>>;

/** Needs ordered by how few candidates carry them (ties keep the run card's order). */
export function scarcityOrder(
  needs: readonly ModuleNeed[],
  candidates: readonly Candidate[],
): ModuleNeed[] {
  const supply = new Map<CapabilityModule, number>();
  for (const c of candidates) for (const m of c.covers) supply.set(m, (supply.get(m) ?? 0) + 1);
  return needs
    .map((n, i) => ({ n, i, s: supply.get(n.module) ?? 0 }))
    .sort((a, b) => a.s - b.s || a.i - b.i)
    .map((e) => e.n);
}

/** One greedy package. `banned` unit ids are skipped (used to derive alternatives). */
export function greedy(elig: GreedyInput, banned: ReadonlySet<string> = new Set()): Plan {
  const order = scarcityOrder(elig.needs, elig.candidates);
  const remaining = new Map(order.map((n) => [n.module, n.count]));
  const spare = new Map(elig.spareByGroup);
  const used = new Set<Candidate>();
  const picks: PlanPick[] = [];

  // Forced units go first and count towards the scarcest need they carry.
  for (const c of elig.candidates) {
    if (!c.forced) continue;
    const need = order.find(
      (n) => (remaining.get(n.module) ?? 0) > 0 && c.covers.includes(n.module),
    );
    if (need) remaining.set(need.module, (remaining.get(need.module) ?? 0) - 1);
    used.add(c);
    picks.push({ candidate: c, covers: need?.module });
  }
  for (const need of order) {
    for (const c of elig.candidates) {
      if ((remaining.get(need.module) ?? 0) <= 0) break;
      if (used.has(c) || banned.has(c.unit.id) || !c.covers.includes(need.module)) continue;
      if (c.caps.some((key) => (spare.get(key) ?? 0) <= 0)) continue;
      for (const key of c.caps) spare.set(key, (spare.get(key) ?? 0) - 1);
      used.add(c);
      picks.push({ candidate: c, covers: need.module });
      remaining.set(need.module, (remaining.get(need.module) ?? 0) - 1);
    }
  }
  return { picks };
}

/**
 * Up to `count` further distinct packages: re-run greedy without one unit of the best package at
 * a time and keep the cheapest distinct results.
 */
export function greedyAlternatives(
  elig: GreedyInput,
  best: Plan,
  seen: ReadonlySet<string>,
  count: number,
): Plan[] {
  const found = new Map<string, { plan: Plan; score: number }>();
  for (const pick of best.picks) {
    if (pick.candidate.forced) continue;
    const plan = greedy(elig, new Set([pick.candidate.unit.id]));
    const key = planKey(plan);
    if (seen.has(key) || found.has(key)) continue;
    found.set(key, { plan, score: planScore(plan, elig.needs, elig.makespanWeight) });
  }
  return [...found.values()]
    .sort((a, b) => a.score - b.score)
    .slice(0, count)
    .map((e) => e.plan);
}
