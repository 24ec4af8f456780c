// What sending a unit costs the coverage of everyone else: the MEXCLP marginal loss (Daskin 1983;
// as a dispatch rule, Jagtenberg, Bhulai & van der Mei 2017). A demand point d reached in time by
// k_d available units is covered with probability 1 − q^k_d (q: the chance a unit is busy);
// taking one of them away loses w_d (1 − q) q^(k_d − 1). The loss of a unit sums that over the
// points it reaches, as a share of all demand weight (0–1).
//
// Module-aware (when `moduleWeights` is given): demand is per point AND per capability module,
// weighted by the module's share of what run cards ask for, and k counts only the units that
// carry that module. Sending the county's only EOD car to a public-order slot then costs what it
// is: the EOD cover of everywhere it reached, not one public-order unit among dozens.
import type { CapabilityModule } from '../../../../shared/domain/units';
import type { RunCard } from '../../../../shared/domain/incidents';
import type { CoverageInput, PoolUnit, RecommendInput } from '../types';

/** Coverage loss per available unit id (0 for units that reach no demand point in time). */
export type CoverageLoss = ReadonlyMap<string, number>;

const NONE: CoverageLoss = new Map();

/** Each module's share (0–1) of all unit slots the region's run cards ask for. */
export function moduleDemandShares(
  cards: readonly RunCard[],
): Partial<Record<CapabilityModule, number>> {
  const slots = new Map<CapabilityModule, number>();
  let total = 0;
  for (const card of cards) {
    for (const n of card.needs) {
      slots.set(n.module, (slots.get(n.module) ?? 0) + n.count);
      total += n.count;
    }
  }
  const out: Partial<Record<CapabilityModule, number>> = {};
  if (total > 0) for (const [m, c] of slots) out[m] = c / total;
  return out;
}

/** The modules demand is kept per, with their weights normalised to sum 1 (one, '*', if none). */
function moduleClasses(cov: CoverageInput): readonly (readonly [CapabilityModule | '*', number])[] {
  const entries = Object.entries(cov.moduleWeights ?? {}).filter(
    (e): e is [CapabilityModule, number] => (e[1] ?? 0) > 0,
  );
  const sum = entries.reduce((s, [, w]) => s + w, 0);
  if (!(sum > 0)) return [['*', 1]];
  return entries.map(([m, w]) => [m, w / sum] as const);
}

/**
 * One priceAll per demand point over the available units (a few dozen calls of one search
 * each), computed once per recommendation. Units that are not available cover nothing now.
 */
export function coverageLoss(input: RecommendInput): CoverageLoss {
  const cov = input.coverage;
  if (!cov || cov.demand.length === 0) return NONE;
  const total = cov.demand.reduce((s, d) => s + Math.max(0, d.weight), 0);
  if (!(total > 0)) return NONE;
  const q = Math.min(1, Math.max(0, cov.busyFraction));
  const available: PoolUnit[] = input.pool.filter((u) => u.status === 'available');
  if (available.length === 0) return NONE;
  const classes = moduleClasses(cov);
  const modulesOf = new Map(available.map((u) => [u.id, u.modules]));
  const loss = new Map<string, number>();
  for (const d of cov.demand) {
    if (!(d.weight > 0)) continue;
    const reach: string[] = [];
    for (const e of input.travel.priceAll(d.lonLat, available)) {
      if (e.etaS !== undefined && e.etaS <= cov.thresholdS) reach.push(e.unitId);
    }
    for (const [module, share] of classes) {
      const carriers =
        module === '*' ? reach : reach.filter((id) => modulesOf.get(id)?.includes(module));
      if (carriers.length === 0) continue;
      const marginal = (d.weight / total) * share * (1 - q) * q ** (carriers.length - 1);
      for (const id of carriers) loss.set(id, (loss.get(id) ?? 0) + marginal);
    }
  }
  return loss;
}
