// Why a need is not covered, and what would satisfy it. Every unit in the pool that carries the
// module is accounted for, so "found 0" always comes with the reason the others could not go.
import type { ModuleNeed } from '../../../../shared/domain/incidents';
import {
  HELD_REASONS,
  type HeldReason,
  type HeldUnit,
  type Shortfall,
} from '../../../../shared/domain/support';
import type { PoolUnit, RecommendInput } from '../types';
import { dutyAtEndH, isLending, type Eligibility } from './eligibility';
import type { ReserveGroup } from './reserve';
import type { Plan } from './plan';

/**
 * Why one unit carrying the module is not counting for this need: an eligibility exclusion, or
 * 'used-elsewhere' (in the package, counting for another need: one unit, one need), or
 * 'not-chosen' (eligible, with spare at its station, yet not in this what-if package).
 */
export type BlockReason = HeldReason;

const CAUSE: Readonly<Record<BlockReason, Shortfall['cause']>> = {
  'not-available': 'all-busy',
  'battery-floor': 'battery',
  'past-duty': 'all-past-duty',
  'at-reserve': 'all-at-reserve',
  unreachable: 'unreachable',
  'excluded-by-commander': 'excluded-by-commander',
  'used-elsewhere': 'used-elsewhere',
  'not-chosen': 'not-chosen',
};

const PHRASE: Readonly<Record<BlockReason, string>> = {
  'not-available': 'not available',
  'battery-floor': 'under the battery floor',
  'past-duty': 'past the duty limit',
  'at-reserve': 'held as station reserve',
  unreachable: 'unreachable by road',
  'excluded-by-commander': 'excluded by the commander',
  'used-elsewhere': 'already counted for another need',
  'not-chosen': 'not in this package',
};

interface Blocker {
  readonly unit: PoolUnit;
  readonly reason: BlockReason;
  readonly etaS: number | undefined;
  /** For 'at-reserve': the station's reserve group with no spare left for it. */
  readonly heldBy?: ReserveGroup;
}

function blockersOf(
  input: RecommendInput,
  elig: Eligibility,
  plan: Plan,
  module: ModuleNeed['module'],
): Blocker[] {
  const inPlan = new Map(plan.picks.map((p) => [p.candidate.unit.id, p]));
  const usedInGroup = new Map<string, number>();
  for (const p of plan.picks) {
    // Only lending units draw on a station's spare; its own-area units do not.
    if (p.candidate.unit.status !== 'available' || !p.candidate.lending) continue;
    for (const g of p.candidate.caps) usedInGroup.set(g, (usedInGroup.get(g) ?? 0) + 1);
  }
  const out: Blocker[] = [];
  for (const unit of input.pool) {
    if (!unit.modules.includes(module)) continue;
    const pick = inPlan.get(unit.id);
    if (pick?.covers === module) continue;
    const verdict = elig.verdicts.get(unit.id);
    const etaS = verdict?.estimate?.etaS;
    let reason: BlockReason;
    let heldBy: ReserveGroup | undefined;
    if (pick) reason = 'used-elsewhere';
    else if (verdict?.reason !== undefined && verdict.reason !== 'no-needed-module') {
      reason = verdict.reason;
    } else if (!isLending(input, unit)) {
      reason = 'not-chosen'; // the reserve never holds a unit back from its own area
    } else {
      heldBy = elig.reserve
        .groupsOf(unit)
        .find((g) => elig.reserve.spareOf(g.key) - (usedInGroup.get(g.key) ?? 0) <= 0);
      reason = heldBy ? 'at-reserve' : 'not-chosen';
    }
    if (reason === 'at-reserve') {
      // Held in eligibility: the first group without spare before any unit left.
      heldBy ??= elig.reserve.groupsOf(unit).find((g) => elig.reserve.spareOf(g.key) <= 0);
    }
    out.push({ unit, reason, etaS, ...(heldBy ? { heldBy } : {}) });
  }
  return out;
}

const minutes = (etaS: number): string => `${Math.max(1, Math.round(etaS / 60))} min`;

/** The nearest held unit with the figures of its remedy. */
function heldUnit(input: RecommendInput, elig: Eligibility, b: Blocker): HeldUnit {
  const u = b.unit;
  const base: HeldUnit = {
    unitId: u.id,
    stationId: u.stationId,
    kind: u.kind,
    reason: b.reason,
    ...(b.etaS === undefined ? {} : { etaS: b.etaS }),
  };
  switch (b.reason) {
    case 'not-available':
      return { ...base, status: u.status };
    case 'battery-floor':
      return {
        ...base,
        ...(u.batteryPct === undefined ? {} : { batteryPct: u.batteryPct }),
        ...(input.rules.batteryFloorPct[u.kind] === undefined
          ? {}
          : { floorPct: input.rules.batteryFloorPct[u.kind] }),
      };
    case 'past-duty':
      return {
        ...base,
        dutyAtEndH: Math.round(dutyAtEndH(input, u, b.etaS ?? 0) * 10) / 10,
        maxDutyH: input.rules.maxDutyHours,
      };
    case 'at-reserve': {
      const g = b.heldBy ?? elig.reserve.groupsOf(u)[0];
      return {
        ...base,
        ...(g?.module ? { reserveModule: g.module } : {}),
        reserveMin: g?.min ?? 0,
        reserveAvailable: g?.available ?? 0,
      };
    }
    default:
      return base;
  }
}

