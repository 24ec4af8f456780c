// Metrics of one drill run: punctuality per arrival, per slot and per incident, reserve
// violations, and the burden balance between jurisdictions.
import { gini } from '../electron/core/support/workflow/points';
import type { CapabilityModule } from '../shared/domain/units';
import type { ArrivalRecord, DrillConfig } from './drill';
import { percentile } from './supportStats';

export interface Award {
  readonly atMs: number;
  readonly jurisdictionId: string;
  readonly points: number;
}

/** Slots filled for one module: how many, how many late, and of those how many had waited. */
export interface ModuleLateness {
  readonly filled: number;
  readonly late: number;
  readonly lateAfterWaiting: number;
}

export type LatenessByModule = Readonly<Partial<Record<CapabilityModule, ModuleLateness>>>;

/** Per module the arrival counted towards (an arrival covering two modules counts in both). */
export function latenessByModule(arrivals: readonly ArrivalRecord[]): LatenessByModule {
  const out: Partial<Record<CapabilityModule, ModuleLateness>> = {};
  for (const a of arrivals) {
    for (const m of a.covers) {
      const prev = out[m] ?? { filled: 0, late: 0, lateAfterWaiting: 0 };
      out[m] = {
        filled: prev.filled + 1,
        late: prev.late + (a.late ? 1 : 0),
        lateAfterWaiting: prev.lateAfterWaiting + (a.late && a.queued ? 1 : 0),
      };
    }
  }
  return out;
}

export interface DrillMetrics {
  readonly policy: string;
  readonly incidents: number;
  /** Required unit slots over all run cards. */
  readonly slots: number;
  readonly arrivals: number;
  readonly lateArrivals: number;
  /** Late arrivals ÷ arrivals. */
  readonly lateArrivalFraction: number;
  readonly lateSlots: number;
  readonly unmetSlots: number;
  /** (Slots filled late + slots never filled) ÷ slots: a policy cannot look punctual by not sending. */
  readonly lateOrUnmetFraction: number;
  /** Incidents with any slot late or unmet. */
  readonly incidentsLate: number;
  readonly incidentLateFraction: number;
  readonly queuedArrivals: number;
  /** Late arrivals of units sent after their incident had waited for one (capacity, not choice). */
  readonly lateAfterWaiting: number;
  /** Where the late arrivals are: per capability module. */
  readonly byModule: LatenessByModule;
  /**
   * Dispatches that took at least one station × kind below its minimum reserve by LENDING: units
   * leaving for an incident outside their jurisdiction. The reserve exists to protect the
   * station's own area, so this is the violation, for every policy alike.
   */
  readonly reserveViolations: number;
  /** Station × kind groups taken below minimum by lending, summed over dispatches. */
  readonly reserveViolationGroups: number;
  /**
   * Dispatches (without a lending violation) that took a station below its minimum only with
   * units answering their own area: allowed, reported as information.
   */
  readonly ownAreaDrains: number;
  readonly arrivalMinP50: number;
  readonly arrivalMinP90: number;
  readonly pointsByJurisdiction: Readonly<Record<string, number>>;
  /** Gini of task points over `jurisdictions`. */
  readonly gini: number;
  /** Gini of task points per unit of each jurisdiction (size-adjusted). */
  readonly giniPerUnit: number;
  /** Choices dropped by the drill (unit not available, module not needed, unreachable). */
  readonly rejectedChoices: number;
  readonly policyCalls: number;
  readonly policyMs: number;
}

