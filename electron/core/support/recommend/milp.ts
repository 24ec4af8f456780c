// The package as a small integer programme in CPLEX-LP text for HiGHS.
//   x_i ∈ {0,1}   unit i is sent            y_ij ∈ {0,1}  unit i counts towards need j
//   s_j ≥ 0       uncovered units of need j
//   min  makespanWeight·makespan + Σ cost_i·x_i + UNCOVERED_PENALTY_S·Σ s_j
//   Σ_j y_ij = x_i (≤ for a forced unit)     one unit counts for one need, and is sent only for one
//   Σ_i y_ij + s_j ≥ count_j                 coverage; the slack keeps the model always feasible
//   Σ_{i∈g} x_i ≤ spare_g                    station reserve per group a lending unit draws on
//                                            (station × kind, station × reserved module)
//   makespan as steps: z_k ∈ [0,1] "the last arrival is at least level k" over the distinct
//   arrival levels e_0 < e_1 < …; x_i ≤ z_level(i), z_k ≥ z_k+1, makespan = Σ (e_k − e_k−1)·z_k.
//   (T ≥ eta_i·x_i is far weaker: a fractional x makes T tiny, and HiGHS then branched for
//   hundreds of ms at 3,000 units; the step form solves the same model in a few ms.)
//   x_i ≥ 1 for forced units; Σ_{i∈P} x_i ≤ |P| − 1 per earlier package P (alternatives)
// A unit that carries only one needed module uses x_i directly in its coverage row (no y).
// Names are indices, never unit ids, so any id is safe in the LP text.
import type { ModuleNeed } from '../../../../shared/domain/incidents';
import { MAKESPAN_WEIGHT, UNCOVERED_PENALTY_S } from './cost';
import type { Candidate, Eligibility } from './eligibility';
import type { Plan, PlanPick } from './plan';

export interface MilpModel {
  /** Candidates in the model; index i is variable x{i}. */
  readonly candidates: readonly Candidate[];
  readonly needs: readonly ModuleNeed[];
  readonly text: (cuts: readonly (readonly number[])[]) => string;
}

/** Candidates kept per need: enough to choose from without carrying thousands of binaries. */
export function keepPerNeed(count: number): number {
  return 4 * count + 8;
}

/** The most units of a candidate's reserve groups that could all be sent (no cap: Infinity). */
function capSpare(c: Candidate, spareByGroup: ReadonlyMap<string, number>): number {
  let least = Infinity;
  for (const key of c.caps) least = Math.min(least, spareByGroup.get(key) ?? 0);
  return least;
}

/**
 * The cheapest few candidates per need. Within one need a station group contributes at most
 * min(spare, count) + 1 units: more could never all be sent, and would crowd out other stations.
 * `always` (forced units, the greedy package) stays in so the optimum is never worse than greedy.
 */
export function pruneCandidates(
  elig: Pick<Eligibility, 'needs' | 'candidates' | 'spareByGroup'>,
  always: Iterable<Candidate>,
): Candidate[] {
  const keep = new Set<Candidate>(always);
  for (const c of elig.candidates) if (c.forced) keep.add(c);
  for (const need of elig.needs) {
    const limit = keepPerNeed(need.count);
    const perGroup = new Map<string, number>();
    let kept = 0;
    for (const c of elig.candidates) {
      if (kept >= limit) break;
      if (!c.covers.includes(need.module)) continue;
      const n = perGroup.get(c.group) ?? 0;
      if (n >= Math.min(capSpare(c, elig.spareByGroup), need.count) + 1) continue;
      perGroup.set(c.group, n + 1);
      keep.add(c);
      kept += 1;
    }
  }
  // Keep the eligibility order (cheapest first) so results are deterministic.
  return elig.candidates.filter((c) => keep.has(c));
}

function num(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(6);
}

/** Joins signed terms, a few per line: LP readers need not accept unbounded line lengths. */
function sum(terms: readonly string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < terms.length; i += 8) lines.push(terms.slice(i, i + 8).join(' '));
  return lines.join('\n   ');
}

const usesY = (c: Candidate): boolean => c.forced || c.covers.length > 1;

