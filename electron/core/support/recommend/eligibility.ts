// Which units may go, and why the others may not. Hard rules (availability, battery floor, 12 h
// duty, reachability, station reserve) are applied here so the solver only sees units it may send.
// The station reserve protects the station's own area, so it binds LENDING only: a unit answering
// an incident in its own jurisdiction may leave even at its station's minimum; a unit leaving for
// another jurisdiction may not take its station below it.
import type { ModuleNeed } from '../../../../shared/domain/incidents';
import type { CapabilityModule } from '../../../../shared/domain/units';
import type { PoolUnit, RecommendInput, TravelEstimate } from '../types';
import { costModel, type CostModel } from './cost';
import { groupKey, isLending as lendsTo, reserveBook, type ReserveBook } from './reserve';
import type { ExclusionReason } from '../../../../shared/domain/support';

export interface Candidate {
  readonly unit: PoolUnit;
  readonly etaS: number;
  readonly distanceM: number;
  readonly route: TravelEstimate['route'];
  /** Needed modules the unit carries, in need order. */
  readonly covers: readonly CapabilityModule[];
  readonly costS: number;
  /**
   * Station × kind for a lending unit; its own key for a unit answering its own jurisdiction.
   * Groups units that compete for the same spare when candidates are pruned.
   */
  readonly group: string;
  /**
   * Keys of the reserve groups whose spare a lending unit draws on (station × kind, station ×
   * each reserved module it carries); none for a unit answering its own area (the reserve binds
   * lending only).
   */
  readonly caps: readonly string[];
  /** From another jurisdiction than the incident's: the station reserve applies. */
  readonly lending: boolean;
  /** Forced in by the commander (include). */
  readonly forced: boolean;
}

/** What the engine knows about one unit that carries a needed module (or was forced in). */
export interface UnitVerdict {
  readonly unit: PoolUnit;
  readonly estimate: TravelEstimate | undefined;
  readonly reason: ExclusionReason | undefined;
}

export interface Eligibility {
  /** Needs with duplicate modules merged and empty counts dropped. */
  readonly needs: readonly ModuleNeed[];
  /** Units that may be sent, cheapest first. */
  readonly candidates: readonly Candidate[];
  /** Spare per reserve group (`caps` keys) left for non-forced candidates (after forced units). */
  readonly spareByGroup: ReadonlyMap<string, number>;
  readonly verdicts: ReadonlyMap<string, UnitVerdict>;
  readonly excluded: Readonly<Record<string, number>>;
  readonly reserve: ReserveBook;
  /** The request's objective (coverage priced once), shared by MILP, greedy and what-if. */
  readonly cost: CostModel;
  /** Seconds per second of the package's last arrival. */
  readonly makespanWeight: number;
}

/** True when the unit would leave its own area for this incident (see reserve.ts isLending). */
export function isLending(input: RecommendInput, unit: PoolUnit): boolean {
  return lendsTo(input.incident.jurisdictionId, unit);
}

/** Pruning group of a unit for this incident: lending units share their station × kind. */
export function candidateGroup(input: RecommendInput, unit: PoolUnit): string {
  const key = groupKey(unit.stationId, unit.kind);
  return isLending(input, unit) ? key : `${key}\u0000own`;
}

/** Reserve groups a unit draws on if sent to this incident: none when it answers its own area. */
export function candidateCaps(input: RecommendInput, book: ReserveBook, unit: PoolUnit): string[] {
  return isLending(input, unit) ? book.groupsOf(unit).map((g) => g.key) : [];
}

export function mergeNeeds(needs: readonly ModuleNeed[]): ModuleNeed[] {
  const counts = new Map<CapabilityModule, number>();
  for (const n of needs) {
    if (n.count > 0) counts.set(n.module, (counts.get(n.module) ?? 0) + Math.floor(n.count));
  }
  return [...counts].map(([module, count]) => ({ module, count }));
}

/** Predicted duty hours when the task ends: now + drive there + expected time on task. */
export function dutyAtEndH(input: RecommendInput, unit: PoolUnit, etaS: number): number {
  return unit.dutyHours + etaS / 3600 + input.runCard.expectedHours;
}

export function underBatteryFloor(input: RecommendInput, unit: PoolUnit): boolean {
  const floor = input.rules.batteryFloorPct[unit.kind];
  // A device that reports no battery cannot be judged; it is not held back on a guess.
  return floor !== undefined && unit.batteryPct !== undefined && unit.batteryPct < floor;
}

