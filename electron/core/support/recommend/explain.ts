// Turns a plan into what the commander reads: per-unit reasons, compliance with the grade's
// target, what the lending stations lose, and every shortfall with its cause.
import type {
  Compliance,
  CoverageCost,
  PackageUnit,
  Shortfall,
  SupportPackage,
} from '../../../../shared/domain/support';
import type { CapabilityModule } from '../../../../shared/domain/units';
import type { PoolUnit, RecommendInput } from '../types';
import { dutyAtEndH, type Eligibility } from './eligibility';
import { planScore, type Plan } from './plan';
import { isLending } from './reserve';
import { shortfallFor } from './shortfall';

/** Units that leave each reserve group's available count: only those currently 'available'. */
function lentByGroup(elig: Eligibility, plan: Plan): Map<string, number> {
  const lent = new Map<string, number>();
  for (const p of plan.picks) {
    const u = p.candidate.unit;
    if (u.status !== 'available') continue;
    for (const g of elig.reserve.groupsOf(u)) lent.set(g.key, (lent.get(g.key) ?? 0) + 1);
  }
  return lent;
}

/**
 * The unit's reserve group with the least margin over its minimum once the package leaves; on a
 * tie, the one with a minimum (a group that keeps none tells the commander nothing).
 */
function tightestGroup(
  elig: Eligibility,
  lent: ReadonlyMap<string, number>,
  unit: PoolUnit,
): { readonly left: number; readonly min: number; readonly module?: CapabilityModule } {
  let best: { left: number; min: number; module?: CapabilityModule } | undefined;
  for (const g of elig.reserve.groupsOf(unit)) {
    const left = g.available - (lent.get(g.key) ?? 0);
    const margin = left - g.min;
    const bestMargin = best ? best.left - best.min : Infinity;
    if (!best || margin < bestMargin || (margin === bestMargin && g.min > best.min)) {
      best = { left, min: g.min, ...(g.module ? { module: g.module } : {}) };
    }
  }
  return best ?? { left: 0, min: 0 };
}

export function packageUnits(input: RecommendInput, elig: Eligibility, plan: Plan): PackageUnit[] {
  const lent = lentByGroup(elig, plan);
  return plan.picks
    .map((p): PackageUnit => {
      const { unit, etaS } = p.candidate;
      const reserve = tightestGroup(elig, lent, unit);
      return {
        unitId: unit.id,
        callsign: unit.callsign,
        stationId: unit.stationId,
        etaS,
        distanceM: p.candidate.distanceM,
        covers: p.covers === undefined ? [] : [p.covers],
        reserveLeft: reserve.left,
        reserveMin: reserve.min,
        ...(reserve.module ? { reserveModule: reserve.module } : {}),
        dutyHours: unit.dutyHours,
        dutyHoursAtEnd: dutyAtEndH(input, unit, etaS),
        burdenPoints: input.burden[unit.jurisdictionId] ?? 0,
        local: !isLending(input.incident.jurisdictionId, unit),
        route:
          p.candidate.route.length > 0 ? p.candidate.route : [unit.lonLat, input.incident.lonLat],
      };
    })
    .sort((a, b) => a.etaS - b.etaS || (a.unitId < b.unitId ? -1 : 1));
}

/** Meets the target only when every need is covered and every unit arrives within it. */
export function compliance(
  input: RecommendInput,
  units: readonly Pick<PackageUnit, 'etaS'>[],
  shortfalls: readonly Shortfall[],
): Compliance {
  const targetOnSceneS = input.target.onSceneMin * 60;
  const lastArrivalS = units.reduce((m, u) => Math.max(m, u.etaS), 0);
  const unitsLate = units.filter((u) => u.etaS > targetOnSceneS).length;
  return {
    grade: input.incident.grade,
    targetOnSceneS,
    lastArrivalS,
    unitsLate,
    meetsTarget: unitsLate === 0 && shortfalls.length === 0,
  };
}

export function coverageCost(elig: Eligibility, plan: Plan): CoverageCost[] {
  const byStation = new Map<string, { lent: number; leaving: number }>();
  for (const p of plan.picks) {
    const u = p.candidate.unit;
    const e = byStation.get(u.stationId) ?? { lent: 0, leaving: 0 };
    e.lent += 1;
    if (u.status === 'available') e.leaving += 1;
    byStation.set(u.stationId, e);
  }
  return [...byStation]
    .map(([stationId, e]) => {
      const availableBefore = elig.reserve.availableAtStation(stationId);
      return {
        stationId,
        unitsLent: e.lent,
        availableBefore,
        availableAfter: availableBefore - e.leaving,
      };
    })
    .sort((a, b) => (a.stationId < b.stationId ? -1 : 1));
}

export function shortfalls(input: RecommendInput, elig: Eligibility, plan: Plan): Shortfall[] {
  const out: Shortfall[] = [];
  for (const need of elig.needs) {
    const found = plan.picks.filter((p) => p.covers === need.module).length;
    if (found < need.count) out.push(shortfallFor(input, elig, plan, need, found));
  }
  return out;
}

export function explainPlan(input: RecommendInput, elig: Eligibility, plan: Plan): SupportPackage {
  const units = packageUnits(input, elig, plan);
  const missing = shortfalls(input, elig, plan);
  return {
    units,
    compliance: compliance(input, units, missing),
    coverage: coverageCost(elig, plan),
    score: planScore(plan, elig.needs, elig.makespanWeight),
    shortfalls: missing,
  };
}