export function summarise(
  cfg: DrillConfig,
  policy: string,
  arrivals: readonly ArrivalRecord[],
  slotsLate: ReadonlyMap<string, number>,
  slotsUnmet: ReadonlyMap<string, number>,
  awards: readonly Award[],
  counts: Pick<
    DrillMetrics,
    | 'reserveViolations'
    | 'reserveViolationGroups'
    | 'ownAreaDrains'
    | 'rejectedChoices'
    | 'policyCalls'
    | 'policyMs'
  >,
): DrillMetrics {
  const slots = cfg.incidents.reduce(
    (s, i) => s + i.card.needs.reduce((a, n) => a + n.count, 0),
    0,
  );
  const sum = (m: ReadonlyMap<string, number>): number =>
    [...m.values()].reduce((a, b) => a + b, 0);
  const lateSlots = sum(slotsLate);
  const unmetSlots = sum(slotsUnmet);
  const lateArrivals = arrivals.filter((a) => a.late).length;
  const incidentsLate = cfg.incidents.filter(
    (i) => (slotsLate.get(i.id) ?? 0) + (slotsUnmet.get(i.id) ?? 0) > 0,
  ).length;
  const points: Record<string, number> = {};
  for (const j of cfg.jurisdictions) points[j] = 0;
  for (const a of awards) points[a.jurisdictionId] = (points[a.jurisdictionId] ?? 0) + a.points;
  const unitsOf = (j: string): number => cfg.units.filter((u) => u.jurisdictionId === j).length;
  const mins = arrivals.map((a) => a.arrivalMin).sort((a, b) => a - b);
  return {
    policy,
    incidents: cfg.incidents.length,
    slots,
    arrivals: arrivals.length,
    lateArrivals,
    lateArrivalFraction: arrivals.length === 0 ? 0 : lateArrivals / arrivals.length,
    lateSlots,
    unmetSlots,
    lateOrUnmetFraction: slots === 0 ? 0 : (lateSlots + unmetSlots) / slots,
    incidentsLate,
    incidentLateFraction: cfg.incidents.length === 0 ? 0 : incidentsLate / cfg.incidents.length,
    queuedArrivals: arrivals.filter((a) => a.queued).length,
    lateAfterWaiting: arrivals.filter((a) => a.queued && a.late).length,
    byModule: latenessByModule(arrivals),
    ...counts,
    arrivalMinP50: percentile(mins, 0.5),
    arrivalMinP90: percentile(mins, 0.9),
    pointsByJurisdiction: points,
    gini: gini(cfg.jurisdictions.map((j) => points[j] ?? 0)),
    giniPerUnit: gini(cfg.jurisdictions.map((j) => (points[j] ?? 0) / Math.max(1, unitsOf(j)))),
  };
}

/** One policy's run on one seeded stream: what `runDrill` returns. */
export interface SeededRun {
  readonly metrics: DrillMetrics;
  readonly arrivals: readonly ArrivalRecord[];
}

/**
 * Several seeded runs of one policy as one drill: counts summed, fractions and arrival percentiles
 * over the pooled arrivals and slots, points summed per jurisdiction; the Gini columns are the mean
 * of the runs' (a roster may differ per seed, so per-unit points do not pool).
 */
export function poolRuns(runs: readonly SeededRun[]): DrillMetrics {
  const first = runs[0];
  if (!first) throw new Error('poolRuns needs at least one run');
  const ms = runs.map((r) => r.metrics);
  const sum = (pick: (m: DrillMetrics) => number): number => ms.reduce((s, m) => s + pick(m), 0);
  const mean = (pick: (m: DrillMetrics) => number): number => sum(pick) / ms.length;
  const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
  const points: Record<string, number> = {};
  for (const m of ms)
    for (const [j, p] of Object.entries(m.pointsByJurisdiction)) points[j] = (points[j] ?? 0) + p;
  const mins = runs.flatMap((r) => r.arrivals.map((a) => a.arrivalMin)).sort((a, b) => a - b);
  const incidents = sum((m) => m.incidents);
  const slots = sum((m) => m.slots);
  const arrivals = sum((m) => m.arrivals);
  const lateArrivals = sum((m) => m.lateArrivals);
  const lateSlots = sum((m) => m.lateSlots);
  const unmetSlots = sum((m) => m.unmetSlots);
  const incidentsLate = sum((m) => m.incidentsLate);
  return {
    policy: first.metrics.policy,
    incidents,
    slots,
    arrivals,
    lateArrivals,
    lateArrivalFraction: ratio(lateArrivals, arrivals),
    lateSlots,
    unmetSlots,
    lateOrUnmetFraction: ratio(lateSlots + unmetSlots, slots),
    incidentsLate,
    incidentLateFraction: ratio(incidentsLate, incidents),
    queuedArrivals: sum((m) => m.queuedArrivals),
    lateAfterWaiting: sum((m) => m.lateAfterWaiting),
    byModule: latenessByModule(runs.flatMap((r) => r.arrivals)),
    reserveViolations: sum((m) => m.reserveViolations),
    reserveViolationGroups: sum((m) => m.reserveViolationGroups),
    ownAreaDrains: sum((m) => m.ownAreaDrains),
    arrivalMinP50: percentile(mins, 0.5),
    arrivalMinP90: percentile(mins, 0.9),
    pointsByJurisdiction: points,
    gini: mean((m) => m.gini),
    giniPerUnit: mean((m) => m.giniPerUnit),
    rejectedChoices: sum((m) => m.rejectedChoices),
    policyCalls: sum((m) => m.policyCalls),
    policyMs: sum((m) => m.policyMs),
  };
}
