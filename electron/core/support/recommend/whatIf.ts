// What-if: the commander's own package (units added or removed), priced and explained exactly as a
// recommended one, with every broken hard rule reported instead of silently dropped.
import type { ModuleNeed } from '../../../../shared/domain/incidents';
import {
  RULE_VIOLATIONS,
  type ExclusionReason,
  type RuleViolation,
  type RuleViolationKind,
  type SupportPackage,
} from '../../../../shared/domain/support';
import type { CapabilityModule } from '../../../../shared/domain/units';
import type { PoolUnit, RecommendInput } from '../types';
import {
  assessPool,
  candidateCaps,
  candidateGroup,
  dutyAtEndH,
  isLending,
  type Candidate,
  type Eligibility,
} from './eligibility';
import { explainPlan } from './explain';
import type { Plan } from './plan';

export { RULE_VIOLATIONS, type RuleViolation, type RuleViolationKind };

export interface WhatIfPackage extends SupportPackage {
  /** Empty when the package keeps every hard rule. */
  readonly violations: readonly RuleViolation[];
}

// Reserve is checked over the whole package below: a unit that breaks another rule still leaves.
const RULE_OF: Readonly<Partial<Record<ExclusionReason, RuleViolationKind>>> = {
  'past-duty': 'duty',
  'battery-floor': 'battery',
  'not-available': 'availability',
  unreachable: 'unreachable',
};

/**
 * Assigns units to need slots so as many required units as possible are covered (augmenting
 * paths; packages are small). Returns the module each unit counts towards, by position.
 */
export function assignCovers(
  units: readonly { readonly covers: readonly CapabilityModule[] }[],
  needs: readonly ModuleNeed[],
): (CapabilityModule | undefined)[] {
  const slots: CapabilityModule[] = needs.flatMap((n) =>
    Array<CapabilityModule>(n.count).fill(n.module),
  );
  const slotOwner: (number | undefined)[] = slots.map(() => undefined);
  const tryUnit = (u: number, seen: boolean[]): boolean => {
    const covers = units[u]?.covers ?? [];
    for (let s = 0; s < slots.length; s += 1) {
      const m = slots[s];
      if (seen[s] || m === undefined || !covers.includes(m)) continue;
      seen[s] = true;
      const owner = slotOwner[s];
      if (owner === undefined || tryUnit(owner, seen)) {
        slotOwner[s] = u;
        return true;
      }
    }
    return false;
  };
  units.forEach((_, u) =>
    tryUnit(
      u,
      slots.map(() => false),
    ),
  );
  const result: (CapabilityModule | undefined)[] = units.map(() => undefined);
  slotOwner.forEach((u, s) => {
    if (u !== undefined) result[u] = slots[s];
  });
  return result;
}

/** Prices exactly `unitIds` (one travel call) and explains them as one package. */
export function evaluatePackage(input: RecommendInput, unitIds: readonly string[]): WhatIfPackage {
  const ids = [...new Set(unitIds)];
  const poolIds = new Set(input.pool.map((u) => u.id));
  const known = ids.filter((id) => poolIds.has(id));
  // The package is "forced": eligibility prices it and flags whatever rule each unit breaks. The
  // commander's exclusions do not apply to a package they composed themselves.
  const elig = assessPool({ ...input, include: known, exclude: [] });
  const eligible = new Map(elig.candidates.map((c) => [c.unit.id, c]));

  const violations: RuleViolation[] = ids
    .filter((id) => !poolIds.has(id))
    .map((id) => ({
      unitId: id,
      rule: 'unknown-unit',
      detail: `unit ${id} is not in this console's pool`,
    }));
  const members: Candidate[] = [];
  const broken: { candidate: Candidate | undefined; reason: ExclusionReason; id: string }[] = [];
  for (const id of known) {
    const ok = eligible.get(id);
    if (ok) {
      members.push(ok);
      continue;
    }
    const verdict = elig.verdicts.get(id);
    const etaS = verdict?.estimate?.etaS;
    let candidate: Candidate | undefined;
    if (verdict && etaS !== undefined) {
      const unit = verdict.unit;
      candidate = {
        unit,
        etaS,
        distanceM: verdict.estimate?.distanceM ?? 0,
        route: verdict.estimate?.route ?? [],
        covers: elig.needs.map((n) => n.module).filter((m) => unit.modules.includes(m)),
        costS: elig.cost.unitCostS({
          unitId: unit.id,
          etaS,
          jurisdictionId: unit.jurisdictionId,
          regionWide: unit.regionWide,
        }),
        group: candidateGroup(input, unit),
        caps: candidateCaps(input, elig.reserve, unit),
        lending: isLending(input, unit),
        forced: true,
      };
      members.push(candidate);
    }
    broken.push({ candidate, reason: verdict?.reason ?? 'unreachable', id });
  }

  const covers = assignCovers(members, elig.needs);
  const plan: Plan = {
    picks: members.map((candidate, i) => ({ candidate, covers: covers[i] })),
  };
  const pkg = explainPlan(input, elig, plan);
  const order = new Map(ids.map((id, i) => [id, i]));
  for (const b of broken) {
    const rule = RULE_OF[b.reason];
    const unit = b.candidate?.unit ?? elig.verdicts.get(b.id)?.unit;
    if (rule === undefined || !unit) continue;
    violations.push({ ...ruleViolation(input, rule, unit, b.candidate), unitId: b.id });
  }
  violations.push(...reserveViolations(elig, members));
  violations.sort(
    (a, b) =>
      (order.get(a.unitId) ?? Infinity) - (order.get(b.unitId) ?? Infinity) ||
      RULE_VIOLATIONS.indexOf(a.rule) - RULE_VIOLATIONS.indexOf(b.rule),
  );
  return { ...pkg, violations };
}