export function buildModel(
  elig: Pick<Eligibility, 'needs' | 'spareByGroup'> & Partial<Pick<Eligibility, 'makespanWeight'>>,
  candidates: readonly Candidate[],
): MilpModel {
  const makespanWeight = elig.makespanWeight ?? MAKESPAN_WEIGHT;
  const needs = elig.needs;
  const needIndex = new Map(needs.map((n, j) => [n.module, j]));
  const objective: string[] = [];
  const rows: string[] = [];
  const binaries: string[] = [];
  const bounds: string[] = [];
  const levels = [...new Set(candidates.map((c) => c.etaS).filter((e) => e > 0))].sort(
    (a, b) => a - b,
  );
  const levelOf = new Map(levels.map((e, k) => [e, k]));
  levels.forEach((e, k) => {
    objective.push(`+ ${num(makespanWeight * (e - (levels[k - 1] ?? 0)))} z${k}`);
    bounds.push(` 0 <= z${k} <= 1`);
    if (k + 1 < levels.length) rows.push(` h${k}: z${k} - z${k + 1} >= 0`);
  });
  const coverage: string[][] = needs.map(() => []);
  const groups = new Map<string, number[]>();

  candidates.forEach((c, i) => {
    const x = `x${i}`;
    binaries.push(x);
    objective.push(`+ ${num(c.costS)} ${x}`);
    const level = levelOf.get(c.etaS);
    if (level !== undefined) rows.push(` m${i}: ${x} - z${level} <= 0`);
    if (c.forced) rows.push(` f${i}: ${x} >= 1`);
    if (usesY(c)) {
      const ys: string[] = [];
      for (const m of c.covers) {
        const j = needIndex.get(m);
        if (j === undefined) continue;
        const y = `y${i}_${j}`;
        binaries.push(y);
        ys.push(`+ ${y}`);
        coverage[j]?.push(`+ ${y}`);
      }
      if (ys.length > 0) rows.push(` a${i}: ${sum(ys)} - ${x} ${c.forced ? '<=' : '='} 0`);
    } else {
      const m = c.covers[0];
      const j = m === undefined ? undefined : needIndex.get(m);
      if (j !== undefined) coverage[j]?.push(`+ ${x}`);
    }
    for (const key of c.caps) {
      const g = groups.get(key);
      if (g) g.push(i);
      else groups.set(key, [i]);
    }
  });

  needs.forEach((n, j) => {
    objective.push(`+ ${num(UNCOVERED_PENALTY_S)} s${j}`);
    bounds.push(` 0 <= s${j} <= ${n.count}`);
    const terms = coverage[j] ?? [];
    rows.push(` c${j}: ${sum([...terms, `+ s${j}`])} >= ${n.count}`);
  });
  let r = 0;
  for (const [group, members] of groups) {
    const spare = elig.spareByGroup.get(group) ?? 0;
    const forced = members.filter((i) => candidates[i]?.forced).length;
    // Forced units already took their share in eligibility; the row caps the rest.
    const cap = spare + forced;
    if (members.length > cap) {
      rows.push(` r${r}: ${sum(members.map((i) => `+ x${i}`))} <= ${cap}`);
      r += 1;
    }
  }
  const head = ['Minimize', ` obj: ${sum(objective)}`, 'Subject To', ...rows].join('\n');
  const tail = ['Bounds', ...bounds, 'Binary', ` ${sum(binaries)}`, 'End', ''].join('\n');
  const text = (cuts: readonly (readonly number[])[]): string => {
    const cutRows = cuts
      .filter((p) => p.length > 0)
      .map((p, k) => ` n${k}: ${sum(p.map((i) => `+ x${i}`))} <= ${p.length - 1}`);
    return [head, ...cutRows, tail].join('\n');
  };
  return { candidates, needs, text };
}

/** Reads the chosen units and their assignments back from the solution. */
export function readPlan(model: MilpModel, values: Readonly<Record<string, number>>): Plan {
  const on = (name: string): boolean => (values[name] ?? 0) > 0.5;
  const remaining = new Map(model.needs.map((n) => [n.module, n.count]));
  const picks: PlanPick[] = [];
  model.candidates.forEach((c, i) => {
    if (!on(`x${i}`)) return;
    let covers = usesY(c) ? model.needs.find((n, j) => on(`y${i}_${j}`))?.module : c.covers[0];
    // A tie may over-cover a need; the explanation counts each required unit once.
    if (covers !== undefined) {
      const left = remaining.get(covers) ?? 0;
      if (left <= 0) covers = undefined;
      else remaining.set(covers, left - 1);
    }
    picks.push({ candidate: c, covers });
  });
  return { picks };
}

/** Indices of a plan's units in the model, for a no-good cut. */
export function cutFor(model: MilpModel, plan: Plan): number[] {
  const index = new Map(model.candidates.map((c, i) => [c, i]));
  return plan.picks.map((p) => index.get(p.candidate)).filter((i) => i !== undefined);
}
