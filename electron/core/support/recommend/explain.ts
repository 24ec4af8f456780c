// Turns a plan into what the commander reads: per-unit reasons, compliance with the grade's
// target, what the lending stations lose, and every shortfall with its cause.
import type {
  Compliance,
  CoverageCost,
  PackageUnit,
  Shortfall,
  SupportPackage,
} from '../../../../shared/domain/support';
import type { RecommendInput } from '../types';
import { dutyAtEndH, type Eligibility } from './eligibility';
import { planScore, type Plan } from './plan';
import { groupKey, isLending } from './reserve';
import { shortfallFor } from './shortfall';

/** Units that leave a station's available count: only those currently 'available'. */
function lentByGroup(plan: Plan): Map<string, number> {
  const lent = new Map<string, number>();
  for (const p of plan.picks) {
    const u = p.candidate.unit;
    if (u.status !== 'available') continue;
    const g = groupKey(u.stationId, u.kind);
    lent.set(g, (lent.get(g) ?? 0) + 1);
  }
  return lent;
}

export function packageUnits(input: RecommendInput, elig: Eligibility, plan: Plan): PackageUnit[] {
  const lent = lentByGroup(plan);
  return plan.picks
    .map((p): PackageUnit => {
      const { unit, etaS } = p.candidate;
      const available = elig.reserve.available(unit.stationId, unit.kind);
      return {
        unitId: unit.id,
        callsign: unit.callsign,
        stationId: unit.stationId,
        etaS,
        distanceM: p.candidate.distanceM,
        covers: p.covers === undefined ? [] : [p.covers],
        reserveLeft: available - (lent.get(groupKey(unit.stationId, unit.kind)) ?? 0),
        reserveMin: elig.reserve.min(unit.stationId, unit.kind),
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