/** Rule checks that do not depend on reserve, in EXCLUSION_REASONS order. */
export function ruleReason(
  input: RecommendInput,
  unit: PoolUnit,
  estimate: TravelEstimate | undefined,
  carriesNeed: boolean,
): ExclusionReason | undefined {
  if (unit.status !== 'available') return 'not-available';
  if (underBatteryFloor(input, unit)) return 'battery-floor';
  if (!carriesNeed) return 'no-needed-module';
  if (estimate?.etaS === undefined) return 'unreachable';
  if (dutyAtEndH(input, unit, estimate.etaS) > input.rules.maxDutyHours) return 'past-duty';
  return undefined;
}

export function assessPool(input: RecommendInput): Eligibility {
  const needs = mergeNeeds(input.needs);
  const needed = new Set(needs.map((n) => n.module));
  const excludedIds = new Set(input.exclude ?? []);
  const includedIds = new Set((input.include ?? []).filter((id) => !excludedIds.has(id)));
  const reserve = reserveBook(input.pool, input.rules.reserves);
  const cost = costModel(input);
  const excluded: Record<string, number> = {};
  const count = (r: ExclusionReason): void => {
    excluded[r] = (excluded[r] ?? 0) + 1;
  };

  // Price every unit that carries a needed module (busy ones too: a shortfall names the nearest
  // excluded unit and its arrival) plus forced ones, in ONE call: one search outward from the scene.
  const toPrice = input.pool.filter(
    (u) => includedIds.has(u.id) || u.modules.some((m) => needed.has(m)),
  );
  const estimates = new Map<string, TravelEstimate>();
  if (toPrice.length > 0) {
    for (const e of input.travel.priceAll(input.incident.lonLat, toPrice))
      estimates.set(e.unitId, e);
  }

  const verdicts = new Map<string, UnitVerdict>();
  const passing: Candidate[] = [];
  for (const unit of input.pool) {
    const covers = needs.filter((n) => unit.modules.includes(n.module)).map((n) => n.module);
    const estimate = estimates.get(unit.id);
    const forced = includedIds.has(unit.id);
    const reason: ExclusionReason | undefined = excludedIds.has(unit.id)
      ? 'excluded-by-commander'
      : ruleReason(input, unit, estimate, covers.length > 0 || forced);
    if (reason !== undefined || estimate?.etaS === undefined) {
      count(reason ?? 'unreachable');
      if (covers.length > 0 || forced) verdicts.set(unit.id, { unit, estimate, reason });
      continue;
    }
    const etaS = estimate.etaS;
    passing.push({
      unit,
      etaS,
      distanceM: estimate.distanceM,
      route: estimate.route,
      covers,
      costS: cost.unitCostS({
        unitId: unit.id,
        etaS,
        jurisdictionId: unit.jurisdictionId,
        regionWide: unit.regionWide,
      }),
      group: candidateGroup(input, unit),
      caps: candidateCaps(input, reserve, unit),
      lending: isLending(input, unit),
      forced,
    });
  }
  passing.sort((a, b) => a.costS - b.costS || a.etaS - b.etaS || cmp(a.unit.id, b.unit.id));

  // Station reserve: forced units take their groups' spare first (cheapest first); a group with
  // no spare left lends nothing, so a unit with any such group is not a candidate at all. Units
  // answering their own area draw on no group.
  const spareByGroup = new Map<string, number>();
  for (const c of passing) {
    for (const key of c.caps) {
      if (!spareByGroup.has(key)) spareByGroup.set(key, reserve.spareOf(key));
    }
  }
  const hasSpare = (c: Candidate): boolean =>
    c.caps.every((key) => (spareByGroup.get(key) ?? 0) > 0);
  const kept = new Set<Candidate>();
  for (const c of passing) {
    if (!c.forced || !hasSpare(c)) continue;
    for (const key of c.caps) spareByGroup.set(key, (spareByGroup.get(key) ?? 0) - 1);
    kept.add(c);
  }
  const candidates: Candidate[] = [];
  for (const c of passing) {
    const ok = c.forced ? kept.has(c) : hasSpare(c);
    const estimate = estimates.get(c.unit.id);
    if (ok) candidates.push(c);
    else count('at-reserve');
    verdicts.set(c.unit.id, { unit: c.unit, estimate, reason: ok ? undefined : 'at-reserve' });
  }
  return {
    needs,
    candidates,
    spareByGroup,
    verdicts,
    excluded,
    reserve,
    cost,
    makespanWeight: cost.makespanWeight,
  };
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