/** A broken rule with its figures and the English sentence built from them. */
function ruleViolation(
  input: RecommendInput,
  rule: RuleViolationKind,
  unit: PoolUnit,
  candidate: Candidate | undefined,
): RuleViolation {
  const name = unit.callsign;
  const base = { unitId: unit.id, rule, stationId: unit.stationId, kind: unit.kind };
  switch (rule) {
    case 'duty': {
      const dutyAtEndHours = Math.round(dutyAtEndH(input, unit, candidate?.etaS ?? 0) * 10) / 10;
      const maxDutyH = input.rules.maxDutyHours;
      return {
        ...base,
        dutyAtEndH: dutyAtEndHours,
        maxDutyH,
        detail: `${name} would reach ${dutyAtEndHours.toFixed(1)} h on duty, past the ${String(maxDutyH)} h limit`,
      };
    }
    case 'battery': {
      const floorPct = input.rules.batteryFloorPct[unit.kind];
      return {
        ...base,
        ...(unit.batteryPct === undefined ? {} : { batteryPct: unit.batteryPct }),
        ...(floorPct === undefined ? {} : { floorPct }),
        detail: `${name}'s battery is ${String(unit.batteryPct)} %, under the ${String(floorPct)} % floor`,
      };
    }
    case 'availability':
      return { ...base, status: unit.status, detail: `${name} is ${unit.status}, not available` };
    default:
      return { ...base, detail: `${name} has no road to the scene; it is left out of the package` };
  }
}

/**
 * Per reserve group (station × kind, station × reserved module), the latest-arriving LENDING units
 * beyond the group's spare break the station's reserve; each such unit is reported once, for the
 * first group it breaks. A unit answering its own area never does (the reserve protects that area).
 */
function reserveViolations(elig: Eligibility, members: readonly Candidate[]): RuleViolation[] {
  const byGroup = new Map<string, Candidate[]>();
  for (const c of members) {
    if (c.unit.status !== 'available' || !c.lending) continue;
    for (const key of c.caps) {
      const list = byGroup.get(key) ?? [];
      list.push(c);
      byGroup.set(key, list);
    }
  }
  const reported = new Set<string>();
  const out: RuleViolation[] = [];
  for (const [key, list] of byGroup) {
    const group = elig.reserve.group(key);
    if (!group) continue;
    const left = group.available - list.length;
    const over = [...list]
      .sort((a, b) => b.etaS - a.etaS || (a.unit.id < b.unit.id ? 1 : -1))
      .slice(0, Math.max(0, list.length - elig.reserve.spareOf(key)));
    const what = group.module ? `units with ${group.module}` : `${String(group.kind)}`;
    for (const c of over) {
      if (reported.has(c.unit.id)) continue;
      reported.add(c.unit.id);
      out.push({
        unitId: c.unit.id,
        rule: 'reserve',
        stationId: c.unit.stationId,
        kind: c.unit.kind,
        ...(group.module ? { reserveModule: group.module } : {}),
        reserveMin: group.min,
        reserveAvailable: left,
        detail: `${c.unit.callsign} would leave ${c.unit.stationId} with ${String(left)} ${what} available, under its reserve of ${String(group.min)}, to help another jurisdiction`,
      });
    }
  }
  return out;
}