/** The English remedy sentence, from the same figures the UI uses. */
function remedy(h: HeldUnit, jurisdictionId: string, module: string): string {
  switch (h.reason) {
    case 'not-available':
      if (h.status === 'off-duty') return 'it is off duty; calling its crew in would satisfy it';
      if (h.status === 'offline') {
        return 'its device is offline; reaching it by radio and bringing it back online would satisfy it';
      }
      return `it is ${String(h.status)}; it could go once released`;
    case 'battery-floor':
      return `its battery is ${String(h.batteryPct)} %, under the ${String(h.floorPct)} % floor; a charged battery would satisfy it`;
    case 'past-duty':
      return `it would reach ${(h.dutyAtEndH ?? 0).toFixed(1)} h on duty, past the ${String(h.maxDutyH)} h limit; a unit on a fresh shift would satisfy it`;
    case 'at-reserve':
      return `${h.stationId} keeps ${String(h.reserveMin)} ${h.reserveModule ? `units with ${h.reserveModule}` : h.kind} in reserve for its own area and has ${String(h.reserveAvailable)} available; lowering that reserve, or a unit of ${jurisdictionId}, would satisfy it`;
    case 'unreachable':
      return 'no road connects it to the scene';
    case 'excluded-by-commander':
      return 're-including it would satisfy it';
    case 'used-elsewhere':
      return `it already counts for another need; one more unit with ${module} would satisfy it`;
    case 'not-chosen':
      return 'adding it would satisfy it';
  }
}

/** The shortfall of one need that the plan covers `found` times out of `need.count`. */
export function shortfallFor(
  input: RecommendInput,
  elig: Eligibility,
  plan: Plan,
  need: ModuleNeed,
  found: number,
): Shortfall {
  const head = `needs ${String(need.count)} ${need.module}, found ${String(found)}`;
  const blockers = blockersOf(input, elig, plan, need.module);
  if (blockers.length === 0) {
    return {
      module: need.module,
      needed: need.count,
      found,
      cause: 'no-unit-has-module',
      held: [],
      detail:
        found > 0
          ? `${head}: no other unit in this console's pool carries ${need.module}; the rest has to come from outside the pool`
          : `${head}: no unit in this console's pool carries ${need.module}; it has to come from outside the pool`,
    };
  }
  const byReason = new Map<BlockReason, number>();
  const byCause = new Map<Shortfall['cause'], number>();
  for (const b of blockers) {
    byReason.set(b.reason, (byReason.get(b.reason) ?? 0) + 1);
    byCause.set(CAUSE[b.reason], (byCause.get(CAUSE[b.reason]) ?? 0) + 1);
  }
  const nearest = [...blockers].sort(
    (a, b) => (a.etaS ?? Infinity) - (b.etaS ?? Infinity) || (a.unit.id < b.unit.id ? -1 : 1),
  )[0];
  // The cause is what holds back most units with the module; a tie goes to the nearest one's.
  let cause: Shortfall['cause'] = nearest ? CAUSE[nearest.reason] : 'all-busy';
  let best = byCause.get(cause) ?? 0;
  for (const [c, n] of byCause) {
    if (n > best) {
      cause = c;
      best = n;
    }
  }
  const held = [...byReason]
    .sort((a, b) => b[1] - a[1] || HELD_REASONS.indexOf(a[0]) - HELD_REASONS.indexOf(b[0]))
    .map(([reason, count]) => ({ reason, count }));
  const breakdown = held.map((h) => `${String(h.count)} ${PHRASE[h.reason]}`).join(', ');
  const plural = blockers.length === 1 ? 'unit' : 'units';
  const other = found > 0 ? 'other ' : '';
  let detail = `${head}: of ${String(blockers.length)} ${other}${plural} with ${need.module}, ${breakdown}`;
  const shortfall: Shortfall = {
    module: need.module,
    needed: need.count,
    found,
    cause,
    detail,
    held,
  };
  if (!nearest) return shortfall;
  const near = heldUnit(input, elig, nearest);
  const where = nearest.etaS === undefined ? 'no route' : `${minutes(nearest.etaS)} away`;
  detail += `; the nearest, ${nearest.unit.callsign} (${nearest.unit.stationId}, ${where}), is ${PHRASE[nearest.reason]}: ${remedy(near, input.incident.jurisdictionId, need.module)}`;
  return { ...shortfall, detail, nearest: near };
}
